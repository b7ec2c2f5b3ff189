// recovery: after the last fault healed, the pipeline caught up — every logged message got a 2xx
// by the end of the drain, and the group's final committed offsets equal the log-end offsets (a
// lagging group would re-deliver, or has silently stopped). recoveryMs measures how long after
// the last heal (no faults: after the first send) the last message got its first 2xx. Without
// offsets.json the commit half cannot be judged: 'unknown' unless a message is undelivered.

import { doubtFromTorn, type EvidenceIndex } from '../evidence-index.js';
import { requireInteger, requireTime } from '../evidence-shape.js';
import { EXCUSED_DELIVERY } from '../message-index.js';
import { rawField, topicCodeFilter } from '../scope.js';
import { Examples, MalformedEvidenceError, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    recovery: true;
  }
}

export function checkRecovery(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const { faults, offsets } = index.ledgers;
  const cutoffMs = index.options.drainEndedAt;
  const examples = new Examples();
  const figures: Record<string, number> = {};

  let startMs = -Infinity;
  let unhealedFaults = 0;
  faults.forEach((fault, i) => {
    if (fault.healedAt === null) unhealedFaults++;
    else startMs = Math.max(startMs, requireTime(fault.healedAt, 'faults', i, 'healedAt'));
  });
  if (faults.length === 0) {
    const produced = index.columns.produced();
    const inScope = topicCodeFilter(index.options, produced.tables);
    startMs = Infinity;
    for (let i = 0; i < produced.length; i++) {
      if (!inScope(produced.topic[i]!)) continue;
      const sentAtMs = produced.sentAtMs[i]!;
      if (!Number.isFinite(sentAtMs)) requireTime(rawField(produced, i, 'sentAt'), 'produced', i, 'sentAt');
      startMs = Math.min(startMs, sentAtMs);
    }
  }

  let logged = 0;
  let undelivered = 0;
  let lastFirstOkMs = -Infinity;
  for (let message = 0; message < messages.count; message++) {
    if (messages.logged[message]! < 0) continue;
    logged++;
    const atMs = messages.firstOkAnsweredAt[message]!;
    if (atMs === Infinity && messages.excused[message]! & EXCUSED_DELIVERY) continue; // its 2xx may be the torn line
    if (atMs === Infinity || atMs > cutoffMs) {
      undelivered++;
      examples.add(messages.idOf(message));
    } else if (atMs > lastFirstOkMs) lastFirstOkMs = atMs;
  }
  figures.logged = logged;
  figures.undelivered = undelivered;
  figures.unhealedFaults = unhealedFaults;
  if (Number.isFinite(startMs)) {
    figures.recoveryStartAt = startMs;
    if (undelivered === 0) figures.recoveryMs = Math.max(0, lastFirstOkMs - startMs);
  }

  let behind = 0;
  let ahead = 0;
  if (offsets !== null) {
    if (offsets.group !== index.options.group) {
      throw new MalformedEvidenceError(`offsets.json is for group ${offsets.group}, not ${index.options.group}`);
    }
    const topics = index.options.topics.length > 0 ? index.options.topics : Object.keys(offsets.logEnd);
    let partitions = 0;
    let lagMessages = 0;
    for (const topic of topics) {
      const logEnd = offsets.logEnd[topic];
      if (!logEnd) throw new MalformedEvidenceError(`offsets.json has no log-end offsets for topic ${topic}`);
      for (const [partition, endValue] of Object.entries(logEnd)) {
        partitions++;
        const end = requireInteger(endValue, 'offsets.logEnd', partitions - 1, `${topic}/${partition}`);
        const committedValue = offsets.committed[topic]?.[partition] ?? -1;
        const committed = requireInteger(committedValue, 'offsets.committed', partitions - 1, `${topic}/${partition}`);
        const effective = committed < 0 ? 0 : committed;
        if (effective < end) {
          behind++;
          lagMessages += end - effective;
          examples.add(`${index.partitions.position(index.partitions.get(topic, Number(partition)), committed)} committed, log end ${end}`);
        } else if (effective > end) {
          ahead++;
          examples.add(
            `${index.partitions.position(index.partitions.get(topic, Number(partition)), committed)} committed, past log end ${end}`,
          );
        }
      }
    }
    figures.partitions = partitions;
    figures.partitionsBehind = behind;
    figures.partitionsAhead = ahead;
    figures.lagMessages = lagMessages;
  }

  const valid = undelivered > 0 || behind + ahead > 0 ? false : offsets === null ? 'unknown' : true;
  const recovered =
    figures.recoveryMs === undefined ? '' : ` ${figures.recoveryMs} ms after ${faults.length > 0 ? 'the last heal' : 'the first send'}`;
  let explanation: string;
  if (undelivered > 0)
    explanation = `${undelivered} of ${logged} logged messages had no 2xx delivery by the end, so the pipeline never recovered.`;
  else if (offsets === null)
    explanation = `Every logged message was delivered${recovered}, but without final offsets the commits cannot be judged.`;
  else if (behind + ahead > 0)
    explanation = `Every logged message was delivered${recovered}, but ${behind + ahead} partitions' committed offsets differ from their log end.`;
  else explanation = `Every logged message was delivered${recovered} and the group committed up to the log end.`;
  return { name: 'recovery', valid, figures, examples: examples.list, explanation };
}

export const recoveryCheck = defineCheck({
  name: 'recovery',
  order: 100,
  category: CATEGORIES.other,
  summary: 'After the last heal every logged message got a 2xx and the group committed up to the log end.',
  needs: ['log', 'delivered', 'offsets'],
  run: checkRecovery,
  doubt: ({ figures }, index) =>
    (figures.partitionsBehind ?? 0) + (figures.partitionsAhead ?? 0) > 0
      ? undefined
      : doubtFromTorn(figures.undelivered, index, ['delivered'], 'logged messages had no 2xx'),
});
