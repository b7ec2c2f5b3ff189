// commit-during-outage: while the target was down (fault 'target-down', [injectedAt, healedAt))
// nothing could be delivered, so a forwarder that commits only after delivery has nothing new to
// commit — seed 000's "no new commit while the HTTP server is down". A commit in that window
// fails the check when it passes a message that had no 2xx before the outage began: the
// at-most-once forwarder's signature. Two kinds are counted but harmless: a commit that repeats
// the committed offset (a periodic auto-commit), and one that lands just inside the window for
// messages delivered before it (the commit's round trip outlasting the target's last answer).

import type { CommitIndex } from '../commit-index.js';
import type { EvidenceIndex, Window } from '../evidence-index.js';
import { lowerBound } from '../partitions.js';
import { allBelowDeliveredAtMs, deliveredBy, firstUndeliveredBelow, type DeliveredBy } from '../delivered-by.js';
import { Examples, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    'commit-during-outage': true;
  }
}

export interface CommitsDuring {
  /** Commits whose commitTimestamp falls in a window. */
  commits: number;
  /** Of those, the ones that raised the partition's committed offset (or were its first commit). */
  advancing: number;
}

/** Called for each advancing commit in a window: partition, commit position, the window. */
export type AdvancingCommitVisitor = (partition: number, k: number, window: Window) => void;

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
export function commitsDuring(commits: CommitIndex, windows: readonly Window[], visit?: AdvancingCommitVisitor): CommitsDuring {
  const merged = mergeWindows(windows);
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
        visit?.(p, k, window);
      }
    }
  }
  return { commits: inside, advancing };
}

export function checkCommitDuringOutage(index: EvidenceIndex): CheckOutcome {
  const outages = index.outages();
  const commits = index.commits();
  const examples = new Examples();
  const delivered = new Map<number, DeliveredBy | undefined>();
  let pastDelivered = 0;
  const found = commitsDuring(commits, outages, (p, k, window) => {
    // The log is read only when a commit needs judging: without an outage it is not needed.
    if (!delivered.has(p)) delivered.set(p, deliveredBy(index.messages(), p));
    const partition = delivered.get(p);
    const committed = commits.byPartition[p]!.offsets[k]!;
    if (!partition || allBelowDeliveredAtMs(partition, committed) < window.fromMs) return;
    pastDelivered++;
    const atMs = commits.byPartition[p]!.atMs[k]!;
    examples.add(
      () =>
        `${index.partitions.list[p]!.label} commit ${committed} at ${atMs} while offset ${firstUndeliveredBelow(partition, committed, window.fromMs)} undelivered`,
    );
  });
  return {
    name: 'commit-during-outage',
    valid: pastDelivered === 0,
    figures: {
      outages: outages.length,
      commitsDuringOutage: found.commits,
      advancingCommitsDuringOutage: found.advancing,
      commitsPastDeliveredDuringOutage: pastDelivered,
    },
    examples: examples.list,
    explanation:
      outages.length === 0
        ? 'The target was never taken down, so there was no outage to commit during.'
        : pastDelivered === 0
          ? `No commit while the target was down passed a message undelivered before the outage (${found.commits} commits there, ${found.advancing} advancing over earlier deliveries).`
          : `${pastDelivered} commits while the target was down passed messages that had no 2xx before the outage: committed without being delivered.`,
  };
}

export const commitDuringOutageCheck = defineCheck({
  name: 'commit-during-outage',
  order: 40,
  category: CATEGORIES.unsafeCommit,
  summary: 'No commit while the target was down passed a message that had no 2xx before the outage.',
  needs: ['faults', 'commits', 'log', 'delivered'],
  run: checkCommitDuringOutage,
  // A torn fault line may be a heal (the outage then looks endless); a torn delivery whose id is
  // lost may be the 2xx that made a commit safe. Either way the commits cannot be judged.
  doubt: (_outcome, index) =>
    index.torn('faults')
      ? "The last line of faults.jsonl was torn: an outage's heal may be missing, so its window is not known."
      : index.unrecoverableTorn(['delivered']) > 0
        ? 'The last line of delivered.jsonl was torn before its id: the delivery that made these commits safe may be the lost one.'
        : undefined,
});
