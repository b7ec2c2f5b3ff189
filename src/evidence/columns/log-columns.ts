// log.jsonl — the read-back — as columns: id, topic, partition, offset and checksum of each
// record, as typed arrays over the shared tables (see produced-columns.ts for the pattern).

import type { LogRecord } from '../ledger-records.js';
import { ChecksumColumnBuilder, checksumString, type Checksums } from './checksum-column.js';
import { float64Column, int32Column } from './growable-column.js';
import { codeOf, numberOf, stringOf, type LedgerTables } from './ledger-tables.js';

export interface LogColumns extends Iterable<LogRecord> {
  readonly kind: 'log-columns';
  readonly length: number;
  readonly tables: LedgerTables;
  /** tables.ids code; NULL_CODE for a record without a chaos id. */
  readonly id: Int32Array;
  readonly topic: Int32Array;
  readonly partition: Float64Array;
  readonly offset: Float64Array;
  readonly checksum: Checksums;
  readonly source?: readonly LogRecord[];
  record(i: number): LogRecord;
}

export class LogColumnsBuilder {
  private readonly id = int32Column();
  private readonly topic = int32Column();
  private readonly partition = float64Column();
  private readonly offset = float64Column();
  private readonly checksum: ChecksumColumnBuilder;

  constructor(private readonly tables: LedgerTables) {
    this.checksum = new ChecksumColumnBuilder(tables);
  }

  push(record: LogRecord): void {
    this.topic.push(codeOf(this.tables.strings, record.topic));
    this.id.push(codeOf(this.tables.ids, record.id));
    this.partition.push(numberOf(record.partition));
    this.offset.push(numberOf(record.offset));
    this.checksum.push(record.checksum);
  }

  /** Sizes every column for `records` (an estimate from the file's size), growing each once. */
  reserve(records: number): void {
    this.id.reserve(records);
    this.topic.reserve(records);
    this.partition.reserve(records);
    this.offset.reserve(records);
    this.checksum.reserve(records);
  }

  build(source?: readonly LogRecord[]): LogColumns {
    const { tables } = this;
    const columns = {
      kind: 'log-columns' as const,
      length: this.id.length,
      tables,
      id: this.id.view(),
      topic: this.topic.view(),
      partition: this.partition.view(),
      offset: this.offset.view(),
      checksum: this.checksum.build(),
      ...(source ? { source } : {}),
      record(i: number): LogRecord {
        if (source) return source[i]!;
        return {
          id: stringOf(tables.ids, columns.id[i]!),
          topic: stringOf(tables.strings, columns.topic[i]!)!,
          partition: columns.partition[i]!,
          offset: columns.offset[i]!,
          checksum: checksumString(columns.checksum, i, tables)!,
        };
      },
      *[Symbol.iterator](): Iterator<LogRecord> {
        for (let i = 0; i < columns.length; i++) yield columns.record(i);
      },
    };
    return columns;
  }
}

export function logColumns(records: readonly LogRecord[], tables: LedgerTables): LogColumns {
  const builder = new LogColumnsBuilder(tables);
  for (const record of records) builder.push(record);
  return builder.build(records);
}
