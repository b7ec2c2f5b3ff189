// timeline.json: the run second by second, for the report's chart — messages acked and
// delivered (first 2xx) in each second, each partition's committed offset and lag at the
// second's end, the fault windows, and the group's generations as the broker stored them
// (group.jsonl: a classic generation, or a consumer-protocol group epoch), and the spans in which
// the group was not OK in Burrow's terms (lag-status.ts). Pure: ledgers in, series out.

import type { AnyLedgers as Ledgers } from '../evidence/columns/column-ledgers.js';
import { groupStatus, LagEvaluator, type GroupLagStatus } from './lag-status.js';

export interface TimelineSecond {
  /** Seconds since the timeline's start. */
  t: number;
  produced: number;
  delivered: number;
  /** "topic/partition" → committed offset at the end of this second (absent: none yet). */
  committed: Record<string, number>;
  /** "topic/partition" → acked messages not yet committed at the end of this second. */
  lag: Record<string, number>;
}

export interface Timeline {
  /** Epoch ms of t = 0. */
  startMs: number;
  seconds: TimelineSecond[];
  faults: { fault: string; subject: string; fromS: number; toS: number | null }[];
  /** Each new generation (classic) or group epoch (KIP-848) of the group, when the broker stored it (absent in older timeline.json files). */
  generations?: { atS: number; label: string }[];
  /** The spans in which the group was not OK in Burrow's terms (lag-status.ts), judged at each second's end. */
  lagStatus?: { fromS: number; toS: number; status: Exclude<GroupLagStatus, 'OK'> }[];
}

/** At most this many seconds are charted (an hour); a longer run keeps its first hour. */
const MAX_SECONDS = 3600;

export function buildTimeline(ledgers: Ledgers, group: string): Timeline {
  // Loops, not Math.min(...spread): a run holds millions of records.
  let startMs = Infinity;
  let endMs = -Infinity;
  const see = (from: number, to: number) => {
    if (from < startMs) startMs = from;
    if (to > endMs) endMs = to;
  };
  for (const r of ledgers.produced) see(r.sentAt, r.endedAt);
  for (const r of ledgers.delivered) see(r.receivedAt, r.answeredAt ?? r.receivedAt);
  for (const f of ledgers.faults) see(f.injectedAt, f.healedAt ?? f.injectedAt);
  for (const c of ledgers.commits) see(c.commitTimestamp, c.commitTimestamp);
  if (!Number.isFinite(startMs)) startMs = endMs = 0;
  const count = Math.min(MAX_SECONDS, Math.floor((endMs - startMs) / 1000) + 1);
  const second = (atMs: number) => Math.floor((atMs - startMs) / 1000);
  const seconds: TimelineSecond[] = Array.from({ length: count }, (_, t) => ({ t, produced: 0, delivered: 0, committed: {}, lag: {} }));

  // High watermark per partition at the end of each second, from the acks.
  const acked = new Map<string, number[]>();
  for (const r of ledgers.produced) {
    if (r.outcome !== 'ok' || r.partition === null || r.offset === null) continue;
    const s = second(r.endedAt);
    if (s >= 0 && s < count) seconds[s]!.produced++;
    const key = `${r.topic}/${r.partition}`;
    const series = acked.get(key) ?? new Array<number>(count).fill(0);
    if (s < count) series[Math.max(0, s)] = Math.max(series[Math.max(0, s)]!, r.offset + 1);
    acked.set(key, series);
  }
  const firstOk = new Set<string>();
  for (const r of [...ledgers.delivered].sort((a, b) => a.receivedAt - b.receivedAt)) {
    if (r.id === null || r.outcome !== 'answered' || r.status < 200 || r.status >= 300 || firstOk.has(r.id)) continue;
    firstOk.add(r.id);
    const s = second(r.answeredAt);
    if (s >= 0 && s < count) seconds[s]!.delivered++;
  }
  const committedAt = new Map<string, (number | undefined)[]>();
  for (const c of [...ledgers.commits].sort((a, b) => a.commitTimestamp - b.commitTimestamp)) {
    if (c.group !== group) continue;
    const key = `${c.topic}/${c.partition}`;
    const series = committedAt.get(key) ?? new Array<number | undefined>(count).fill(undefined);
    const s = Math.max(0, second(c.commitTimestamp));
    if (s < count) series[s] = c.offset;
    committedAt.set(key, series);
  }

  for (const key of new Set([...acked.keys(), ...committedAt.keys()])) {
    let high = 0;
    let committed: number | undefined;
    for (let t = 0; t < count; t++) {
      high = Math.max(high, acked.get(key)?.[t] ?? 0);
      committed = committedAt.get(key)?.[t] ?? committed;
      if (committed !== undefined) seconds[t]!.committed[key] = committed;
      seconds[t]!.lag[key] = Math.max(0, high - Math.max(0, committed ?? 0));
    }
  }

  const faults = ledgers.faults.map((f) => ({
    fault: f.fault,
    subject: f.subject,
    fromS: (f.injectedAt - startMs) / 1000,
    toS: f.healedAt === null ? null : (f.healedAt - startMs) / 1000,
  }));
  return {
    startMs,
    seconds,
    faults,
    generations: generationMarks(ledgers, group, startMs),
    lagStatus: lagStatusSpans(ledgers, group, startMs, count),
  };
}

/** Burrow's group status at each second's end, over every topic the group committed on; the non-OK runs of seconds. */
function lagStatusSpans(ledgers: Ledgers, group: string, startMs: number, count: number): Timeline['lagStatus'] {
  const topics = [...new Set([...ledgers.commits].filter((c) => c.group === group).map((c) => c.topic))];
  const evaluators = topics.map((topic) => new LagEvaluator(ledgers.commits, ledgers.produced, group, topic));
  const spans: NonNullable<Timeline['lagStatus']> = [];
  for (let t = 0; t < count; t++) {
    const atMs = startMs + (t + 1) * 1000;
    const status = groupStatus(evaluators.flatMap((e) => Object.values(e.groupAt(atMs).partitions)));
    if (status === 'OK') continue;
    const last = spans[spans.length - 1];
    if (last && last.status === status && last.toS === t) last.toS = t + 1;
    else spans.push({ fromS: t, toS: t + 1, status });
  }
  return spans;
}

/** A mark per new generation or group epoch; repeated records of one (a member's leaving) are one mark. */
function generationMarks(ledgers: Ledgers, group: string, startMs: number): Timeline['generations'] {
  const marks: Timeline['generations'] = [];
  let last: string | undefined;
  for (const record of [...(ledgers.group ?? [])].sort((a, b) => a.at - b.at)) {
    if (record.group !== group) continue;
    let label: string | undefined;
    if (record.kind === 'classic-generation') {
      label = `generation ${record.generation} (${record.members.length} member${record.members.length === 1 ? '' : 's'})`;
    } else if (record.kind === 'consumer-epoch') label = `group epoch ${record.epoch}`;
    if (label === undefined || label.split(' (')[0] === last) continue;
    last = label.split(' (')[0];
    marks.push({ atS: (record.at - startMs) / 1000, label });
  }
  return marks;
}
