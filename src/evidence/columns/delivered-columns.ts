// delivered.jsonl — every request the target saw — as columns over the shared tables (see
// produced-columns.ts for the pattern). status and answeredAt are NaN for a dropped request.

import type { DeliveryRecord } from '../ledger-records.js';
import { ChecksumColumnBuilder, checksumString, type Checksums } from './checksum-column.js';
import { float64Column, int32Column, uint8Column } from './growable-column.js';
import { codeOf, numberOf, stringOf, type LedgerTables } from './ledger-tables.js';

/** outcome codes; 0: neither (malformed). */
export const DELIVERY_ANSWERED = 1;
export const DELIVERY_DROPPED = 2;

export interface DeliveredColumns extends Iterable<DeliveryRecord> {
  readonly kind: 'delivered-columns';
  readonly length: number;
  readonly tables: LedgerTables;
  /** tables.ids code; NULL_CODE for a request without an id. */
  readonly id: Int32Array;
  readonly receivedAtMs: Float64Array;
  readonly checksum: Checksums;
  readonly bytes: Float64Array;
  readonly method: Int32Array;
  readonly path: Int32Array;
  readonly sutInstance: Int32Array;
  /** DELIVERY_* code. */
  readonly outcome: Uint8Array;
  /** NaN: null (dropped). */
  readonly status: Float64Array;
  readonly answeredAtMs: Float64Array;
  readonly source?: readonly DeliveryRecord[];
  record(i: number): DeliveryRecord;
}

export class DeliveredColumnsBuilder {
  private readonly id = int32Column();
  private readonly receivedAtMs = float64Column();
  private readonly checksum: ChecksumColumnBuilder;
  private readonly bytes = float64Column();
  private readonly method = int32Column();
  private readonly path = int32Column();
  private readonly sutInstance = int32Column();
  private readonly outcome = uint8Column();
  private readonly status = float64Column();
  private readonly answeredAtMs = float64Column();

  constructor(private readonly tables: LedgerTables) {
    this.checksum = new ChecksumColumnBuilder(tables);
  }

  push(record: DeliveryRecord): void {
    const { strings } = this.tables;
    this.receivedAtMs.push(numberOf(record.receivedAt));
    this.id.push(codeOf(this.tables.ids, record.id));
    this.checksum.push(record.checksum);
    this.bytes.push(numberOf(record.bytes));
    this.method.push(codeOf(strings, record.method));
    this.path.push(codeOf(strings, record.path));
    this.sutInstance.push(codeOf(strings, record.sutInstance));
    this.outcome.push(record.outcome === 'answered' ? DELIVERY_ANSWERED : record.outcome === 'dropped' ? DELIVERY_DROPPED : 0);
    this.status.push(numberOf(record.status));
    this.answeredAtMs.push(numberOf(record.answeredAt));
  }

  /** Sizes every column for `records` (an estimate from the file's size), growing each once. */
  reserve(records: number): void {
    this.id.reserve(records);
    this.receivedAtMs.reserve(records);
    this.checksum.reserve(records);
    this.bytes.reserve(records);
    this.method.reserve(records);
    this.path.reserve(records);
    this.sutInstance.reserve(records);
    this.outcome.reserve(records);
    this.status.reserve(records);
    this.answeredAtMs.reserve(records);
  }

  build(source?: readonly DeliveryRecord[]): DeliveredColumns {
    const { tables } = this;
    const columns = {
      kind: 'delivered-columns' as const,
      length: this.id.length,
      tables,
      id: this.id.view(),
      receivedAtMs: this.receivedAtMs.view(),
      checksum: this.checksum.build(),
      bytes: this.bytes.view(),
      method: this.method.view(),
      path: this.path.view(),
      sutInstance: this.sutInstance.view(),
      outcome: this.outcome.view(),
      status: this.status.view(),
      answeredAtMs: this.answeredAtMs.view(),
      ...(source ? { source } : {}),
      record(i: number): DeliveryRecord {
        if (source) return source[i]!;
        const seen = {
          id: stringOf(tables.ids, columns.id[i]!),
          receivedAt: columns.receivedAtMs[i]!,
          checksum: checksumString(columns.checksum, i, tables)!,
          bytes: columns.bytes[i]!,
          method: stringOf(tables.strings, columns.method[i]!)!,
          path: stringOf(tables.strings, columns.path[i]!)!,
          sutInstance: stringOf(tables.strings, columns.sutInstance[i]!),
        };
        return columns.outcome[i] === DELIVERY_ANSWERED
          ? { ...seen, outcome: 'answered', status: columns.status[i]!, answeredAt: columns.answeredAtMs[i]! }
          : { ...seen, outcome: 'dropped', status: null, answeredAt: null };
      },
      *[Symbol.iterator](): Iterator<DeliveryRecord> {
        for (let i = 0; i < columns.length; i++) yield columns.record(i);
      },
    };
    return columns;
  }
}

/** Delivered with a 2xx, as isSuccess() means it, for delivery `i`. */
export function isSuccessAt(delivered: DeliveredColumns, i: number): boolean {
  const status = delivered.status[i]!;
  return delivered.outcome[i] === DELIVERY_ANSWERED && status >= 200 && status < 300;
}

export function deliveredColumns(records: readonly DeliveryRecord[], tables: LedgerTables): DeliveredColumns {
  const builder = new DeliveredColumnsBuilder(tables);
  for (const record of records) builder.push(record);
  return builder.build(records);
}
