// The verdict as an HTML attachment for the Allure report: a header with the overall outcome,
// then one row per check — its name, holds / VIOLATED / unknown, its figures, example ids and
// the checker's one-sentence explanation — and the checker's warnings. Self-contained: every
// style is an inline attribute (Allure shows the attachment in a frame of its own, and the
// fragment can also be embedded), every text is escaped, the output is pure ASCII. A check the
// verdict did not judge reads "not judged" (or "not judged (would fail)"), never "holds"; each
// step finding is a VIOLATED row of its own.

import { isViolation } from '../evidence/run-json.js';
import type { CheckResult, Validity, Verdict } from '../verify/index.js';
import { escapeMarkup as esc, formatNumber } from './markup.js';

interface Mark {
  label: string;
  colour: string;
  background: string;
}

const MARKS: Record<'true' | 'false' | 'unknown', Mark> = {
  true: { label: 'holds', colour: '#1b5e20', background: '#e8f5e9' },
  false: { label: 'VIOLATED', colour: '#b71c1c', background: '#ffebee' },
  unknown: { label: 'unknown', colour: '#8a5a00', background: '#fff8e1' },
};

export function markOf(validity: Validity): Mark {
  return MARKS[String(validity) as keyof typeof MARKS];
}

const NOT_JUDGED: Mark = { label: 'not judged', colour: '#57606a', background: '#f6f8fa' };
const WOULD_FAIL: Mark = { label: 'not judged (would fail)', colour: '#8a5a00', background: '#fff8e1' };

/** A check's mark in the table: its outcome when judged, else not judged. */
function checkMark(check: CheckResult): Mark {
  if (check.judged) return markOf(check.valid);
  return check.valid === false ? WOULD_FAIL : NOT_JUDGED;
}

const CELL = 'padding:6px 8px;border:1px solid #d0d7de;vertical-align:top;text-align:left';
const HEAD = `${CELL};background:#f6f8fa;font-weight:600`;
const CODE = 'font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px';

function badge(mark: Mark): string {
  return `<span style="display:inline-block;padding:1px 8px;border-radius:10px;font-weight:700;color:${mark.colour};background:${mark.background};border:1px solid ${mark.colour}">${esc(mark.label)}</span>`;
}

function figuresCell(figures: Record<string, number>): string {
  const entries = Object.entries(figures);
  if (entries.length === 0) return '<span style="color:#6e7781">&#x2014;</span>';
  return entries.map(([name, value]) => `<div style="${CODE}">${esc(name)} = <b>${esc(formatNumber(value))}</b></div>`).join('');
}

/** Examples shown before the rest fold away, so one long row does not push the others off screen. */
const SHOWN_EXAMPLES = 3;

function examplesCell(examples: readonly string[]): string {
  if (examples.length === 0) return '<span style="color:#6e7781">&#x2014;</span>';
  const line = (example: string) => `<div style="${CODE}">${esc(example)}</div>`;
  const shown = examples.slice(0, SHOWN_EXAMPLES).map(line).join('');
  const rest = examples.slice(SHOWN_EXAMPLES);
  if (rest.length === 0) return shown;
  return `${shown}<details><summary style="cursor:pointer;color:#0969da">${rest.length} more</summary>${rest.map(line).join('')}</details>`;
}

function row(check: CheckResult): string {
  const mark = checkMark(check);
  const tint = check.valid === true || !check.judged ? '' : `;background:${mark.background}`;
  return (
    `<tr data-check="${esc(check.name)}" data-valid="${esc(String(check.valid))}" data-judged="${check.judged}">` +
    `<td style="${CELL}${tint};font-weight:600;white-space:nowrap;${CODE}">${esc(check.name)}</td>` +
    `<td style="${CELL}${tint}">${badge(mark)}</td>` +
    `<td style="${CELL}">${figuresCell(check.figures)}</td>` +
    `<td style="${CELL}">${examplesCell(check.examples)}</td>` +
    `<td style="${CELL}">${esc(check.explanation)}</td>` +
    '</tr>'
  );
}

function findingRow(finding: Verdict['findings'][number]): string {
  const marks = isViolation(finding) ? MARKS.false : MARKS.unknown;
  const tint = `;background:${marks.background}`;
  return (
    `<tr data-finding="${esc(finding.category)}">` +
    `<td style="${CELL}${tint};font-weight:600;white-space:nowrap;${CODE}">${esc(finding.step ?? 'step')}</td>` +
    `<td style="${CELL}${tint}">${badge(marks)}</td>` +
    `<td style="${CELL}" colspan="2">${esc(finding.category)}</td>` +
    `<td style="${CELL}">${esc(finding.detail)}</td>` +
    '</tr>'
  );
}

function summary(verdict: Verdict): string {
  const judged = verdict.checks.filter((c) => c.judged);
  const count = (validity: Validity) => judged.filter((c) => c.valid === validity).length;
  const parts = [`${count(true)} hold`, `${count(false)} violated`, `${count('unknown')} unknown`];
  const notJudged = verdict.checks.length - judged.length;
  if (notJudged > 0) parts.push(`${notJudged} not judged`);
  if (verdict.findings.length > 0) parts.push(`${verdict.findings.length} step findings`);
  return `${verdict.checks.length} checks: ${parts.join(', ')}`;
}

export function verdictTableHtml(verdict: Verdict): string {
  const mark = markOf(verdict.valid);
  const header =
    `<div style="margin:0 0 10px 0;padding:8px 12px;border-left:6px solid ${mark.colour};background:${mark.background}">` +
    `<span style="font-size:16px;font-weight:700;color:${mark.colour}">Verdict: ${esc(mark.label)}</span>` +
    `<span style="margin-left:12px;color:#424a53">${esc(summary(verdict))}</span></div>`;
  const columns = ['check', 'outcome', 'figures', 'examples', 'explanation'].map((c) => `<th style="${HEAD}">${c}</th>`).join('');
  const body =
    verdict.checks.length > 0
      ? verdict.checks.map(row).join('') + verdict.findings.map(findingRow).join('')
      : `<tr><td style="${CELL}" colspan="5">No check ran: the verdict has no checks.</td></tr>`;
  const table = `<table style="border-collapse:collapse;width:100%;font-size:13px"><thead><tr>${columns}</tr></thead><tbody>${body}</tbody></table>`;
  const warnings =
    verdict.warnings.length > 0
      ? `<div style="margin-top:10px;color:#8a5a00"><b>Warnings about the evidence</b><ul style="margin:4px 0">${verdict.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>`
      : '';
  return `<div class="kafka-chaos-verdict" style="font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">${header}${table}${warnings}</div>`;
}
