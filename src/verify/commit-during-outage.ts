// commit-during-outage: while the target was down (fault 'target-down', [injectedAt, healedAt))
// nothing could be delivered, so a forwarder that commits only after delivery has nothing new to
// commit. A commit in that window that advances the group's offset commits messages that were
// never delivered — the at-most-once forwarder's signature. A commit that merely repeats the
// offset already committed (a periodic auto-commit of an unchanged position) is counted but
// harmless: only advancing commits make the check fail.

import type { CommitIndex } from './commit-index.js';
import type { Check, EvidenceIndex, Window } from './evidence-index.js';
import { lowerBound } from './partitions.js';
import { Examples, type CheckResult } from './types.js';

export interface CommitsDuring {
  /** Commits whose commitTimestamp falls in a window. */
  commits: number;
  /** Of those, the ones that raised the partition's committed offset (or were its first commit). */
  advancing: number;
  /** Advancing commits, as "p0 commit 5 at 1234". */
  examples: string[];
}

/** Merges overlapping windows; the result is sorted and disjoint. */
export function mergeWindows(windows: readonly Window[]): Window[] {
  const merged: Window[] = [];
  for (const window of [...windows].sort((a, b) => a.fromMs - b.fromMs)) {
    const last = merged[merged.length - 1];
    if (last && window.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, window.toMs);
    else merged.push({ ...window });
  }
  return merged;
}

/** The group's commits whose commitTimestamp falls in any of `windows` ([fromMs, toMs)). */
export function commitsDuring(commits: CommitIndex, windows: readonly Window[], label: (partition: number) => string = (p) => `#${p}`): CommitsDuring {
  const merged = mergeWindows(windows);
  const examples = new Examples();
  let inside = 0;
  let advancing = 0;
  for (let p = 0; p < commits.byPartition.length; p++) {
    const partitionCommits = commits.byPartition[p];
    if (!partitionCommits) continue;
    const { atMs, offsets } = partitionCommits;
    for (const window of merged) {
      const end = lowerBound(atMs, window.toMs);
      for (let k = lowerBound(atMs, window.fromMs); k < end; k++) {
        inside++;
        if (k > 0 && offsets[k]! <= offsets[k - 1]!) continue;
        advancing++;
        examples.add(() => `${label(p)} commit ${offsets[k]} at ${atMs[k]}`);
      }
    }
  }
  return { commits: inside, advancing, examples: examples.list };
}

export function checkCommitDuringOutage(index: EvidenceIndex): CheckResult {
  const outages = index.outages();
  const found = commitsDuring(index.commits(), outages, (p) => index.partitions.list[p]!.label);
  return {
    name: 'commit-during-outage',
    valid: found.advancing === 0,
    figures: { outages: outages.length, commitsDuringOutage: found.commits, advancingCommitsDuringOutage: found.advancing },
    examples: found.examples,
    explanation:
      outages.length === 0
        ? 'The target was never taken down, so there was no outage to commit during.'
        : found.advancing === 0
          ? `The group advanced no committed offset while the target was down (${found.commits} commits there repeated an offset).`
          : `The group advanced its committed offset ${found.advancing} times while the target was down, committing messages it could not have delivered.`,
  };
}

export const commitDuringOutageCheck: Check = { name: 'commit-during-outage', run: checkCommitDuringOutage };
