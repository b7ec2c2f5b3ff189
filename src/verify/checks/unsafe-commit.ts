// unsafe-commit: the group never committed offset N on a partition while some offset below N in
// the log still lacked a 2xx delivery. Such a commit is the window through which a crash loses
// data: a consumer restarted from N never reads the undelivered message again. Proved per
// partition in O((messages + commits) log n) with delivered-by.ts's prefix maximum.

import { doubtFromTorn, type EvidenceIndex } from '../evidence-index.js';
import { allBelowDeliveredAtMs, deliveredBy, firstUndeliveredBelow } from '../delivered-by.js';
import { Examples, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    'unsafe-commit': true;
  }
}

export function checkUnsafeCommit(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const commits = index.commits();
  const examples = new Examples();
  let unsafeCommits = 0;
  let messagesExposed = 0;
  let commitsJudged = 0;

  for (let p = 0; p < commits.byPartition.length; p++) {
    const partitionCommits = commits.byPartition[p];
    const positions = messages.positions[p];
    if (!partitionCommits) continue;
    commitsJudged += partitionCommits.records.length;
    const delivered = deliveredBy(messages, p);
    if (!positions || !delivered) continue;
    const size = positions.offsets.length;
    const { firstOkAtMs } = delivered;

    for (let k = 0; k < partitionCommits.records.length; k++) {
      const committed = partitionCommits.offsets[k]!;
      const atMs = partitionCommits.atMs[k]!;
      if (allBelowDeliveredAtMs(delivered, committed) <= atMs) continue;
      unsafeCommits++;
      examples.add(
        () =>
          `${index.partitions.list[p]!.label} commit ${committed} at ${atMs} while offset ${firstUndeliveredBelow(delivered, committed, atMs)} undelivered`,
      );
    }

    // A position is exposed when some commit above its offset came before its first 2xx:
    // walk offsets downwards, keeping the earliest time of the commits above.
    const byOffset = Int32Array.from(partitionCommits.offsets.keys()).sort(
      (a, b) => partitionCommits.offsets[b]! - partitionCommits.offsets[a]!,
    );
    let c = 0;
    let earliestAboveMs = Infinity;
    for (let i = size - 1; i >= 0; i--) {
      const offset = positions.offsets[i]!;
      while (c < byOffset.length && partitionCommits.offsets[byOffset[c]!]! > offset) {
        earliestAboveMs = Math.min(earliestAboveMs, partitionCommits.atMs[byOffset[c]!]!);
        c++;
      }
      if (earliestAboveMs < firstOkAtMs[i]!) messagesExposed++;
    }
  }

  return {
    name: 'unsafe-commit',
    valid: unsafeCommits === 0,
    figures: { commits: commitsJudged, unsafeCommits, messagesExposed },
    examples: examples.list,
    explanation:
      unsafeCommits === 0
        ? `None of the group's ${commitsJudged} commits passed an offset not yet delivered with a 2xx.`
        : `${unsafeCommits} of the group's ${commitsJudged} commits passed offsets not yet delivered with a 2xx, exposing ${messagesExposed} messages to loss on a crash.`,
  };
}

export const unsafeCommitCheck = defineCheck({
  name: 'unsafe-commit',
  order: 30,
  category: CATEGORIES.unsafeCommit,
  summary: 'No commit passed an offset of its partition that had no 2xx yet: the window through which a crash loses data.',
  needs: ['log', 'delivered', 'commits'],
  run: checkUnsafeCommit,
  doubt: (outcome, index) =>
    doubtFromTorn(outcome.figures.messagesExposed, index, ['delivered'], 'messages were exposed by commits ahead of their 2xx'),
});
