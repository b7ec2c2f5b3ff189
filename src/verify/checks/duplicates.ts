// duplicates: how often a message reached the target with a 2xx more than once, and why. An
// at-least-once pipeline may duplicate, but only for a reason: each extra 2xx is attributed to
//   rewind      — between the two 2xx deliveries the partition was rewound — the broker's group
//                 history shows it changed owner, or its group's generation changed under an eager
//                 assignor (group-history.ts; without group.jsonl, a SUT restart the harness saw)
//                 — and the group's committed offset for the partition at that moment was at or
//                 below the message's offset, so the partition was legitimately consumed again;
//   retry       — a non-2xx or dropped attempt came between them, or the earlier 2xx took
//                 ≥ slowAnswerMs, so the SUT plausibly never saw it succeed;
//   coordinator — a fault acted on the group's coordinator between them (faults.jsonl role
//                 'group-coordinator'): the earlier delivery's commit could not land, and a
//                 consumer resumes from its last commit that did;
//   unexplained — neither: the duplicate the design does not account for.
// valid: total duplicate deliveries ≤ maxDuplicates. Without a bound nothing is claimed: 'unknown',
// and the verdict shows it as not judged (the figures are information).

import { committedAt } from '../commit-index.js';
import type { EvidenceIndex } from '../evidence-index.js';
import { upperBound } from '../partitions.js';
import { Examples, MAX_EXAMPLES, type CheckOutcome } from '../types.js';
import { isSuccessAt } from '../../evidence/columns/delivered-columns.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    duplicates: true;
  }
}

export type DuplicateCause = 'rewind' | 'retry' | 'coordinator' | 'unexplained';

export function checkDuplicates(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const commits = index.commits();
  const rewinds = index.rewinds();
  const coordinatorFaults = index.coordinatorFaults();
  const delivered = index.columns.delivered();
  const receivedAtMs = delivered.receivedAtMs;
  const { maxDuplicates, slowAnswerMs } = index.options;
  const counts: Record<DuplicateCause, number> = { rewind: 0, retry: 0, coordinator: 0, unexplained: 0 };
  const unexplainedExamples = new Examples();
  const explainedExamples = new Examples();
  let duplicateDeliveries = 0;
  let duplicatedIds = 0;
  let worstMultiplicity = 0;
  const attempts: number[] = [];

  for (let message = 0; message < messages.count; message++) {
    const okCount = messages.okCount[message]!;
    if (okCount > worstMultiplicity) worstMultiplicity = okCount;
    if (okCount < 2) continue;
    duplicatedIds++;
    duplicateDeliveries += okCount - 1;
    attempts.length = 0;
    for (let d = messages.firstDelivery[message]!; d >= 0; d = messages.nextDelivery[d]!) attempts.push(d);
    attempts.sort((a, b) => receivedAtMs[a]! - receivedAtMs[b]! || a - b);

    const partition = messages.partition[message]!;
    const offset = messages.offset[message]!;
    const partitionCommits = partition >= 0 ? commits.byPartition[partition] : undefined;
    let previousOk = -1;
    let failedSincePreviousOk = false;
    let unexplained = false;
    for (const d of attempts) {
      if (!isSuccessAt(delivered, d)) {
        failedSincePreviousOk = true;
        continue;
      }
      if (previousOk >= 0) {
        const earlierReceivedAt = receivedAtMs[previousOk]!;
        const receivedAt = receivedAtMs[d]!;
        let cause: DuplicateCause = 'unexplained';
        if (partition >= 0) {
          const between = (times: Float64Array | undefined) =>
            rewoundBetween(times, earlierReceivedAt, receivedAt, (atMs) => committedAt(partitionCommits, atMs) <= offset);
          if (between(rewinds.byPartition[partition]) || between(rewinds.everyPartition)) cause = 'rewind';
        }
        if (cause === 'unexplained' && (failedSincePreviousOk || delivered.answeredAtMs[previousOk]! - earlierReceivedAt >= slowAnswerMs))
          cause = 'retry';
        if (cause === 'unexplained' && coordinatorFaults.some((w) => w.fromMs <= receivedAt && w.toMs >= earlierReceivedAt))
          cause = 'coordinator';
        counts[cause]++;
        if (cause === 'unexplained') unexplained = true;
      }
      previousOk = d;
      failedSincePreviousOk = false;
    }
    (unexplained ? unexplainedExamples : explainedExamples).add(messages.idOf(message));
  }

  const source =
    rewinds.source === 'broker'
      ? `rewinds from the broker's group history, ${rewinds.generations} generations`
      : "rewinds from the harness's SUT events (no group.jsonl)";
  const examples = [...unexplainedExamples.list, ...explainedExamples.list].slice(0, MAX_EXAMPLES);
  const bounded = Number.isFinite(maxDuplicates);
  const valid = bounded ? duplicateDeliveries <= maxDuplicates : 'unknown';
  const bound = bounded ? ` against the bound of ${maxDuplicates}` : '; no bound was asserted, so duplicates are not judged';
  return {
    name: 'duplicates',
    valid,
    figures: { duplicateDeliveries, duplicatedIds, worstMultiplicity, ...counts, generations: rewinds.generations },
    examples,
    explanation:
      duplicateDeliveries === 0
        ? `No message was delivered with a 2xx more than once${bounded ? '' : bound}.`
        : `${duplicateDeliveries} duplicate 2xx deliveries of ${duplicatedIds} ids (${counts.rewind} rewind, ${counts.retry} retry, ${counts.coordinator} coordinator fault, ${counts.unexplained} unexplained; ${source})${bound}.`,
  };
}

/** Whether one of the ascending `times` in (fromMs, toMs] rewound the partition to at or below the message. */
function rewoundBetween(
  times: Float64Array | undefined,
  fromMs: number,
  toMs: number,
  rewoundToMessage: (atMs: number) => boolean,
): boolean {
  if (!times) return false;
  for (let k = upperBound(times, fromMs); k < times.length && times[k]! <= toMs; k++) if (rewoundToMessage(times[k]!)) return true;
  return false;
}

export const duplicatesCheck = defineCheck({
  name: 'duplicates',
  order: 20,
  category: CATEGORIES.duplicates,
  summary:
    'At most the asserted number of duplicate 2xx deliveries, each attributed to a rewind, a retry or nothing; judged only with a bound.',
  needs: ['delivered'],
  run: checkDuplicates,
  // Without a bound the check claims nothing: its figures are information, never judged.
  judgeable: (options) => Number.isFinite(options.maxDuplicates),
});
