// The checks as a table for people: the one in docs/evidence-and-checks.md is this, generated
// from the registry (a unit test keeps the page equal to it), so a new check file shows up in the
// docs without anyone listing it.

import { LEDGER_FILES } from '../evidence/ledger-records.js';
import { CHECKS } from './check-registry.js';
import type { DefinedCheck } from './define-check.js';

export const CHECK_TABLE_HEADER = ['check', 'holds when', 'needs', 'category when violated'] as const;

/** One row per check: its cells, unformatted. */
export function checkRows(checks: readonly DefinedCheck[] = CHECKS): string[][] {
  return checks.map((check) => [
    `\`${check.name}\``,
    check.summary,
    check.needs.map((ledger) => `\`${LEDGER_FILES[ledger]}\``).join(', '),
    check.category,
  ]);
}

/** The Markdown table (unpadded: Prettier pads it in the page). */
export function checksMarkdown(checks: readonly DefinedCheck[] = CHECKS): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(CHECK_TABLE_HEADER), line(CHECK_TABLE_HEADER.map(() => '---')), ...checkRows(checks).map(line)].join('\n');
}
