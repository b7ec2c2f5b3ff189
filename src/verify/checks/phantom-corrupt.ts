// phantom-corrupt: the target received only what was produced, intact. A phantom is a request
// whose id was never produced nor found in the log (or that carried no id at all: unidentified);
// a corrupt one carries a known id but a body checksum unlike the one in the log (or, if the
// message is not in the log, the one the producer sent). A log record whose checksum differs
// from the producer's is corruption inside Kafka. Every attempt counts, whatever its answer.

import { doubtFromTorn, type EvidenceIndex } from '../evidence-index.js';
import { EXCUSED_LOG, EXCUSED_PRODUCED } from '../message-index.js';
import { Examples, type CheckOutcome } from '../types.js';
import { sameChecksum } from '../../evidence/columns/checksum-column.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    'phantom-corrupt': true;
  }
}

export function checkPhantomCorrupt(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const produced = index.columns.produced();
  const log = index.columns.log();
  const delivered = index.columns.delivered();
  const examples = new Examples();
  let phantomDeliveries = 0;
  let corruptDeliveries = 0;
  const phantom = new Uint8Array(messages.count);
  const corrupt = new Uint8Array(messages.count);
  let phantomIds = 0;
  let corruptIds = 0;
  for (let d = 0; d < delivered.length; d++) {
    const message = messages.deliveryMessage[d]!;
    if (message < 0) continue; // unidentified, counted by the index
    const logIndex = messages.logged[message]!;
    const producedIndex = messages.produced[message]!;
    if (logIndex < 0 && producedIndex < 0) {
      if (messages.excused[message]! & (EXCUSED_LOG | EXCUSED_PRODUCED)) continue; // its send or read-back line was torn
      phantomDeliveries++;
      if (phantom[message] === 0) {
        phantom[message] = 1;
        phantomIds++;
        examples.add(messages.idOf(message));
      }
      continue;
    }
    const same =
      logIndex >= 0
        ? sameChecksum(delivered.checksum, d, log.checksum, logIndex)
        : sameChecksum(delivered.checksum, d, produced.checksum, producedIndex);
    if (same) continue;
    corruptDeliveries++;
    if (corrupt[message] === 0) {
      corrupt[message] = 1;
      corruptIds++;
      examples.add(messages.idOf(message));
    }
  }
  let corruptInLog = 0;
  for (let message = 0; message < messages.count; message++) {
    const logIndex = messages.logged[message]!;
    const producedIndex = messages.produced[message]!;
    if (logIndex < 0 || producedIndex < 0 || sameChecksum(log.checksum, logIndex, produced.checksum, producedIndex)) continue;
    corruptInLog++;
    examples.add(messages.idOf(message));
  }
  const unidentified = messages.unidentifiedDeliveries;
  const valid = phantomDeliveries + unidentified + corruptDeliveries + corruptInLog === 0;
  return {
    name: 'phantom-corrupt',
    valid,
    figures: { phantomDeliveries, phantomIds, unidentified, corruptDeliveries, corruptIds, corruptInLog },
    examples: examples.list,
    explanation: valid
      ? 'Every delivery carried a produced id and the body that was produced.'
      : `The target saw ${phantomDeliveries} deliveries of ${phantomIds} ids never produced, ${unidentified} without an id, ${corruptDeliveries} with a changed body (${corruptIds} ids), and the log holds ${corruptInLog} changed bodies.`,
  };
}

export const phantomCorruptCheck = defineCheck({
  name: 'phantom-corrupt',
  order: 70,
  category: CATEGORIES.other,
  summary: 'Every delivery carried a produced id and the body that was produced.',
  needs: ['produced', 'log', 'delivered'],
  run: checkPhantomCorrupt,
  doubt: ({ figures }, index) =>
    (figures.unidentified ?? 0) + (figures.corruptDeliveries ?? 0) + (figures.corruptInLog ?? 0) > 0
      ? undefined
      : doubtFromTorn(figures.phantomIds, index, ['produced', 'log'], 'ids were delivered but never produced'),
});
