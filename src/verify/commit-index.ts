// The group's commit history, per partition, sorted once by commitTimestamp (ties keep ledger
// order). Commits of other groups or topics are not the SUT's and are left out.

import type { Ledgers, ResolvedOptions } from './types.js';
import { requireInteger, requireString, requireTime } from './evidence-shape.js';
import { topicFilter } from './message-index.js';
import { upperBound, type PartitionRegistry } from './partitions.js';

export interface PartitionCommits {
  /** Indexes into ledgers.commits, in commitTimestamp order. */
  records: Int32Array;
  /** commitTimestamp of each, ascending. */
  atMs: Float64Array;
  /** The committed offset of each. */
  offsets: Float64Array;
}

export interface CommitIndex {
  /** Per partition number; absent when the group never committed it. */
  byPartition: (PartitionCommits | undefined)[];
  /** How many commits are the group's (in scope). */
  count: number;
  warnings: string[];
}

export function buildCommitIndex(ledgers: Ledgers, options: ResolvedOptions, registry: PartitionRegistry): CommitIndex {
  const { commits } = ledgers;
  const inScope = topicFilter(options);
  const partitionOf = new Int32Array(commits.length).fill(-1);
  const lists: number[][] = [];
  let count = 0;
  let otherGroups = 0;
  for (let i = 0; i < commits.length; i++) {
    const record = commits[i]!;
    if (requireString(record.group, 'commits', i, 'group') !== options.group) {
      otherGroups++;
      continue;
    }
    const topic = requireString(record.topic, 'commits', i, 'topic');
    if (!inScope(topic)) continue;
    requireInteger(record.offset, 'commits', i, 'offset');
    requireTime(record.commitTimestamp, 'commits', i, 'commitTimestamp');
    const partition = registry.get(topic, requireInteger(record.partition, 'commits', i, 'partition'));
    partitionOf[i] = partition;
    (lists[partition] ??= []).push(i);
    count++;
  }
  const byPartition: (PartitionCommits | undefined)[] = [];
  for (let p = 0; p < lists.length; p++) {
    const list = lists[p];
    if (!list) continue;
    list.sort((a, b) => commits[a]!.commitTimestamp - commits[b]!.commitTimestamp || a - b);
    const records = Int32Array.from(list);
    const atMs = new Float64Array(records.length);
    const offsets = new Float64Array(records.length);
    for (let k = 0; k < records.length; k++) {
      atMs[k] = commits[records[k]!]!.commitTimestamp;
      offsets[k] = commits[records[k]!]!.offset;
    }
    byPartition[p] = { records, atMs, offsets };
  }
  const warnings =
    otherGroups > 0 ? [`${otherGroups} commits belong to other consumer groups than ${options.group}; they were ignored`] : [];
  return { byPartition, count, warnings };
}

/** The group's committed offset for the partition as of `atMs` (its last commit at or before then); -1 if none. */
export function committedAt(commits: PartitionCommits | undefined, atMs: number): number {
  if (!commits) return -1;
  const k = upperBound(commits.atMs, atMs);
  return k === 0 ? -1 : commits.offsets[k - 1]!;
}
