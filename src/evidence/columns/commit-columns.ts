// commits.jsonl — the group's commits from __consumer_offsets — as columns over the shared
// tables (see produced-columns.ts for the pattern). leaderEpoch and expireTimestamp are NaN for null.

import type { CommitRecord } from '../ledger-records.js';
import { float64Column, int32Column } from './growable-column.js';
import { codeOf, numberOf, numberOrNull, stringOf, type LedgerTables } from './ledger-tables.js';

export interface CommitColumns extends Iterable<CommitRecord> {
  readonly kind: 'commit-columns';
  readonly length: number;
  readonly tables: LedgerTables;
  /** tables.strings codes. */
  readonly group: Int32Array;
  readonly topic: Int32Array;
  readonly partition: Float64Array;
  readonly offset: Float64Array;
  readonly leaderEpoch: Float64Array;
  readonly metadata: Int32Array;
  readonly commitTimestampMs: Float64Array;
  readonly expireTimestampMs: Float64Array;
  readonly source?: readonly CommitRecord[];
  record(i: number): CommitRecord;
}

export class CommitColumnsBuilder {
  private readonly group = int32Column();
  private readonly topic = int32Column();
  private readonly partition = float64Column();
  private readonly offset = float64Column();
  private readonly leaderEpoch = float64Column();
  private readonly metadata = int32Column();
  private readonly commitTimestampMs = float64Column();
  private readonly expireTimestampMs = float64Column();

  constructor(private readonly tables: LedgerTables) {}

  push(record: CommitRecord): void {
    const { strings } = this.tables;
    this.group.push(codeOf(strings, record.group));
    this.topic.push(codeOf(strings, record.topic));
    this.partition.push(numberOf(record.partition));
    this.offset.push(numberOf(record.offset));
    this.leaderEpoch.push(numberOf(record.leaderEpoch));
    this.metadata.push(codeOf(strings, record.metadata));
    this.commitTimestampMs.push(numberOf(record.commitTimestamp));
    this.expireTimestampMs.push(numberOf(record.expireTimestamp));
  }

  /** Sizes every column for `records` (an estimate from the file's size), growing each once. */
  reserve(records: number): void {
    this.group.reserve(records);
    this.topic.reserve(records);
    this.partition.reserve(records);
    this.offset.reserve(records);
    this.leaderEpoch.reserve(records);
    this.metadata.reserve(records);
    this.commitTimestampMs.reserve(records);
    this.expireTimestampMs.reserve(records);
  }

  build(source?: readonly CommitRecord[]): CommitColumns {
    const { tables } = this;
    const columns = {
      kind: 'commit-columns' as const,
      length: this.group.length,
      tables,
      group: this.group.view(),
      topic: this.topic.view(),
      partition: this.partition.view(),
      offset: this.offset.view(),
      leaderEpoch: this.leaderEpoch.view(),
      metadata: this.metadata.view(),
      commitTimestampMs: this.commitTimestampMs.view(),
      expireTimestampMs: this.expireTimestampMs.view(),
      ...(source ? { source } : {}),
      record(i: number): CommitRecord {
        if (source) return source[i]!;
        return {
          group: stringOf(tables.strings, columns.group[i]!)!,
          topic: stringOf(tables.strings, columns.topic[i]!)!,
          partition: columns.partition[i]!,
          offset: columns.offset[i]!,
          leaderEpoch: numberOrNull(columns.leaderEpoch[i]!),
          metadata: stringOf(tables.strings, columns.metadata[i]!) ?? '',
          commitTimestamp: columns.commitTimestampMs[i]!,
          expireTimestamp: numberOrNull(columns.expireTimestampMs[i]!),
        };
      },
      *[Symbol.iterator](): Iterator<CommitRecord> {
        for (let i = 0; i < columns.length; i++) yield columns.record(i);
      },
    };
    return columns;
  }
}

export function commitColumns(records: readonly CommitRecord[], tables: LedgerTables): CommitColumns {
  const builder = new CommitColumnsBuilder(tables);
  for (const record of records) builder.push(record);
  return builder.build(records);
}
