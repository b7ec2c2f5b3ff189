// broker-side-loss: every send the broker acked is in the log at the end. An acked message that
// the read-back cannot find was lost by Kafka itself (unclean leader election, acks < all), not
// by the consumer pipeline — the two must never be confused. Also reported, without failing:
// acked messages found at another position than the ack's, and ids written more than once.

import { doubtFromTorn, type EvidenceIndex } from '../evidence-index.js';
import { EXCUSED_LOG } from '../message-index.js';
import { OUTCOME_OK } from '../../evidence/columns/produced-columns.js';
import { Examples, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    'broker-side-loss': true;
  }
}

export function checkBrokerSideLoss(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const produced = index.columns.produced();
  const log = index.columns.log();
  const examples = new Examples();
  let producedOk = 0;
  let missingFromLog = 0;
  let misplaced = 0;
  let writtenTwice = 0;
  for (let message = 0; message < messages.count; message++) {
    if (messages.logCopies[message]! > 1) writtenTwice++;
    const producedIndex = messages.produced[message]!;
    if (producedIndex < 0) continue;
    if (produced.outcome[producedIndex] !== OUTCOME_OK) continue;
    producedOk++;
    const logIndex = messages.logged[message]!;
    if (logIndex < 0) {
      if (messages.excused[message]! & EXCUSED_LOG) continue; // its read-back line was torn
      missingFromLog++;
      examples.add(messages.idOf(message));
      continue;
    }
    if (
      log.topic[logIndex] !== produced.topic[producedIndex] ||
      log.partition[logIndex] !== produced.partition[producedIndex] ||
      log.offset[logIndex] !== produced.offset[producedIndex]
    )
      misplaced++;
  }
  return {
    name: 'broker-side-loss',
    valid: missingFromLog === 0,
    figures: { producedOk, missingFromLog, misplaced, writtenTwice },
    examples: examples.list,
    explanation:
      missingFromLog === 0
        ? `All ${producedOk} acked sends are in the log.`
        : `${missingFromLog} of ${producedOk} acked sends are missing from the log: Kafka lost them.`,
  };
}

export const brokerSideLossCheck = defineCheck({
  name: 'broker-side-loss',
  order: 80,
  category: CATEGORIES.loss,
  summary: 'Every send the broker acked is in the log: Kafka itself lost nothing.',
  needs: ['produced', 'log'],
  run: checkBrokerSideLoss,
  doubt: (outcome, index) => doubtFromTorn(outcome.figures.missingFromLog, index, ['log'], 'acked sends are missing from the log'),
});
