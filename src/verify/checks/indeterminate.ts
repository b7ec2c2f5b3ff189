// indeterminate: sends that timed out or were cut off (Jepsen's :info) may or may not have been
// written. The read-back settles them: found in the log, they count like acked ones (lost must
// then see them delivered); not found, they are neither lost nor safe. This check only reports
// (always valid), as does the count of definite failures that nevertheless reached the log.

import type { EvidenceIndex } from '../evidence-index.js';
import { Examples, type CheckOutcome } from '../types.js';
import { OUTCOME_FAILED, OUTCOME_INDETERMINATE } from '../../evidence/columns/produced-columns.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    indeterminate: true;
  }
}

export function checkIndeterminate(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const produced = index.columns.produced();
  const examples = new Examples();
  let indeterminate = 0;
  let foundInLog = 0;
  let failedButInLog = 0;
  for (let message = 0; message < messages.count; message++) {
    const producedIndex = messages.produced[message]!;
    if (producedIndex < 0) continue;
    const outcome = produced.outcome[producedIndex];
    const inLog = messages.logged[message]! >= 0;
    if (outcome === OUTCOME_FAILED && inLog) failedButInLog++;
    if (outcome !== OUTCOME_INDETERMINATE) continue;
    indeterminate++;
    if (inLog) foundInLog++;
    else examples.add(messages.idOf(message));
  }
  const notInLog = indeterminate - foundInLog;
  return {
    name: 'indeterminate',
    valid: true,
    figures: { indeterminate, foundInLog, notInLog, failedButInLog },
    examples: examples.list,
    explanation:
      indeterminate === 0
        ? 'Every send had a definite outcome.'
        : `${indeterminate} sends had no definite outcome: ${foundInLog} were found in the log and judged like acked ones, ${notInLog} were not and are neither lost nor safe.`,
  };
}

export const indeterminateCheck = defineCheck({
  name: 'indeterminate',
  order: 90,
  category: CATEGORIES.other,
  summary: 'Reports the sends without a definite outcome and how the read-back settled them; always holds.',
  needs: ['produced', 'log'],
  run: checkIndeterminate,
});
