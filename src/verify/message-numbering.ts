// The message index's first pass: every id in scope gets a dense message number, in order of
// first sight (produced, then log, then delivered — the order examples come out in), and every
// field the checks read is validated on the way: a malformed one throws MalformedEvidenceError
// quoting the record's own value, so exactly the checks that need these ledgers say 'unknown'.

import type { ResolvedOptions } from './types.js';
import { requireIdOrNull, requireInteger, requireOneOf, requireString, requireTime } from './evidence-shape.js';
import type { PartitionRegistry } from './partitions.js';
import { rawField, topicCodeFilter } from './scope.js';
import { isChecksumString } from '../evidence/columns/checksum-column.js';
import type { LazyColumns } from '../evidence/columns/column-ledgers.js';
import { DELIVERY_ANSWERED } from '../evidence/columns/delivered-columns.js';
import { NOT_STRING_CODE, type LedgerTables } from '../evidence/columns/ledger-tables.js';
import { OUTCOME_OK } from '../evidence/columns/produced-columns.js';
import { int32Column } from '../evidence/columns/growable-column.js';

const OUTCOMES = ['ok', 'failed', 'indeterminate'] as const;
const DELIVERY_OUTCOMES = ['answered', 'dropped'] as const;

/**
 * Numbers messages by id, in order of first sight: produced, then log, then delivered (in scope).
 * Typed arrays, not JS arrays: a million numbers kept out of the GC's way.
 */
export class Numbering {
  /** ids-table code → message + 1 (0: not numbered). */
  private messageOfCode = new Int32Array(1024);
  readonly codes = int32Column();
  constructor(private readonly tables: LedgerTables) {}
  of(code: number): number {
    if (code >= this.messageOfCode.length) {
      // The ids table is complete for ledgers read from files; hand-built ones add ids as they are converted.
      const bigger = new Int32Array(Math.max(code + 1, this.tables.ids.size, this.messageOfCode.length * 2));
      bigger.set(this.messageOfCode);
      this.messageOfCode = bigger;
    }
    const known = this.messageOfCode[code]!;
    if (known > 0) return known - 1;
    const message = this.codes.length;
    this.codes.push(code);
    this.messageOfCode[code] = message + 1;
    return message;
  }
  find(id: string): number | undefined {
    const code = this.tables.ids.find(id);
    const known = code < 0 || code >= this.messageOfCode.length ? 0 : this.messageOfCode[code]!;
    return known > 0 ? known - 1 : undefined;
  }
}

export function numberMessages(columns: LazyColumns, options: ResolvedOptions, registry: PartitionRegistry) {
  // Each ledger is converted (if hand-built) and validated in turn, so the first malformed one is the one reported.
  const produced = columns.produced();
  const { tables } = produced;
  const inScope = topicCodeFilter(options, tables);
  const numbering = new Numbering(tables);
  const fail = (
    ledger: { record(i: number): object },
    name: string,
    i: number,
    field: string,
    require: (v: unknown, l: string, i: number, f: string) => unknown,
  ) => {
    require(rawField(ledger, i, field), name, i, field);
  };

  // Pass 1: number every id, validating the fields the checks read.
  const producedMessage = new Int32Array(produced.length).fill(-1);
  for (let i = 0; i < produced.length; i++) {
    const topic = produced.topic[i]!;
    if (topic < 0) fail(produced, 'produced', i, 'topic', requireString);
    if (!inScope(topic)) continue;
    if (!isChecksumString(produced.checksum, i)) fail(produced, 'produced', i, 'checksum', requireString);
    const outcome = produced.outcome[i]!;
    if (outcome === 0) requireOneOf(rawField(produced, i, 'outcome'), OUTCOMES, 'produced', i, 'outcome');
    if (outcome === OUTCOME_OK) {
      if (!Number.isInteger(produced.partition[i])) fail(produced, 'produced', i, 'partition', requireInteger);
      if (!Number.isInteger(produced.offset[i])) fail(produced, 'produced', i, 'offset', requireInteger);
    }
    const id = produced.id[i]!;
    if (id < 0) fail(produced, 'produced', i, 'id', requireString);
    producedMessage[i] = numbering.of(id);
  }
  const log = columns.log();
  const logMessage = new Int32Array(log.length).fill(-1);
  const logPartition = new Int32Array(log.length).fill(-1);
  for (let i = 0; i < log.length; i++) {
    const topic = log.topic[i]!;
    if (topic < 0) fail(log, 'log', i, 'topic', requireString);
    if (!inScope(topic)) continue;
    if (!Number.isInteger(log.offset[i])) fail(log, 'log', i, 'offset', requireInteger);
    if (!isChecksumString(log.checksum, i)) fail(log, 'log', i, 'checksum', requireString);
    const partition = log.partition[i]!;
    if (!Number.isInteger(partition)) fail(log, 'log', i, 'partition', requireInteger);
    logPartition[i] = registry.get(tables.strings.get(topic)!, partition);
    const id = log.id[i]!;
    if (id === NOT_STRING_CODE) fail(log, 'log', i, 'id', requireIdOrNull);
    if (id >= 0) logMessage[i] = numbering.of(id);
  }
  const delivered = columns.delivered();
  const deliveryMessage = new Int32Array(delivered.length).fill(-1);
  let unidentifiedDeliveries = 0;
  for (let i = 0; i < delivered.length; i++) {
    if (!Number.isFinite(delivered.receivedAtMs[i])) fail(delivered, 'delivered', i, 'receivedAt', requireTime);
    if (!isChecksumString(delivered.checksum, i)) fail(delivered, 'delivered', i, 'checksum', requireString);
    const outcome = delivered.outcome[i]!;
    if (outcome === 0) requireOneOf(rawField(delivered, i, 'outcome'), DELIVERY_OUTCOMES, 'delivered', i, 'outcome');
    if (outcome === DELIVERY_ANSWERED) {
      if (!Number.isInteger(delivered.status[i])) fail(delivered, 'delivered', i, 'status', requireInteger);
      if (!Number.isFinite(delivered.answeredAtMs[i])) fail(delivered, 'delivered', i, 'answeredAt', requireTime);
    }
    const id = delivered.id[i]!;
    if (id === NOT_STRING_CODE) fail(delivered, 'delivered', i, 'id', requireIdOrNull);
    if (id < 0) unidentifiedDeliveries++;
    else deliveryMessage[i] = numbering.of(id);
  }

  return { produced, log, delivered, numbering, producedMessage, logMessage, logPartition, deliveryMessage, unidentifiedDeliveries };
}
