// lost: every message the pipeline had to deliver — in the log, or acked by the broker — got a
// 2xx from the target by the end of the final drain. This is the "no loss" claim itself: an id
// in Kafka that never reached the target with success was dropped somewhere in the pipeline. A
// message whose delivery record was lost with a torn last line is excused, not counted as lost.

import { doubtFromTorn, type EvidenceIndex } from '../evidence-index.js';
import { EXCUSED_DELIVERY, mustDeliver } from '../message-index.js';
import { Examples, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    lost: true;
  }
}

export function checkLost(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const cutoffMs = index.options.drainEndedAt;
  const produced = index.columns.produced();
  const examples = new Examples();
  let logged = 0;
  let delivered = 0;
  let deliveredAfterDrain = 0;
  let excused = 0;
  for (let message = 0; message < messages.count; message++) {
    if (!mustDeliver(messages, produced, message)) continue;
    if (messages.excused[message]! & EXCUSED_DELIVERY && messages.firstOkAnsweredAt[message] === Infinity) {
      excused++;
      continue;
    }
    logged++;
    const firstOkAtMs = messages.firstOkAnsweredAt[message]!;
    if (firstOkAtMs !== Infinity && firstOkAtMs <= cutoffMs) delivered++;
    else {
      if (firstOkAtMs !== Infinity) deliveredAfterDrain++;
      examples.add(messages.idOf(message));
    }
  }
  const lost = logged - delivered;
  return {
    name: 'lost',
    valid: lost === 0,
    figures: { logged, delivered, lost, deliveredAfterDrain, ...(excused > 0 ? { excused } : {}) },
    examples: examples.list,
    explanation:
      lost === 0
        ? `All ${logged} messages in the log (or acked) were delivered with a 2xx.`
        : `${lost} of ${logged} messages in the log (or acked) never got a 2xx delivery${Number.isFinite(cutoffMs) ? ' by the end of the drain' : ''}${deliveredAfterDrain > 0 ? ` (${deliveredAfterDrain} only after it)` : ''}.`,
  };
}

export const lostCheck = defineCheck({
  name: 'lost',
  order: 10,
  category: CATEGORIES.loss,
  summary: 'Every message in the log (or acked) got a 2xx delivery by the end of the drain.',
  needs: ['produced', 'log', 'delivered'],
  run: checkLost,
  doubt: (outcome, index) => doubtFromTorn(outcome.figures.lost, index, ['delivered'], 'lost'),
});
