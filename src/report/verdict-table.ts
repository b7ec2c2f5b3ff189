// The verdict as a terminal table: one row per check with its outcome, figures and examples, one
// VIOLATED row per step finding, then the warnings. A check that was not judged (not asserted, or
// without a bound) never reads "holds": it reads "not judged", or "not judged (would fail)".

import { isViolation } from '../evidence/run-json.js';
import type { CheckResult, Verdict } from '../verify/index.js';

const MARK = { true: 'holds', false: 'VIOLATED', unknown: 'unknown' } as const;

function mark(check: CheckResult): string {
  if (check.judged) return MARK[String(check.valid) as keyof typeof MARK];
  return check.valid === false ? 'not judged (would fail)' : 'not judged';
}

function headline(verdict: Verdict): string {
  const outcome = MARK[String(verdict.valid) as keyof typeof MARK];
  return verdict.valid === 'unknown' ? `verdict: ${outcome} — Checker could not decide` : `verdict: ${outcome}`;
}

export function verdictTable(verdict: Verdict): string {
  const rows = verdict.checks.map((check) => {
    const figures = Object.entries(check.figures)
      .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(1)}`)
      .join(' ');
    const examples = check.examples.length > 0 ? `  e.g. ${check.examples.slice(0, 3).join(', ')}` : '';
    // A judged unknown must say why; so must a row without figures.
    const why = (check.judged && check.valid === 'unknown') || figures === '' ? check.explanation : '';
    const detail = [`${figures}${examples}`, why].filter((part) => part !== '').join('  — ');
    return { name: check.name, mark: mark(check), detail };
  });
  for (const finding of verdict.findings) {
    rows.push({
      name: 'step',
      mark: isViolation(finding) ? MARK.false : MARK.unknown,
      detail: `${finding.category}: ${finding.detail}${finding.step ? ` (${finding.step})` : ''}`,
    });
  }
  const nameWidth = Math.max(...rows.map((r) => r.name.length), 5);
  const markWidth = Math.max(...rows.map((r) => r.mark.length), 8);
  const lines = rows.map((r) => `  ${r.name.padEnd(nameWidth)}  ${r.mark.padEnd(markWidth)}  ${r.detail}`);
  const warnings = verdict.warnings.map((w) => `  warning: ${w}`);
  return [headline(verdict), ...lines, ...warnings].join('\n');
}
