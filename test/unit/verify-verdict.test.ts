// The verdict: three-valued (a check that throws is 'unknown', never a pass), and the seed 000
// stories told as hand-built ledgers — a forwarder that commits after delivery survives a
// target outage; one that commits before sending loses what was in flight.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combine, verify, CHECKS, type Check } from '../../src/verify/index.js';
import type { LogRecord } from '../../src/evidence/ledger-records.js';
import { answered, checkOf, commit, dropped, event, fault, finalOffsets, ledgers, messages, OPTIONS } from '../support/verify-fixtures.js';

const healthy = () =>
  ledgers({
    ...messages(['a', 'b', 'c']),
    delivered: [answered('a', 10), answered('b', 20), answered('c', 30)],
    commits: [commit(0, 3, 40)],
    offsets: finalOffsets({ 0: 3 }, { 0: 3 }),
  });

describe('the verdict', () => {
  it('combines false over unknown over true', () => {
    assert.equal(combine([true, true]), true);
    assert.equal(combine([true, 'unknown']), 'unknown');
    assert.equal(combine(['unknown', false, true]), false);
    assert.equal(combine([]), true);
  });

  it('runs every registered check, in the registry order (verify-check-registry.test.ts pins it)', () => {
    assert.deepEqual(
      verify(healthy(), OPTIONS).checks.map((c) => c.name),
      CHECKS.map((c) => c.name),
    );
  });

  it('makes a check that throws unknown, and the verdict unknown rather than true', () => {
    const throwing: Check = {
      name: 'boom',
      needs: [],
      run: () => {
        throw new Error('bug in the check');
      },
    };
    const verdict = verify(healthy(), OPTIONS, [...CHECKS, throwing]);
    assert.equal(verdict.valid, 'unknown');
    assert.deepEqual(checkOf(verdict, 'boom'), {
      name: 'boom',
      valid: 'unknown',
      figures: {},
      examples: [],
      explanation: 'The check could not decide: bug in the check',
      judged: true,
    });
  });

  it('makes the checks that read a malformed log record unknown, and only those', () => {
    const history = healthy();
    history.log[1] = { ...history.log[1]!, offset: '1' as unknown as number } satisfies LogRecord;
    const verdict = verify(history, OPTIONS);
    assert.equal(verdict.valid, 'unknown');
    const unknown = verdict.checks.filter((c) => c.valid === 'unknown').map((c) => c.name);
    assert.deepEqual(unknown, [
      'lost',
      'duplicates',
      'unsafe-commit',
      'order',
      'phantom-corrupt',
      'broker-side-loss',
      'indeterminate',
      'recovery',
      'duplicates-explained',
    ]);
    assert.equal(checkOf(verdict, 'commit-regression').valid, true);
    assert.match(checkOf(verdict, 'lost').explanation, /log record 2: offset is "1", not an integer/);
  });

  it('makes the commit checks unknown for a malformed commit, and a violation elsewhere still makes it false', () => {
    const history = healthy();
    history.commits.push({ ...commit(0, 3, 50), commitTimestamp: null as unknown as number });
    history.delivered.pop(); // c is lost
    const verdict = verify(history, OPTIONS);
    assert.equal(checkOf(verdict, 'commit-regression').valid, 'unknown');
    assert.equal(checkOf(verdict, 'lost').valid, false);
    assert.equal(verdict.valid, false);
  });

  it('is unknown for a record that is not an object', () => {
    const history = healthy();
    (history.delivered as unknown[]).push(null);
    assert.equal(verify(history, OPTIONS).valid, 'unknown');
  });
});

describe('seed 000 stories', () => {
  // Six messages on p0. The target goes down at 40 and comes back at 100.
  const ids = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];

  it('a forwarder that commits after delivery stops without committing, restarts, delivers everything: holds', () => {
    const history = ledgers({
      ...messages(ids),
      delivered: [
        answered('m0', 10), // answered 15
        answered('m1', 20), // answered 25, not yet committed when the target goes down
        dropped('m2', 45), // target down: the forwarder gets no answer…
        answered('m2', 50, 503), // …or a 503, and stops without committing
        answered('m1', 110), // restarted from the committed offset 1: m1 again
        answered('m2', 120),
        answered('m3', 130),
        answered('m4', 140),
        answered('m5', 150),
      ],
      commits: [commit(0, 1, 16), commit(0, 1, 60), commit(0, 6, 160)],
      faults: [fault('target-down', 40, 100)],
      events: [event('sut-start', 0), event('sut-stop', 70), event('sut-start', 105), event('drain-start', 150), event('drain-end', 170)],
      offsets: finalOffsets({ 0: 6 }, { 0: 6 }),
    });
    const verdict = verify(history, { ...OPTIONS, drainEndedAt: 170, maxDuplicates: 1 });
    assert.deepEqual(
      verdict.checks.filter((c) => c.valid !== true).map((c) => `${c.name}: ${c.explanation}`),
      [],
    );
    assert.equal(verdict.valid, true);
    assert.deepEqual(checkOf(verdict, 'lost').figures, { logged: 6, delivered: 6, lost: 0, deliveredAfterDrain: 0 });
    assert.deepEqual(checkOf(verdict, 'duplicates').figures, {
      duplicateDeliveries: 1,
      duplicatedIds: 1,
      worstMultiplicity: 2,
      rewind: 1,
      retry: 0,
      coordinator: 0,
      unexplained: 0,
      generations: 0,
    });
    assert.deepEqual(checkOf(verdict, 'commit-during-outage').figures, {
      outages: 1,
      commitsDuringOutage: 1,
      advancingCommitsDuringOutage: 0,
      commitsPastDeliveredDuringOutage: 0,
    });
    assert.equal(checkOf(verdict, 'recovery').figures.recoveryMs, 55);
  });

  it('a forwarder that commits before sending: unsafe commit and loss found', () => {
    const history = ledgers({
      ...messages(ids),
      delivered: [
        answered('m0', 10),
        answered('m1', 20),
        dropped('m2', 45), // lost: already committed, never retried
        answered('m3', 110),
        answered('m4', 120),
        answered('m5', 130),
      ],
      commits: [commit(0, 2, 5), commit(0, 3, 42), commit(0, 4, 105), commit(0, 6, 115)],
      faults: [fault('target-down', 40, 100)],
      events: [event('sut-start', 0), event('drain-start', 130), event('drain-end', 170)],
      offsets: finalOffsets({ 0: 6 }, { 0: 6 }),
    });
    const verdict = verify(history, { ...OPTIONS, drainEndedAt: 170 });
    assert.equal(verdict.valid, false);
    const unsafe = checkOf(verdict, 'unsafe-commit');
    assert.equal(unsafe.valid, false);
    assert.deepEqual(unsafe.figures, { commits: 4, unsafeCommits: 4, messagesExposed: 6 });
    assert.deepEqual(unsafe.examples, [
      'p0 commit 2 at 5 while offset 0 undelivered',
      'p0 commit 3 at 42 while offset 2 undelivered',
      'p0 commit 4 at 105 while offset 2 undelivered',
      'p0 commit 6 at 115 while offset 2 undelivered',
    ]);
    assert.deepEqual(checkOf(verdict, 'lost').examples, ['m2']);
    assert.deepEqual(checkOf(verdict, 'commit-during-outage').examples, ['p0 commit 3 at 42 while offset 2 undelivered']);
    assert.equal(checkOf(verdict, 'recovery').valid, false);
  });
});
