// duplicates-explained: every duplicate 2xx delivery has a cause the design accounts for — a
// rewind the broker's group history shows (the partition changed owner, or an eager generation
// change, while the committed offset was at or below the message) or a retry (a failed or slow
// earlier attempt), or a fault on the group coordinator (a commit that could not land). A count alone cannot tell a correct sink whose commit interval straddled a
// crash from a broken one that happens to duplicate little; the cause can. Judged only when a
// step asserts it ("every duplicate is explained by a rewind or a retry").

import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';
import type { EvidenceIndex } from '../evidence-index.js';
import type { CheckOutcome } from '../types.js';
import { checkDuplicates } from './duplicates.js';

declare module '../check-name.js' {
  interface CheckNames {
    'duplicates-explained': true;
  }
}

export function checkDuplicatesExplained(index: EvidenceIndex): CheckOutcome {
  const duplicates = checkDuplicates(index);
  const { unexplained = 0, rewind = 0, retry = 0, coordinator = 0, generations = 0 } = duplicates.figures;
  const source =
    index.rewinds().source === 'broker'
      ? `${generations} generations of the group as the broker stored them`
      : "the harness's SUT events (no group.jsonl)";
  return {
    name: 'duplicates-explained',
    valid: unexplained === 0,
    figures: { unexplained, rewind, retry, coordinator, generations },
    // Unexplained ids come first in the duplicates check's examples.
    examples: unexplained === 0 ? [] : duplicates.examples.slice(0, Math.min(unexplained, duplicates.examples.length)),
    explanation:
      unexplained === 0
        ? `Every duplicate 2xx delivery is explained (${rewind} by a rewind, ${retry} by a retry, ${coordinator} by a group coordinator fault), against ${source}.`
        : `${unexplained} duplicate 2xx deliveries have no rewind, retry or coordinator fault to explain them (${rewind} rewind, ${retry} retry, ${coordinator} coordinator fault explained), against ${source}.`,
  };
}

export const duplicatesExplainedCheck = defineCheck({
  name: 'duplicates-explained',
  category: CATEGORIES.duplicates,
  summary:
    "Every duplicate 2xx delivery is explained by a rewind in the broker's group history, a retry, or a fault on the group coordinator.",
  needs: ['produced', 'log', 'delivered', 'commits', 'group'],
  run: checkDuplicatesExplained,
  onlyWhenAsserted: true,
});
