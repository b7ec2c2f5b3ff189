// The group's commit history, per partition, sorted once by commitTimestamp (ties keep ledger
// order). Commits of other groups or topics are not the SUT's and are left out.

import type { LazyColumns } from '../evidence/columns/column-ledgers.js';
import type { ResolvedOptions } from './types.js';
import { requireInteger, requireString, requireTime } from './evidence-shape.js';
import { rawField, topicCodeFilter } from './scope.js';
import { upperBound, type PartitionRegistry } from './partitions.js';

export interface PartitionCommits {
  /** Indexes into the commit columns, in commitTimestamp order. */
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

export function buildCommitIndex(columns: LazyColumns, options: ResolvedOptions, registry: PartitionRegistry): CommitIndex {
  const commits = columns.commits();
  const { strings } = commits.tables;
  const inScope = topicCodeFilter(options, commits.tables);
  const groupCode = strings.find(options.group);
  const fail = (i: number, field: string, require: (v: unknown, l: string, i: number, f: string) => unknown) =>
    require(rawField(commits, i, field), 'commits', i, field);
  const lists: number[][] = [];
  let count = 0;
  let otherGroups = 0;
  for (let i = 0; i < commits.length; i++) {
    const group = commits.group[i]!;
    if (group < 0) fail(i, 'group', requireString);
    if (group !== groupCode) {
      otherGroups++;
      continue;
    }
    const topic = commits.topic[i]!;
    if (topic < 0) fail(i, 'topic', requireString);
    if (!inScope(topic)) continue;
    if (!Number.isInteger(commits.offset[i])) fail(i, 'offset', requireInteger);
    if (!Number.isFinite(commits.commitTimestampMs[i])) fail(i, 'commitTimestamp', requireTime);
    if (!Number.isInteger(commits.partition[i])) fail(i, 'partition', requireInteger);
    const partition = registry.get(strings.get(topic)!, commits.partition[i]!);
    (lists[partition] ??= []).push(i);
    count++;
  }
  const byPartition: (PartitionCommits | undefined)[] = [];
  for (let p = 0; p < lists.length; p++) {
    const list = lists[p];
    if (!list) continue;
    const atOf = commits.commitTimestampMs;
    list.sort((a, b) => atOf[a]! - atOf[b]! || a - b);
    const records = Int32Array.from(list);
    const atMs = new Float64Array(records.length);
    const offsets = new Float64Array(records.length);
    for (let k = 0; k < records.length; k++) {
      atMs[k] = atOf[records[k]!]!;
      offsets[k] = commits.offset[records[k]!]!;
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
