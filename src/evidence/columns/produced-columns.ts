// produced.jsonl as columns: one typed array per field the checker or the reports read, ids and
// repeated strings interned (ledger-tables.ts). Built by appending records — as the ledger is
// read, or from hand-built records — and read back by index; record(i) rebuilds a record for
// the few readers that want objects (examples, the timeline).

import type { ProducedRecord, SendOutcome } from '../ledger-records.js';
import { ChecksumColumnBuilder, checksumString, type Checksums } from './checksum-column.js';
import { float64Column, int32Column, uint8Column } from './growable-column.js';
import { codeOf, numberOf, numberOrNull, stringOf, type LedgerTables } from './ledger-tables.js';

/** outcome codes; 0: none of them (malformed). */
export const SEND_OUTCOMES: readonly (SendOutcome | undefined)[] = [undefined, 'ok', 'failed', 'indeterminate'];
export const OUTCOME_OK = 1;
export const OUTCOME_FAILED = 2;
export const OUTCOME_INDETERMINATE = 3;

const outcomeCode = (value: unknown): number =>
  value === 'ok' ? OUTCOME_OK : value === 'failed' ? OUTCOME_FAILED : value === 'indeterminate' ? OUTCOME_INDETERMINATE : 0;

export interface ProducedColumns extends Iterable<ProducedRecord> {
  readonly kind: 'produced-columns';
  readonly length: number;
  readonly tables: LedgerTables;
  /** tables.ids code; NOT_STRING_CODE when malformed. */
  readonly id: Int32Array;
  /** tables.strings code. */
  readonly topic: Int32Array;
  readonly key: Int32Array;
  readonly checksum: Checksums;
  readonly sentAtMs: Float64Array;
  readonly endedAtMs: Float64Array;
  /** OUTCOME_* code. */
  readonly outcome: Uint8Array;
  /** NaN: null (or not a number). */
  readonly partition: Float64Array;
  readonly offset: Float64Array;
  readonly error: Int32Array;
  /** The records the columns were built from, when they were hand-built: messages quote them. */
  readonly source?: readonly ProducedRecord[];
  record(i: number): ProducedRecord;
}

export class ProducedColumnsBuilder {
  private readonly id = int32Column();
  private readonly topic = int32Column();
  private readonly key = int32Column();
  private readonly checksum: ChecksumColumnBuilder;
  private readonly sentAtMs = float64Column();
  private readonly endedAtMs = float64Column();
  private readonly outcome = uint8Column();
  private readonly partition = float64Column();
  private readonly offset = float64Column();
  private readonly error = int32Column();

  constructor(private readonly tables: LedgerTables) {
    this.checksum = new ChecksumColumnBuilder(tables);
  }

  push(record: ProducedRecord): void {
    const { ids, strings } = this.tables;
    // topic first: a null record fails here as the checker's first read of it always did.
    this.topic.push(codeOf(strings, record.topic));
    this.id.push(codeOf(ids, record.id));
    this.key.push(codeOf(strings, record.key));
    this.checksum.push(record.checksum);
    this.sentAtMs.push(numberOf(record.sentAt));
    this.endedAtMs.push(numberOf(record.endedAt));
    this.outcome.push(outcomeCode(record.outcome));
    this.partition.push(numberOf(record.partition));
    this.offset.push(numberOf(record.offset));
    this.error.push(codeOf(strings, record.error));
  }

  /** Sizes every column for `records` (an estimate from the file's size), growing each once. */
  reserve(records: number): void {
    this.id.reserve(records);
    this.topic.reserve(records);
    this.key.reserve(records);
    this.checksum.reserve(records);
    this.sentAtMs.reserve(records);
    this.endedAtMs.reserve(records);
    this.outcome.reserve(records);
    this.partition.reserve(records);
    this.offset.reserve(records);
    this.error.reserve(records);
  }

  build(source?: readonly ProducedRecord[]): ProducedColumns {
    const { tables } = this;
    const columns = {
      kind: 'produced-columns' as const,
      length: this.id.length,
      tables,
      id: this.id.view(),
      topic: this.topic.view(),
      key: this.key.view(),
      checksum: this.checksum.build(),
      sentAtMs: this.sentAtMs.view(),
      endedAtMs: this.endedAtMs.view(),
      outcome: this.outcome.view(),
      partition: this.partition.view(),
      offset: this.offset.view(),
      error: this.error.view(),
      ...(source ? { source } : {}),
      record(i: number): ProducedRecord {
        if (source) return source[i]!;
        const error = stringOf(tables.strings, columns.error[i]!);
        return {
          id: stringOf(tables.ids, columns.id[i]!)!,
          topic: stringOf(tables.strings, columns.topic[i]!)!,
          key: stringOf(tables.strings, columns.key[i]!),
          checksum: checksumString(columns.checksum, i, tables)!,
          sentAt: columns.sentAtMs[i]!,
          endedAt: columns.endedAtMs[i]!,
          outcome: SEND_OUTCOMES[columns.outcome[i]!]!,
          partition: numberOrNull(columns.partition[i]!),
          offset: numberOrNull(columns.offset[i]!),
          ...(error === null ? {} : { error }),
        };
      },
      *[Symbol.iterator](): Iterator<ProducedRecord> {
        for (let i = 0; i < columns.length; i++) yield columns.record(i);
      },
    };
    return columns;
  }
}

/** Columns of hand-built records (tests, in-memory ledgers), over `tables`. */
export function producedColumns(records: readonly ProducedRecord[], tables: LedgerTables): ProducedColumns {
  const builder = new ProducedColumnsBuilder(tables);
  for (const record of records) builder.push(record);
  return builder.build(records);
}
