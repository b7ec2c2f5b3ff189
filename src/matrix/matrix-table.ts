// The matrix as people read it: one row per scenario, one column per client and Kafka version,
// each cell its outcome with the headline figures (lost, duplicates by cause, unsafe commits);
// then the failures and undecided cells in full. Pure: cells in, text and an exit code out.

import type { MatrixCell, HeadlineFigures } from './matrix-cells.js';
import type { PinnedScenario } from './portable-scenarios.js';

export interface MatrixColumn {
  sut: string;
  kafkaVersion: string;
}

const columnLabel = (c: MatrixColumn) => `${c.sut} @ ${c.kafkaVersion}`;

/** "0 lost · 3 dup (3 rewind) · 0 unsafe": what a reader compares across clients; only judged checks. */
export function figuresText(f: HeadlineFigures | undefined): string {
  if (!f) return 'no verdict';
  const parts: string[] = [];
  if (f.lost !== undefined) parts.push(`${f.lost} lost`);
  const d = f.duplicates;
  if (d) {
    const causes = (['rewind', 'retry', 'coordinator', 'unexplained'] as const).filter((c) => d[c] > 0).map((c) => `${d[c]} ${c}`);
    parts.push(`${d.total} dup${causes.length > 0 ? ` (${causes.join(', ')})` : ''}`);
  }
  if (f.unsafeCommits !== undefined) parts.push(`${f.unsafeCommits} unsafe`);
  return parts.length > 0 ? parts.join(' · ') : `judged: ${f.judged.join(', ') || 'nothing'}`;
}

function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return 'not run';
  if (cell.status === 'passed') return `passed · ${figuresText(cell.figures)}`;
  if (cell.status === 'failed') return `FAILED ${cell.category ?? ''} · ${figuresText(cell.figures)}`;
  if (cell.status === 'other-version') return 'other Kafka';
  return cell.status;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function renderMatrix(columns: readonly MatrixColumn[], cells: readonly MatrixCell[], pinned: readonly PinnedScenario[]): string {
  const scenarios = [...new Map(cells.map((c) => [`${c.feature}\0${c.scenario}`, c])).values()];
  const find = (s: MatrixCell, c: MatrixColumn) =>
    cells.find((x) => x.feature === s.feature && x.scenario === s.scenario && x.sut === c.sut && x.kafkaVersion === c.kafkaVersion);
  const rows = scenarios.map((s) => [s.scenario, ...columns.map((c) => cellText(find(s, c)))]);
  const out = [table(['scenario', ...columns.map(columnLabel)], rows)];
  const notable = cells.filter((c) => c.status !== 'passed' && c.status !== 'other-version');
  if (notable.length > 0) {
    out.push('', 'failed, undecided and unsupported cells:');
    for (const c of notable) out.push(`  ${c.sut} @ ${c.kafkaVersion} × "${c.scenario}" (${c.feature}): ${c.detail}`);
  }
  if (pinned.length > 0) {
    out.push('', `not in the matrix (each names its own SUT, so it would run the same client in every column):`);
    for (const p of pinned) out.push(`  "${p.name}" (${p.feature}): ${p.step}`);
  }
  const passed = cells.filter((c) => c.status === 'passed').length;
  const unsupported = cells.filter((c) => c.status === 'unsupported').length;
  const otherVersion = cells.filter((c) => c.status === 'other-version');
  if (otherVersion.length > 0) {
    out.push('', 'cells marked "other Kafka" (not run: the scenario asks for another version than the column\'s):');
    for (const line of new Set(otherVersion.map((c) => `  "${c.scenario}" @ ${c.kafkaVersion}: ${c.detail}`))) out.push(line);
  }
  const run = cells.length - otherVersion.length;
  out.push('', `${passed} of ${run} cells passed${unsupported > 0 ? `; ${unsupported} unsupported by their client` : ''}`);
  return out.join('\n');
}

/**
 * 0 every cell passed (or its client refused the scenario's knobs, or it asks for another Kafka
 * than the column's: both said in the table); 1 a
 * reliability check failed somewhere; 2 otherwise (a cell left undecided).
 */
export function matrixExitCode(cells: readonly MatrixCell[]): 0 | 1 | 2 {
  if (cells.some((c) => c.status === 'failed')) return 1;
  return cells.every((c) => c.status === 'passed' || c.status === 'unsupported' || c.status === 'other-version') ? 0 : 2;
}
