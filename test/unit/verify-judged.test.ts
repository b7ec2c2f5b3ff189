// What the verdict is computed over: the asserted checks (all when run.json does not say), never
// duplicates without a bound; step findings are violations of their own; a ledger that is missing
// or corrupt makes exactly the checks that need it unknown; judgeRun builds the same verdict the
// CLI writes from the same run.json facts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LEDGER_NAMES, type LedgerEvidence, type LedgerName, type Ledgers, type LedgerStatus } from '../../src/evidence/ledger-records.js';
import { presentStatus } from '../../src/evidence/ledger-status.js';
import { CHECKS, judgeRun, verify } from '../../src/verify/index.js';
import { GROUP, OPTIONS, TOPIC, answered, checkOf, commit, finalOffsets, healthy } from '../support/verify-fixtures.js';

/** a, b, c on p0; c never got a 2xx and the group lags by one. */
const lossy = () =>
  healthy({ delivered: [answered('a', 10), answered('b', 20)], commits: [commit(0, 2, 40)], offsets: finalOffsets({ 0: 2 }, { 0: 3 }) });

function withEvidence(history: Ledgers, changed: Partial<Record<LedgerName, Partial<LedgerStatus>>>): Ledgers {
  const evidence = Object.fromEntries(
    LEDGER_NAMES.map((name) => [name, { ...presentStatus(name, 1), ...changed[name] }]),
  ) as LedgerEvidence;
  return { ...history, evidence };
}

describe('which checks are judged', () => {
  it('judges only the asserted checks: an unasserted violation is shown but does not decide', () => {
    const verdict = verify(lossy(), { ...OPTIONS, assertedChecks: ['unsafe-commit', 'commit-regression'] });
    assert.equal(verdict.valid, true);
    assert.deepEqual(verdict.judged, ['unsafe-commit', 'commit-regression']);
    assert.deepEqual([checkOf(verdict, 'lost').valid, checkOf(verdict, 'lost').judged], [false, false]);
    assert.equal(verify(lossy(), { ...OPTIONS, assertedChecks: ['lost'] }).valid, false);
  });

  it('judges every check when nothing says which (but the opt-in ones), or all with judgeAll — duplicates only with a bound', () => {
    const all = CHECKS.map((c) => c.name);
    assert.deepEqual(
      verify(healthy(), OPTIONS).judged,
      all.filter((n) => n !== 'duplicates' && n !== 'duplicates-explained'),
    );
    assert.deepEqual(
      verify(healthy(), { ...OPTIONS, assertedChecks: ['lost'], judgeAll: true }).judged,
      all.filter((n) => n !== 'duplicates'),
    );
    assert.deepEqual(verify(healthy(), { ...OPTIONS, assertedChecks: ['duplicates-explained'] }).judged, ['duplicates-explained']);
    assert.deepEqual(verify(healthy(), { ...OPTIONS, assertedChecks: ['duplicates'] }).judged, []);
    assert.deepEqual(verify(healthy(), { ...OPTIONS, assertedChecks: ['duplicates'], maxDuplicates: 0 }).judged, ['duplicates']);
  });

  it('makes a step finding a violation even when every judged check holds', () => {
    const findings = [{ category: 'Pipeline did not stop', detail: 'still running after 30 s' }];
    const verdict = verify(healthy(), { ...OPTIONS, findings });
    assert.equal(verdict.valid, false);
    assert.deepEqual(verdict.findings, findings);
  });

  it('says unknown for an asserted check the checker does not have', () => {
    const verdict = verify(healthy(), { ...OPTIONS, assertedChecks: ['lost', 'no-such-check'] });
    assert.equal(verdict.valid, 'unknown');
    assert.match(checkOf(verdict, 'no-such-check').explanation, /no check of that name/);
  });

  it('holds, with a warning, when nothing was asserted and nothing found', () => {
    const verdict = verify(lossy(), { ...OPTIONS, assertedChecks: [] });
    assert.equal(verdict.valid, true);
    assert.deepEqual(verdict.judged, []);
    assert.ok(verdict.warnings.some((w) => w.startsWith('no check was asserted')));
  });
});

describe('evidence completeness', () => {
  it('makes exactly the checks that need a missing ledger unknown, naming the file', () => {
    const verdict = verify(withEvidence(healthy(), { commits: { state: 'missing', problem: 'commits.jsonl is missing' } }), OPTIONS);
    const needsCommits = CHECKS.filter((c) => c.needs.includes('commits')).map((c) => c.name);
    assert.deepEqual(
      verdict.checks.filter((c) => c.valid === 'unknown' && c.name !== 'duplicates').map((c) => c.name),
      needsCommits,
    );
    assert.match(checkOf(verdict, 'unsafe-commit').explanation, /it needs commits\.jsonl, and commits\.jsonl is missing/);
    assert.equal(verdict.valid, 'unknown');
  });

  it('keeps a violation found without the unusable ledger: false beats unknown', () => {
    const verdict = verify(withEvidence(lossy(), { offsets: { state: 'corrupt', problem: 'offsets.json: not JSON' } }), OPTIONS);
    assert.equal(checkOf(verdict, 'recovery').valid, 'unknown');
    assert.equal(checkOf(verdict, 'lost').valid, false);
    assert.equal(verdict.valid, false);
  });

  it('excuses a message whose delivery was the torn last line, and doubts a loss a nameless torn line may explain', () => {
    const excused = verify(withEvidence(lossy(), { delivered: { torn: { line: 3, id: 'c', notSuccess: false } } }), {
      ...OPTIONS,
      assertedChecks: ['lost', 'unsafe-commit'],
    });
    assert.deepEqual([checkOf(excused, 'lost').valid, checkOf(excused, 'lost').figures.excused], [true, 1]);
    const answeredNo = verify(withEvidence(lossy(), { delivered: { torn: { line: 3, id: 'c', notSuccess: true } } }), OPTIONS);
    assert.equal(checkOf(answeredNo, 'lost').valid, false, 'a torn 503 excuses nothing');
    const nameless = verify(withEvidence(lossy(), { delivered: { torn: { line: 3, id: null, notSuccess: false } } }), OPTIONS);
    assert.equal(checkOf(nameless, 'lost').valid, 'unknown');
    assert.match(checkOf(nameless, 'lost').explanation, /torn last line of delivered\.jsonl lost its id/);
    const twoLost = healthy({ delivered: [answered('a', 10)], commits: [], offsets: finalOffsets({ 0: 0 }, { 0: 3 }) });
    assert.equal(
      checkOf(verify(withEvidence(twoLost, { delivered: { torn: { line: 2, id: null, notSuccess: false } } }), OPTIONS), 'lost').valid,
      false,
      'two lost, one torn line: still lost',
    );
  });
});

describe('judgeRun', () => {
  it('builds from run.json facts the verdict verify builds, with the reading warnings first', () => {
    const facts = {
      group: GROUP,
      topics: [TOPIC],
      drainEndedAt: 1000,
      maxDuplicates: 0,
      assertedChecks: ['lost', 'duplicates'],
      stepFindings: [],
    };
    const history = { ...lossy(), warnings: ['delivered.jsonl:3: dropped a torn last line'] };
    const direct = verify(history, {
      group: GROUP,
      topics: [TOPIC],
      drainEndedAt: 1000,
      maxDuplicates: 0,
      assertedChecks: ['lost', 'duplicates'],
      findings: [],
    });
    const judged = judgeRun(history, facts);
    assert.deepEqual(judged, { ...direct, warnings: [...history.warnings, ...direct.warnings] });
    assert.deepEqual(
      judgeRun(history, facts, { all: true }).judged,
      CHECKS.map((c) => c.name),
    );
    assert.throws(() => judgeRun(history, {}), /run\.json names no consumer group/);
  });
});
