// The detection matrix: rows are forwarder modes, columns the scenarios they ran. Pure:
// the plan and the outcomes in, cells and the exit code out. A broken mode's cell is
//   caught           — the scenario ran to its end and failed first on the check the plan
//                      expects, and the correct forwarder passed the same scenario in this run,
//   failed-otherwise — it failed first on another check (a catch by luck is not a catch),
//   unconfirmed      — it failed as expected, but the correct forwarder did not pass the
//                      scenario here, so the failure may be the scenario's, not the bug's,
//   missed           — it passed,
//   env-error        — it could not be judged (never counted as caught);
// the correct forwarder's cell is `passed`, or `false-alarm` when a check failed on it.
// Exit 0 only if every planned cell of a broken mode is caught and correct passes everywhere;
// 1 when a cell is missed, failed otherwise or a false alarm; else 2 when cells stay open.

import { ConfigError } from '../util/errors.js';
import type { ScenarioOutcome, ScenarioRef } from '../scenario/scenario-outcome.js';

export const CORRECT_MODE = 'correct';

export interface Expectation {
  /** A ScenarioRef id. */
  scenario: string;
  /** The failure category the scenario must fail with, e.g. "Message loss". */
  expect: string;
}

export interface ModePlan {
  mode: string;
  /** The bug, in a few words. */
  bug: string;
  expectations: Expectation[];
  /**
   * The reference SUT the mode configures, and how: absent, the TypeScript forwarder with
   * FORWARDER_MODE=<mode>; e.g. the Java forwarder with FORWARDER_COMMIT=auto.
   */
  sut?: { name: string; env: Record<string, string> };
}

export interface SelftestPlan {
  scenarios: ScenarioRef[];
  broken: ModePlan[];
}

export type CellResult = 'caught' | 'failed-otherwise' | 'unconfirmed' | 'missed' | 'passed' | 'false-alarm' | 'env-error';

export interface Cell {
  mode: string;
  scenario: string;
  result: CellResult;
  /** The category a broken mode must fail with; absent for correct. */
  expected?: string;
  detail: string;
}

export interface DetectionMatrix {
  modes: string[];
  scenarios: ScenarioRef[];
  cells: Cell[];
  exitCode: 0 | 1 | 2;
}

/** The scenarios a mode runs: its planned ones; the correct forwarder runs every scenario of the plan. */
export function scenariosFor(plan: SelftestPlan, mode: string): ScenarioRef[] {
  if (mode === CORRECT_MODE) return plan.scenarios.filter((s) => plan.broken.some((m) => m.expectations.some((e) => e.scenario === s.id)));
  const ids = new Set(plan.broken.find((m) => m.mode === mode)?.expectations.map((e) => e.scenario) ?? []);
  return plan.scenarios.filter((s) => ids.has(s.id));
}

/** The plan restricted to the modes `--only` names (correct always runs what they need). */
export function restrictPlan(plan: SelftestPlan, only: readonly string[] | undefined): SelftestPlan {
  if (!only) return plan;
  const known = plan.broken.map((m) => m.mode);
  const unknown = only.find((m) => m !== CORRECT_MODE && !known.includes(m));
  if (unknown !== undefined)
    throw new ConfigError(`--only names "${unknown}", which the self-test plan does not have; modes: ${known.join(', ')}`);
  return { ...plan, broken: plan.broken.filter((m) => only.includes(m.mode)) };
}

export function buildMatrix(plan: SelftestPlan, outcomes: readonly ScenarioOutcome[]): DetectionMatrix {
  const find = (mode: string, scenario: string) => outcomes.find((o) => o.mode === mode && o.scenario === scenario);
  const cells: Cell[] = [];
  for (const scenario of scenariosFor(plan, CORRECT_MODE)) {
    const outcome = find(CORRECT_MODE, scenario.id);
    cells.push({ mode: CORRECT_MODE, scenario: scenario.id, ...judgeCorrect(outcome) });
  }
  for (const mode of plan.broken) {
    for (const { scenario, expect } of mode.expectations) {
      const correctPassed = cells.some((c) => c.mode === CORRECT_MODE && c.scenario === scenario && c.result === 'passed');
      cells.push({ mode: mode.mode, scenario, expected: expect, ...judgeBroken(find(mode.mode, scenario), expect, correctPassed) });
    }
  }
  const has = (result: CellResult) => cells.some((c) => c.result === result);
  const exitCode = has('missed') || has('failed-otherwise') || has('false-alarm') ? 1 : has('env-error') || has('unconfirmed') ? 2 : 0;
  return { modes: [CORRECT_MODE, ...plan.broken.map((m) => m.mode)], scenarios: scenariosFor(plan, CORRECT_MODE), cells, exitCode };
}

function judgeCorrect(outcome: ScenarioOutcome | undefined): Pick<Cell, 'result' | 'detail'> {
  if (!outcome) return { result: 'env-error', detail: 'no result' };
  if (outcome.status === 'env-error') return { result: 'env-error', detail: outcome.detail };
  if (outcome.status === 'passed') return { result: 'passed', detail: 'passed' };
  return { result: 'false-alarm', detail: outcome.detail };
}

function judgeBroken(outcome: ScenarioOutcome | undefined, expect: string, correctPassed: boolean): Pick<Cell, 'result' | 'detail'> {
  if (!outcome) return { result: 'env-error', detail: 'no result' };
  if (outcome.status === 'env-error') return { result: 'env-error', detail: outcome.detail };
  if (outcome.status === 'passed') return { result: 'missed', detail: `the scenario passed; expected "${expect}"` };
  if (outcome.categories[0] !== expect)
    return { result: 'failed-otherwise', detail: `failed first as "${outcome.categories[0]}", expected "${expect}": ${outcome.detail}` };
  if (!correctPassed)
    return {
      result: 'unconfirmed',
      detail: `failed as expected, but the correct forwarder did not pass this scenario in this run: ${outcome.detail}`,
    };
  return { result: 'caught', detail: outcome.detail };
}

/** A mode's row in one word: every cell caught (or passed, for correct), else the worst cell. */
export function rowVerdict(matrix: DetectionMatrix, mode: string): CellResult {
  const row = matrix.cells.filter((c) => c.mode === mode);
  for (const worst of ['missed', 'failed-otherwise', 'false-alarm', 'unconfirmed', 'env-error'] as const)
    if (row.some((c) => c.result === worst)) return worst;
  return mode === CORRECT_MODE ? 'passed' : 'caught';
}

const SHOWN: Record<CellResult, string> = {
  caught: 'caught',
  missed: 'MISSED',
  'failed-otherwise': 'FAILED OTHERWISE',
  unconfirmed: 'unconfirmed',
  passed: 'passed',
  'false-alarm': 'FALSE ALARM',
  'env-error': 'env-error',
};

/** The matrix as text: the table, a legend of its columns, and what each cell expected and saw. */
export function renderMatrix(matrix: DetectionMatrix): string {
  const header = ['mode', ...matrix.scenarios.map((s) => s.id), 'row'];
  const rows = matrix.modes.map((mode) => [
    mode,
    ...matrix.scenarios.map((s) => {
      const cell = matrix.cells.find((c) => c.mode === mode && c.scenario === s.id);
      return cell ? SHOWN[cell.result] : '·';
    }),
    SHOWN[rowVerdict(matrix, mode)],
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), '', 'columns:'];
  for (const s of matrix.scenarios) out.push(`  ${s.id}: ${s.feature} — "${s.name}"`);
  out.push('', 'cells (the check a broken mode must fail → what the scenario said):');
  for (const c of matrix.cells) {
    if (c.result === 'passed') continue;
    const expected = c.expected !== undefined ? `${c.expected} → ` : '';
    out.push(`  ${c.mode} × ${c.scenario}: ${expected}${SHOWN[c.result]}: ${clip(c.detail, 160)}`);
  }
  const passed = matrix.cells.filter((c) => c.result === 'passed').length;
  if (passed > 0)
    out.push(`  ${CORRECT_MODE}: ${passed} of ${matrix.cells.filter((c) => c.mode === CORRECT_MODE).length} scenarios passed`);
  return out.join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
