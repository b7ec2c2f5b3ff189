// The detection matrix from hand-built outcomes: which cells are caught, missed, passed, false
// alarms or environment errors, and the exit code that follows.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMatrix, renderMatrix, rowVerdict, scenariosFor, type SelftestPlan } from '../../src/selftest/detection-matrix.js';
import type { ScenarioOutcome } from '../../src/scenario/scenario-outcome.js';

const plan: SelftestPlan = {
  scenarios: [
    { id: 'stop', feature: 'features/seed.feature', name: 'An unreachable server stops the pipeline' },
    { id: 'outage', feature: 'features/outage.feature', name: 'A retrying forwarder waits out an outage' },
    { id: 'order', feature: 'features/selftest/order.feature', name: 'A backlog is delivered in order' },
    { id: 'unused', feature: 'features/other.feature', name: 'Nobody plans this one' },
  ],
  broken: [
    { mode: 'ignore-errors', bug: 'skips failures', expectations: [{ scenario: 'outage', expect: 'Message loss' }] },
    {
      mode: 'auto-commit',
      bug: 'commits what was fetched',
      expectations: [
        { scenario: 'stop', expect: 'Unsafe offset commit' },
        { scenario: 'outage', expect: 'Unsafe offset commit' },
      ],
    },
    { mode: 'unordered-parallel', bug: 'posts a batch at once', expectations: [{ scenario: 'order', expect: 'Ordering violation' }] },
  ],
};

const passed = (mode: string, scenario: string): ScenarioOutcome => ({
  mode,
  scenario,
  status: 'passed',
  categories: [],
  detail: 'passed',
});
const failed = (mode: string, scenario: string, ...categories: string[]): ScenarioOutcome => ({
  mode,
  scenario,
  status: 'failed',
  categories,
  detail: `${categories[0]}: something`,
});
const envError = (mode: string, scenario: string): ScenarioOutcome => ({
  mode,
  scenario,
  status: 'env-error',
  categories: [],
  detail: 'Environment failure: broker 2 did not start',
});

/** Everything as planned: correct passes all three, every broken cell fails as expected. */
function allGood(): ScenarioOutcome[] {
  return [
    passed('correct', 'stop'),
    passed('correct', 'outage'),
    passed('correct', 'order'),
    failed('ignore-errors', 'outage', 'Message loss'),
    failed('auto-commit', 'stop', 'Unsafe offset commit'),
    failed('auto-commit', 'outage', 'Unsafe offset commit'),
    failed('unordered-parallel', 'order', 'Ordering violation'),
  ];
}

const cell = (outcomes: ScenarioOutcome[], mode: string, scenario: string) =>
  buildMatrix(plan, outcomes).cells.find((c) => c.mode === mode && c.scenario === scenario);

describe('detection matrix', () => {
  it('runs each broken mode on its planned scenarios, and correct on every planned one', () => {
    assert.deepEqual(
      scenariosFor(plan, 'auto-commit').map((s) => s.id),
      ['stop', 'outage'],
    );
    assert.deepEqual(
      scenariosFor(plan, 'correct').map((s) => s.id),
      ['stop', 'outage', 'order'],
    );
    assert.deepEqual(scenariosFor(plan, 'no-such-mode'), []);
  });

  it('exits 0 when every broken cell is caught and correct passes', () => {
    const matrix = buildMatrix(plan, allGood());
    assert.equal(matrix.exitCode, 0);
    assert.deepEqual(matrix.modes, ['correct', 'ignore-errors', 'auto-commit', 'unordered-parallel']);
    assert.equal(matrix.cells.length, 7);
    assert.ok(matrix.cells.every((c) => c.result === (c.mode === 'correct' ? 'passed' : 'caught')));
    assert.equal(rowVerdict(matrix, 'auto-commit'), 'caught');
    assert.equal(rowVerdict(matrix, 'correct'), 'passed');
  });

  it('reports a first failure on another check than the expected one as failed otherwise, exit 1', () => {
    const outcomes = allGood().map((o) => (o.mode === 'ignore-errors' ? failed('ignore-errors', 'outage', 'Duplicates over bound') : o));
    const found = cell(outcomes, 'ignore-errors', 'outage');
    assert.equal(found?.result, 'failed-otherwise');
    assert.match(found!.detail, /failed first as "Duplicates over bound", expected "Message loss"/);
    assert.equal(rowVerdict(buildMatrix(plan, outcomes), 'ignore-errors'), 'failed-otherwise');
    assert.equal(buildMatrix(plan, outcomes).exitCode, 1);
  });

  it('never counts the expected check as caught when it was not the first failure (the loose rule is gone)', () => {
    // The scenario failed on "Pipeline did not stop" first; that its verdict also shows loss proves nothing.
    const outcomes = allGood().map((o) =>
      o.mode === 'ignore-errors' ? failed('ignore-errors', 'outage', 'Pipeline did not stop', 'Message loss') : o,
    );
    assert.equal(cell(outcomes, 'ignore-errors', 'outage')?.result, 'failed-otherwise');
  });

  it('counts an expected failure as unconfirmed, never caught, when the correct forwarder did not pass that scenario', () => {
    const outcomes = allGood().map((o) => (o.mode === 'correct' && o.scenario === 'outage' ? envError('correct', 'outage') : o));
    assert.equal(cell(outcomes, 'ignore-errors', 'outage')?.result, 'unconfirmed');
    assert.match(cell(outcomes, 'ignore-errors', 'outage')!.detail, /correct forwarder did not pass this scenario/);
    assert.equal(cell(outcomes, 'auto-commit', 'stop')?.result, 'caught', 'other scenarios are unaffected');
    assert.equal(buildMatrix(plan, outcomes).exitCode, 2);
  });

  it('counts a broken mode whose scenario passed as missed, exit 1', () => {
    const outcomes = allGood().map((o) => (o.mode === 'unordered-parallel' ? passed('unordered-parallel', 'order') : o));
    const matrix = buildMatrix(plan, outcomes);
    assert.equal(cell(outcomes, 'unordered-parallel', 'order')?.result, 'missed');
    assert.equal(rowVerdict(matrix, 'unordered-parallel'), 'missed');
    assert.equal(matrix.exitCode, 1);
  });

  it('needs every planned cell of a mode caught, not just one', () => {
    const outcomes = allGood().map((o) => (o.mode === 'auto-commit' && o.scenario === 'stop' ? passed('auto-commit', 'stop') : o));
    assert.equal(rowVerdict(buildMatrix(plan, outcomes), 'auto-commit'), 'missed');
  });

  it('reports a failure of the correct forwarder as a false alarm, exit 1', () => {
    const outcomes = allGood().map((o) =>
      o.mode === 'correct' && o.scenario === 'order' ? failed('correct', 'order', 'Ordering violation') : o,
    );
    assert.equal(cell(outcomes, 'correct', 'order')?.result, 'false-alarm');
    assert.equal(buildMatrix(plan, outcomes).exitCode, 1);
  });

  it('never counts an environment error as caught: env-error, exit 2', () => {
    const outcomes = allGood().map((o) => (o.mode === 'auto-commit' && o.scenario === 'stop' ? envError('auto-commit', 'stop') : o));
    const matrix = buildMatrix(plan, outcomes);
    assert.equal(cell(outcomes, 'auto-commit', 'stop')?.result, 'env-error');
    assert.equal(rowVerdict(matrix, 'auto-commit'), 'env-error');
    assert.equal(matrix.exitCode, 2);
  });

  it('treats a missing outcome as an environment error', () => {
    const outcomes = allGood().filter((o) => o.mode !== 'correct');
    const matrix = buildMatrix(plan, outcomes);
    assert.deepEqual(
      matrix.cells.filter((c) => c.mode === 'correct').map((c) => c.result),
      ['env-error', 'env-error', 'env-error'],
    );
    assert.equal(matrix.exitCode, 2);
  });

  it('lets a finding outrank an environment error in the exit code', () => {
    const outcomes = allGood().map((o) =>
      o.mode === 'correct' && o.scenario === 'stop'
        ? envError('correct', 'stop')
        : o.mode === 'ignore-errors'
          ? passed('ignore-errors', 'outage')
          : o,
    );
    assert.equal(buildMatrix(plan, outcomes).exitCode, 1);
  });

  it('renders rows per mode, columns per planned scenario, and the cells not as planned', () => {
    const outcomes = allGood().map((o) => (o.mode === 'unordered-parallel' ? passed('unordered-parallel', 'order') : o));
    const text = renderMatrix(buildMatrix(plan, outcomes));
    const lines = text.split('\n');
    assert.match(lines[0]!, /^\| mode +\| stop +\| outage +\| order +\| row +\|$/);
    assert.match(text, /\| ignore-errors +\| · +\| caught +\| · +\| caught +\|/);
    assert.match(text, /\| unordered-parallel \| · +\| · +\| MISSED +\| MISSED +\|/);
    assert.match(text, /\| correct +\| passed +\| passed +\| passed +\| passed +\|/);
    assert.match(text, /order: features\/selftest\/order\.feature — "A backlog is delivered in order"/);
    assert.match(text, /unordered-parallel × order: Ordering violation → MISSED: the scenario passed; expected "Ordering violation"/);
    assert.match(text, /ignore-errors × outage: Message loss → caught: Message loss: something/);
    assert.match(text, /correct: 3 of 3 scenarios passed/);
    assert.ok(!text.includes('unused'), 'a scenario no mode plans is no column');
  });
});
