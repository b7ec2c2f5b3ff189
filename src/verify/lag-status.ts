// The group's health in Burrow's terms (linkedin/Burrow, "Consumer Lag Evaluation Rules"), as seed
// 002's operators watch it: no lag threshold, but rules over a sliding window of each partition's
// last commits (10 by default), each with its offset, its time and the lag when it was made. At a
// moment `atMs` a partition is, with the first rule that applies:
//   OK      its current lag is 0, or the lag was 0 at some commit of the window (rule 1);
//   REWIND  a commit of the window is below the one before it (rule 2);
//   STOP    it has not committed for longer than the window spans (rule 3);
//   STALL   the window's commits all hold the same offset while lag stays (rule 4);
//   WARN    the offsets advance, but the lag never goes down from one commit to the next (rule 5);
//   OK      otherwise (the consumer is catching up).
// The group is the worst of its partitions, with REWIND, STOP and STALL reported as ERR. A
// partition without a commit is OK but incomplete, as Burrow has it. The lag at a commit is the
// log end then — from the harness's acks — less the committed offset. Pure: ledgers in, status out.

import type { CommitRecord, ProducedRecord } from '../evidence/ledger-records.js';

export type PartitionLagStatus = 'OK' | 'WARN' | 'STALL' | 'STOP' | 'REWIND';
export type GroupLagStatus = 'OK' | 'WARN' | 'ERR';

/** Burrow's default window: the last 10 commits of each partition. */
export const BURROW_WINDOW = 10;

export interface WindowCommit {
  offset: number;
  atMs: number;
  /** The lag when the commit was made. */
  lag: number;
}

/** Rules 1–5 over one partition's window (oldest first) and its lag at the moment judged. */
export function partitionStatus(window: readonly WindowCommit[], currentLag: number, atMs: number): PartitionLagStatus {
  if (window.length === 0 || currentLag <= 0 || window.some((c) => c.lag <= 0)) return 'OK';
  const pairs = window.slice(1).map((c, i) => [window[i]!, c] as const);
  if (pairs.some(([before, after]) => after.offset < before.offset)) return 'REWIND';
  const first = window[0]!;
  const last = window[window.length - 1]!;
  if (atMs - last.atMs > last.atMs - first.atMs) return 'STOP';
  if (pairs.every(([before, after]) => after.offset === before.offset)) return 'STALL';
  if (pairs.every(([before, after]) => after.lag >= before.lag)) return 'WARN';
  return 'OK';
}

export function groupStatus(partitions: readonly PartitionLagStatus[]): GroupLagStatus {
  if (partitions.some((s) => s === 'REWIND' || s === 'STOP' || s === 'STALL')) return 'ERR';
  return partitions.includes('WARN') ? 'WARN' : 'OK';
}

/** Evaluates one group on one topic at any moment, from the commits and the acks of a run. */
export class LagEvaluator {
  /** "partition" → commits, by time. */
  private readonly commits = new Map<number, CommitRecord[]>();
  /** "partition" → acks (time, offset + 1), by time, with the running log end. */
  private readonly ends = new Map<number, { atMs: number; end: number }[]>();

  constructor(
    commits: Iterable<CommitRecord>,
    produced: Iterable<ProducedRecord>,
    group: string,
    readonly topic: string,
    private readonly window = BURROW_WINDOW,
  ) {
    for (const c of commits) {
      if (c.group !== group || c.topic !== topic) continue;
      const list = this.commits.get(c.partition) ?? [];
      list.push(c);
      this.commits.set(c.partition, list);
    }
    for (const list of this.commits.values()) list.sort((a, b) => a.commitTimestamp - b.commitTimestamp);
    const acks: ProducedRecord[] = [];
    for (const r of produced) if (r.topic === topic && r.outcome === 'ok' && r.partition !== null && r.offset !== null) acks.push(r);
    acks.sort((a, b) => a.endedAt - b.endedAt);
    for (const r of acks) {
      const list = this.ends.get(r.partition!) ?? [];
      const end = Math.max(list[list.length - 1]?.end ?? 0, r.offset! + 1);
      list.push({ atMs: r.endedAt, end });
      this.ends.set(r.partition!, list);
    }
  }

  get partitions(): number[] {
    return [...new Set([...this.commits.keys(), ...this.ends.keys()])].sort((a, b) => a - b);
  }

  /** The log end of a partition at a moment, as the acks show it. */
  logEnd(partition: number, atMs: number): number {
    const list = this.ends.get(partition) ?? [];
    const i = lastAtOrBefore(list, atMs, (e) => e.atMs);
    return i < 0 ? 0 : list[i]!.end;
  }

  partitionAt(partition: number, atMs: number): { status: PartitionLagStatus; lag: number; commits: number } {
    const list = this.commits.get(partition) ?? [];
    const last = lastAtOrBefore(list, atMs, (c) => c.commitTimestamp);
    const window = list.slice(Math.max(0, last - this.window + 1), last + 1).map((c) => ({
      offset: c.offset,
      atMs: c.commitTimestamp,
      lag: Math.max(0, this.logEnd(partition, c.commitTimestamp) - c.offset),
    }));
    const committed = last < 0 ? 0 : list[last]!.offset;
    const lag = Math.max(0, this.logEnd(partition, atMs) - committed);
    return { status: partitionStatus(window, lag, atMs), lag, commits: window.length };
  }

  groupAt(atMs: number): { status: GroupLagStatus; partitions: Record<number, PartitionLagStatus> } {
    const partitions: Record<number, PartitionLagStatus> = {};
    for (const p of this.partitions) partitions[p] = this.partitionAt(p, atMs).status;
    return { status: groupStatus(Object.values(partitions)), partitions };
  }
}

/** The index of the last item at or before `atMs` (-1: none), by binary search over a sorted list. */
function lastAtOrBefore<T>(list: readonly T[], atMs: number, time: (item: T) => number): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (time(list[mid]!) <= atMs) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
