// unsafe-commit: the group never committed offset N on a partition while some offset below N in
// the log still lacked a 2xx delivery. Such a commit is the window through which a crash loses
// data: a consumer restarted from N never reads the undelivered message again. Proved per
// partition in O((messages + commits) log n): the time by which every offset < N had its first
// 2xx is a prefix maximum of first-2xx times over offsets, compared with each commit's time.

import type { Check, EvidenceIndex } from './evidence-index.js';
import { lowerBound, upperBound } from './partitions.js';
import { Examples, type CheckResult } from './types.js';

export function checkUnsafeCommit(index: EvidenceIndex): CheckResult {
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
    if (!positions) continue;
    const size = positions.offsets.length;
    // deliveredBy[i]: the time by which offsets[0..i] all had a 2xx (Infinity: some never did).
    // A record without a chaos id cannot be judged and never holds the window open.
    const firstOkAtMs = new Float64Array(size);
    const deliveredBy = new Float64Array(size);
    let latest = -Infinity;
    for (let i = 0; i < size; i++) {
      const message = positions.messages[i]!;
      const atMs = message < 0 ? -Infinity : messages.firstOkAnsweredAt[message]!;
      firstOkAtMs[i] = atMs;
      if (atMs > latest) latest = atMs;
      deliveredBy[i] = latest;
    }

    for (let k = 0; k < partitionCommits.records.length; k++) {
      const committed = partitionCommits.offsets[k]!;
      const atMs = partitionCommits.atMs[k]!;
      const below = lowerBound(positions.offsets, committed);
      if (below === 0 || deliveredBy[below - 1]! <= atMs) continue;
      unsafeCommits++;
      examples.add(() => {
        const first = upperBound(deliveredBy, atMs, 0, below); // deliveredBy is non-decreasing
        return `${index.partitions.list[p]!.label} commit ${committed} at ${atMs} while offset ${positions.offsets[first]} undelivered`;
      });
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

export const unsafeCommitCheck: Check = { name: 'unsafe-commit', run: checkUnsafeCommit };
