// The shared index of messages, built once per verdict so that no check rescans the ledgers.
// Every id seen anywhere (produced, log, delivered) gets a dense number; per-message facts live
// in typed arrays indexed by that number (no per-message objects), and each partition's log
// records are kept sorted by offset. It reads the ledgers' columns (evidence/columns/), joined
// on the ids table's codes (message-numbering.ts numbers and validates them). Building it is
// O(records), plus a sort only if the read-back was out of offset order.

import type { ResolvedOptions } from './types.js';
import { numberMessages } from './message-numbering.js';
import type { PartitionRegistry } from './partitions.js';
import type { LedgerEvidence, TornLine } from '../evidence/ledger-records.js';
import type { LazyColumns } from '../evidence/columns/column-ledgers.js';
import { isSuccessAt } from '../evidence/columns/delivered-columns.js';
import { OUTCOME_OK, type ProducedColumns } from '../evidence/columns/produced-columns.js';

export interface PartitionPositions {
  /** The partition's log offsets, ascending. */
  offsets: Float64Array;
  /** The message number at each position; -1 for a record with no chaos id (not the harness's). */
  messages: Int32Array;
}

export interface MessageIndex {
  /** How many distinct ids were seen. */
  count: number;
  /** The id of a message. */
  idOf(message: number): string;
  /** The message an id was numbered, if it was seen in scope. */
  find(id: string): number | undefined;
  /** message → index in the produced columns of its best produced record (ok > indeterminate > failed); -1 if never produced. */
  produced: Int32Array;
  /** message → index in the log columns of the first log record carrying its id; -1 if not in the log. */
  logged: Int32Array;
  /** message → how many log records carry its id (above 1: written twice). */
  logCopies: Uint32Array;
  /** message → partition number of its position (the log's, else the produce ack's); -1 if unknown. */
  partition: Int32Array;
  /** message → offset of that position; -1 if unknown. */
  offset: Float64Array;
  /** message → earliest answeredAt of a 2xx delivery; Infinity if none. */
  firstOkAnsweredAt: Float64Array;
  /** message → earliest receivedAt of a 2xx delivery; Infinity if none. */
  firstOkReceivedAt: Float64Array;
  /** message → number of 2xx deliveries. */
  okCount: Uint32Array;
  /** message → first delivery (index in the delivered columns) with its id; -1 if none. */
  firstDelivery: Int32Array;
  /** delivery → the next delivery with the same id, in ledger order; -1 at the end. */
  nextDelivery: Int32Array;
  /** delivery → its message number; -1 when the request carried no id. */
  deliveryMessage: Int32Array;
  unidentifiedDeliveries: number;
  /** Per partition number: its log records, sorted by offset. Absent for partitions with none. */
  positions: (PartitionPositions | undefined)[];
  /** Log records in scope that carry no chaos id. */
  anonymousLogRecords: number;
  /** message → EXCUSED_* bits: evidence of it was lost with a torn last line, so it is not held against the pipeline. */
  excused: Uint8Array;
  warnings: string[];
}

/** A torn last line of delivered.jsonl carried this message, and it may have been its 2xx. */
export const EXCUSED_DELIVERY = 1;
/** A torn last line of log.jsonl carried it: its read-back record is lost. */
export const EXCUSED_LOG = 2;
/** A torn last line of produced.jsonl carried it: its send record is lost. */
export const EXCUSED_PRODUCED = 4;

/** outcome code → rank: ok > indeterminate > failed. */
const OUTCOME_RANK = [0, 3, 1, 2];

export function buildMessageIndex(
  columns: LazyColumns,
  evidence: LedgerEvidence | undefined,
  options: ResolvedOptions,
  registry: PartitionRegistry,
): MessageIndex {
  const { produced, log, delivered, numbering, producedMessage, logMessage, logPartition, deliveryMessage, unidentifiedDeliveries } =
    numberMessages(columns, options, registry);
  const { tables } = produced;
  const warnings: string[] = [];
  const count = numbering.codes.length;
  const messageCodes = numbering.codes.view();
  const index: MessageIndex = {
    count,
    idOf: (message) => tables.ids.get(messageCodes[message]!)!,
    find: (id) => numbering.find(id),
    produced: new Int32Array(count).fill(-1),
    logged: new Int32Array(count).fill(-1),
    logCopies: new Uint32Array(count),
    partition: new Int32Array(count).fill(-1),
    offset: new Float64Array(count).fill(-1),
    firstOkAnsweredAt: new Float64Array(count).fill(Infinity),
    firstOkReceivedAt: new Float64Array(count).fill(Infinity),
    okCount: new Uint32Array(count),
    firstDelivery: new Int32Array(count).fill(-1),
    nextDelivery: new Int32Array(delivered.length).fill(-1),
    deliveryMessage,
    unidentifiedDeliveries,
    positions: [],
    anonymousLogRecords: 0,
    excused: new Uint8Array(count),
    warnings,
  };
  excuseTornIds(evidence, index);

  // Pass 2: produced — keep each id's most definite record.
  let reproduced = 0;
  for (let i = 0; i < produced.length; i++) {
    const message = producedMessage[i]!;
    if (message < 0) continue;
    const current = index.produced[message]!;
    if (current < 0) {
      index.produced[message] = i;
      continue;
    }
    reproduced++;
    if (OUTCOME_RANK[produced.outcome[i]!]! > OUTCOME_RANK[produced.outcome[current]!]!) index.produced[message] = i;
  }
  if (reproduced > 0)
    warnings.push(`${reproduced} produced records repeat an id already produced; each id was judged by its most definite outcome`);

  // Pass 3: the log — each message's position, and each partition's records.
  const perPartition = new Uint32Array(registry.list.length);
  for (let i = 0; i < log.length; i++) {
    const partition = logPartition[i]!;
    if (partition < 0) continue;
    perPartition[partition]!++;
    const message = logMessage[i]!;
    if (message < 0) {
      index.anonymousLogRecords++;
      continue;
    }
    if (index.logCopies[message]!++ === 0) {
      index.logged[message] = i;
      index.partition[message] = partition;
      index.offset[message] = log.offset[i]!;
    }
  }
  if (index.anonymousLogRecords > 0) {
    warnings.push(
      `${index.anonymousLogRecords} log records carry no chaos-id header; they were counted as delivered and otherwise not judged`,
    );
  }
  const fill = new Uint32Array(perPartition.length);
  for (let p = 0; p < perPartition.length; p++) {
    const size = perPartition[p]!;
    if (size > 0) index.positions[p] = { offsets: new Float64Array(size), messages: new Int32Array(size) };
  }
  for (let i = 0; i < log.length; i++) {
    const partition = logPartition[i]!;
    if (partition < 0) continue;
    const at = fill[partition]!++;
    const positions = index.positions[partition]!;
    positions.offsets[at] = log.offset[i]!;
    positions.messages[at] = logMessage[i]!;
  }
  for (const positions of index.positions) if (positions) sortPositions(positions);

  // Messages acked but missing from the log still have a position: the ack's.
  for (let message = 0; message < count; message++) {
    if (index.logged[message]! >= 0) continue;
    const p = index.produced[message]!;
    if (p < 0 || produced.outcome[p] !== OUTCOME_OK) continue;
    index.partition[message] = registry.get(tables.strings.get(produced.topic[p]!)!, produced.partition[p]!);
    index.offset[message] = produced.offset[p]!;
  }

  // Pass 4: deliveries, chained per message in ledger order (built backwards).
  for (let i = delivered.length - 1; i >= 0; i--) {
    const message = deliveryMessage[i]!;
    if (message < 0) continue;
    index.nextDelivery[i] = index.firstDelivery[message]!;
    index.firstDelivery[message] = i;
    if (!isSuccessAt(delivered, i)) continue;
    index.okCount[message]!++;
    const answeredAt = delivered.answeredAtMs[i]!;
    if (answeredAt < index.firstOkAnsweredAt[message]!) index.firstOkAnsweredAt[message] = answeredAt;
    const receivedAt = delivered.receivedAtMs[i]!;
    if (receivedAt < index.firstOkReceivedAt[message]!) index.firstOkReceivedAt[message] = receivedAt;
  }
  return index;
}

/** Marks the messages whose evidence a torn last line took with it (ids recovered from the fragments). */
function excuseTornIds(evidence: LedgerEvidence | undefined, index: MessageIndex): void {
  if (!evidence) return;
  const mark = (torn: TornLine | undefined, bit: number) => {
    const message = torn?.id == null ? undefined : index.find(torn.id);
    if (message === undefined) return;
    index.excused[message]! |= bit;
    index.warnings.push(`${torn!.id} is excused: its record was lost with a torn last line`);
  };
  if (!evidence.delivered?.torn?.notSuccess) mark(evidence.delivered?.torn, EXCUSED_DELIVERY);
  mark(evidence.log?.torn, EXCUSED_LOG);
  mark(evidence.produced?.torn, EXCUSED_PRODUCED);
}

function sortPositions(positions: PartitionPositions): void {
  const { offsets, messages } = positions;
  let sorted = true;
  for (let i = 1; i < offsets.length && sorted; i++) sorted = offsets[i - 1]! <= offsets[i]!;
  if (sorted) return;
  const order = new Int32Array(offsets.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => offsets[a]! - offsets[b]! || a - b);
  const oldOffsets = offsets.slice();
  const oldMessages = messages.slice();
  for (let i = 0; i < order.length; i++) {
    offsets[i] = oldOffsets[order[i]!]!;
    messages[i] = oldMessages[order[i]!]!;
  }
}

/** Whether the message is one the pipeline must deliver: in the log, or acked by the broker. */
export function mustDeliver(index: MessageIndex, produced: ProducedColumns, message: number): boolean {
  if (index.logged[message]! >= 0) return true;
  const p = index.produced[message]!;
  return p >= 0 && produced.outcome[p] === OUTCOME_OK;
}
