// The verdict as a terminal table: one row per check with its validity, figures and examples.

import type { Verdict } from '../verify/index.js';

const MARK = { true: 'holds', false: 'VIOLATED', unknown: 'unknown' } as const;

export function verdictTable(verdict: Verdict): string {
  const rows = verdict.checks.map((check) => {
    const figures = Object.entries(check.figures)
      .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(1)}`)
      .join(' ');
    const examples = check.examples.length > 0 ? `  e.g. ${check.examples.slice(0, 3).join(', ')}` : '';
    return { name: check.name, mark: MARK[String(check.valid) as keyof typeof MARK], detail: `${figures}${examples}` };
  });
  const nameWidth = Math.max(...rows.map((r) => r.name.length), 5);
  const lines = rows.map((r) => `  ${r.name.padEnd(nameWidth)}  ${r.mark.padEnd(8)}  ${r.detail}`);
  const warnings = verdict.warnings.map((w) => `  warning: ${w}`);
  return [`verdict: ${MARK[String(verdict.valid) as keyof typeof MARK]}`, ...lines, ...warnings].join('\n');
}
