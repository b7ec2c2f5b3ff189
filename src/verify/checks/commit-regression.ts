// commit-regression: per partition, in commitTimestamp order, the group's committed offset never
// goes down. A lower commit means the group will re-consume (duplicates at best) and that some
// consumer committed from a stale view of the partition — e.g. a zombie after a rebalance.

import type { EvidenceIndex } from '../evidence-index.js';
import { Examples, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    'commit-regression': true;
  }
}

export function checkCommitRegression(index: EvidenceIndex): CheckOutcome {
  const commits = index.commits();
  const examples = new Examples();
  let regressions = 0;
  let partitionsAffected = 0;
  for (let p = 0; p < commits.byPartition.length; p++) {
    const partitionCommits = commits.byPartition[p];
    if (!partitionCommits) continue;
    const { offsets, atMs } = partitionCommits;
    const before = regressions;
    for (let k = 1; k < offsets.length; k++) {
      if (offsets[k]! >= offsets[k - 1]!) continue;
      regressions++;
      examples.add(() => `${index.partitions.list[p]!.label} commit ${offsets[k]} at ${atMs[k]} after ${offsets[k - 1]}`);
    }
    if (regressions > before) partitionsAffected++;
  }
  return {
    name: 'commit-regression',
    valid: regressions === 0,
    figures: { commits: commits.count, regressions, partitionsAffected },
    examples: examples.list,
    explanation:
      regressions === 0
        ? `The group's ${commits.count} commits never moved a partition's offset backwards.`
        : `${regressions} commits moved a partition's committed offset backwards, on ${partitionsAffected} partitions.`,
  };
}

export const commitRegressionCheck = defineCheck({
  name: 'commit-regression',
  order: 50,
  category: CATEGORIES.unsafeCommit,
  summary: "Per partition, the group's committed offset never went down.",
  needs: ['commits'],
  run: checkCommitRegression,
});
