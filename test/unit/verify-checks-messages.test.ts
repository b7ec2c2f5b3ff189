// The message checks of src/verify on hand-built histories — lost, duplicates, order,
// phantom/corrupt, broker-side loss, indeterminate sends — each where it holds and where it is
// violated, with figures and examples asserted exactly.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verify } from '../../src/verify/index.js';
import {
  answered,
  check,
  checkOf,
  commit,
  dropped,
  event,
  fault,
  healthy,
  ledgers,
  logged,
  messages,
  OPTIONS,
  produced,
} from '../support/verify-fixtures.js';

describe('a healthy history', () => {
  it('passes every judged check; duplicates, without a bound, and the opt-in duplicates-explained are not judged', () => {
    const verdict = verify(healthy(), OPTIONS);
    assert.deepEqual(
      verdict.checks.filter((c) => c.valid !== true).map((c) => [c.name, c.valid, c.judged]),
      [['duplicates', 'unknown', false]],
    );
    assert.deepEqual(
      verdict.judged,
      verdict.checks.map((c) => c.name).filter((name) => name !== 'duplicates' && name !== 'duplicates-explained'),
    );
    assert.equal(verdict.valid, true);
    assert.deepEqual(verdict.warnings, []);
  });
});

describe('lost', () => {
  it('holds when every logged message got a 2xx', () => {
    const result = check(healthy(), 'lost');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { logged: 3, delivered: 3, lost: 0, deliveredAfterDrain: 0 });
    assert.deepEqual(result.examples, []);
  });

  it('finds a message answered only with 5xx, one answered after the drain, and an acked one missing from the log', () => {
    const history = healthy({
      produced: [...messages(['a', 'b', 'c']).produced, produced('d', 0, 3)],
      delivered: [answered('a', 10), answered('b', 20, 503), dropped('b', 21), answered('c', 30)],
    });
    const result = check(history, 'lost', { drainEndedAt: 30 });
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { logged: 4, delivered: 1, lost: 3, deliveredAfterDrain: 1 });
    assert.deepEqual(result.examples, ['b', 'c', 'd']);
  });

  it('counts a 2xx answered exactly at the end of the drain', () => {
    assert.equal(check(healthy(), 'lost', { drainEndedAt: 35 }).valid, true);
  });
});

describe('duplicates', () => {
  it('holds without duplicates against a bound, and claims nothing without one', () => {
    assert.equal(check(healthy(), 'duplicates', { maxDuplicates: 0 }).valid, true);
    const result = check(healthy(), 'duplicates');
    assert.equal(result.valid, 'unknown');
    assert.equal(result.judged, false);
    assert.match(result.explanation, /no bound was asserted, so duplicates are not judged/);
    assert.deepEqual(result.figures, {
      duplicateDeliveries: 0,
      duplicatedIds: 0,
      worstMultiplicity: 1,
      rewind: 0,
      retry: 0,
      coordinator: 0,
      unexplained: 0,
      generations: 0,
    });
  });

  it('attributes each extra 2xx to rewind, retry or unexplained', () => {
    const history = ledgers({
      ...messages(['a', 'b', 'c', 'd', 'e']),
      delivered: [
        answered('a', 10), // offset 0: redelivered after the kill at 100
        answered('a', 110),
        answered('b', 20), // offset 1: a failed attempt in between → retry
        answered('b', 22, 503),
        answered('b', 24),
        answered('c', 200, 200, 1200), // offset 2: the earlier 2xx took 1000 ms → retry
        answered('c', 1210),
        answered('d', 40), // offset 3: redelivered after the kill at 100…
        answered('d', 120),
        dropped('d', 125), // …and once more after a dropped attempt → retry
        answered('d', 130),
        answered('e', 50), // offset 4: redelivered after the kill at 100
        answered('e', 115),
      ],
      commits: [commit(0, 0, 5), commit(0, 4, 150)],
      events: [event('sut-kill', 100), event('drain-start', 105)],
    });
    // At the kill the group had committed 0: every redelivery across it is a rewind.
    let result = check(history, 'duplicates', { maxDuplicates: 6 });
    assert.deepEqual(result.figures, {
      duplicateDeliveries: 6,
      duplicatedIds: 5,
      worstMultiplicity: 3,
      rewind: 3,
      retry: 3,
      coordinator: 0,
      unexplained: 0,
      generations: 0,
    });
    assert.equal(result.valid, true);

    // Committed 4 before the kill: only e (offset 4) was consumed again from it; a and d were not.
    history.commits = [commit(0, 0, 5), commit(0, 4, 60)];
    result = check(history, 'duplicates');
    assert.deepEqual(result.figures, {
      duplicateDeliveries: 6,
      duplicatedIds: 5,
      worstMultiplicity: 3,
      rewind: 1,
      retry: 3,
      coordinator: 0,
      unexplained: 2,
      generations: 0,
    });
    assert.deepEqual(result.examples, ['a', 'd', 'b', 'c', 'e']);
    assert.match(result.explanation, /1 rewind, 3 retry, 0 coordinator fault, 2 unexplained/);
  });

  it('explains a redelivery across a fault on the group coordinator (a commit that could not land), and only across one', () => {
    const coordinatorDown = { ...fault('isolate-broker', 100, 140), params: { broker: 2, role: 'group-coordinator' } };
    const leaderDown = { ...fault('isolate-broker', 100, 140), params: { broker: 3 } };
    const history = healthy({
      delivered: [answered('a', 90), answered('a', 150), answered('b', 20), answered('b', 30), answered('c', 30)],
      faults: [coordinatorDown],
    });
    let result = check(history, 'duplicates-explained');
    // a: delivered before the coordinator was cut off, again after: its commit could not land.
    // b: twice before any fault: nothing explains it.
    assert.deepEqual(result.figures, { unexplained: 1, rewind: 0, retry: 0, coordinator: 1, generations: 0 });
    assert.deepEqual(result.examples, ['b']);
    history.faults = [leaderDown];
    result = check(history, 'duplicates-explained');
    assert.deepEqual(result.figures, { unexplained: 2, rewind: 0, retry: 0, coordinator: 0, generations: 0 });
  });

  it('fails beyond maxDuplicates only', () => {
    const history = healthy({ delivered: [answered('a', 10), answered('a', 12), answered('b', 20), answered('c', 30)] });
    assert.equal(check(history, 'duplicates', { maxDuplicates: 1 }).valid, true);
    const result = check(history, 'duplicates', { maxDuplicates: 0 });
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, {
      duplicateDeliveries: 1,
      duplicatedIds: 1,
      worstMultiplicity: 2,
      rewind: 0,
      retry: 0,
      coordinator: 0,
      unexplained: 1,
      generations: 0,
    });
    assert.deepEqual(result.examples, ['a']);
  });

  it('counts a rewind with no commit at all (the group restarts from the reset policy)', () => {
    const history = healthy({
      commits: [],
      delivered: [answered('a', 10), answered('a', 60), answered('b', 20), answered('c', 30)],
      events: [event('sut-start', 50)],
    });
    assert.equal(check(history, 'duplicates').figures.rewind, 1);
  });
});

describe('order', () => {
  it('holds for first deliveries in offset order; redeliveries and ties do not count', () => {
    const history = healthy({ delivered: [answered('a', 10), answered('b', 10), answered('c', 30), answered('a', 40)] });
    const result = check(history, 'order');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { delivered: 3, outOfOrder: 0 });
  });

  it('finds a message first delivered after a later offset', () => {
    const history = healthy({ delivered: [answered('b', 10), answered('a', 20, 503), answered('a', 25), answered('c', 30)] });
    const result = check(history, 'order');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { delivered: 3, outOfOrder: 1 });
    assert.deepEqual(result.examples, ['p0@0 after p0@1']);
  });

  it('qualifies positions with the topic when several topics are judged', () => {
    const history = healthy({ delivered: [answered('b', 10), answered('a', 20), answered('c', 30)] });
    assert.deepEqual(check(history, 'order', { topics: [] }).examples, ['orders/p0@0 after orders/p0@1']);
  });
});

describe('phantom-corrupt', () => {
  it('holds when every delivery carries a produced id and body', () => {
    const result = check(healthy(), 'phantom-corrupt');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, {
      phantomDeliveries: 0,
      phantomIds: 0,
      unidentified: 0,
      corruptDeliveries: 0,
      corruptIds: 0,
      corruptInLog: 0,
    });
  });

  it('finds phantoms, unidentified requests, changed bodies and corruption in the log', () => {
    const history = healthy();
    history.log[2] = { ...history.log[2]!, checksum: 'changed-in-kafka' };
    history.delivered.push(
      answered('x', 50),
      answered('x', 51, 500),
      answered(null, 52),
      answered('b', 53, 200, 58, 'bad'),
      answered('c', 54, 200, 59, 'changed-in-kafka'), // matches the log: not a corrupt delivery
    );
    const result = check(history, 'phantom-corrupt');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, {
      phantomDeliveries: 2,
      phantomIds: 1,
      unidentified: 1,
      corruptDeliveries: 2,
      corruptIds: 2,
      corruptInLog: 1,
    });
    // c's first delivery carried the producer's body, which the log no longer holds
    assert.deepEqual(result.examples, ['c', 'x', 'b', 'c']);
  });
});

describe('broker-side-loss', () => {
  it('holds when every acked send is in the log', () => {
    const result = check(healthy(), 'broker-side-loss');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { producedOk: 3, missingFromLog: 0, misplaced: 0, writtenTwice: 0 });
  });

  it('finds acked sends missing from the log, and reports misplaced and doubled ones', () => {
    const history = healthy();
    history.produced.push(produced('d', 0, 3), produced('f', 0, 4, 0, 'failed'));
    history.produced[2] = produced('c', 0, 9);
    history.log.push(logged('b', 0, 3));
    const result = check(history, 'broker-side-loss');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { producedOk: 4, missingFromLog: 1, misplaced: 1, writtenTwice: 1 });
    assert.deepEqual(result.examples, ['d']);
  });
});

describe('indeterminate', () => {
  it('reports indeterminate sends found and not found in the log, always valid', () => {
    const history = healthy();
    history.produced.push(
      produced('e', 0, 3, 0, 'indeterminate'),
      produced('f', 0, 4, 0, 'indeterminate'),
      produced('g', 0, 5, 0, 'failed'),
    );
    history.log.push(logged('e', 0, 3), logged('g', 0, 4));
    const verdict = verify(history, OPTIONS);
    const result = checkOf(verdict, 'indeterminate');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { indeterminate: 2, foundInLog: 1, notInLog: 1, failedButInLog: 1 });
    assert.deepEqual(result.examples, ['f']);
    // e and g are in the log, so they had to be delivered; f is neither lost nor safe
    assert.deepEqual(checkOf(verdict, 'lost').examples, ['e', 'g']);
  });

  it('holds with nothing to report', () => {
    assert.deepEqual(check(healthy(), 'indeterminate').figures, { indeterminate: 0, foundInLog: 0, notInLog: 0, failedButInLog: 0 });
  });
});
