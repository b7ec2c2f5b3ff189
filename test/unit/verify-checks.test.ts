// Each check of src/verify on hand-built histories: one where it holds, one or more where it is
// violated, with figures and examples asserted exactly.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitsDuring, EvidenceIndex, verify, type CheckOptions, type Ledgers } from '../../src/verify/index.js';
import { resolveOptions } from '../../src/verify/types.js';
import {
  answered,
  checkOf,
  commit,
  dropped,
  event,
  fault,
  finalOffsets,
  ledgers,
  logged,
  messages,
  OPTIONS,
  produced,
} from '../support/verify-fixtures.js';

const check = (history: Ledgers, name: string, options: Partial<CheckOptions> = {}) => checkOf(verify(history, { ...OPTIONS, ...options }), name);

/** a, b, c at p0@0..2, delivered at 10/20/30 (answered 15/25/35), committed 3 at 40, offsets at the end. */
function healthy(extra: Partial<Ledgers> = {}): Ledgers {
  return ledgers({
    ...messages(['a', 'b', 'c']),
    delivered: [answered('a', 10), answered('b', 20), answered('c', 30)],
    commits: [commit(0, 3, 40)],
    offsets: finalOffsets({ 0: 3 }, { 0: 3 }),
    ...extra,
  });
}

describe('a healthy history', () => {
  it('passes every check', () => {
    const verdict = verify(healthy(), OPTIONS);
    assert.deepEqual(
      verdict.checks.filter((c) => c.valid !== true).map((c) => c.name),
      [],
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
  it('holds without duplicates', () => {
    const result = check(healthy(), 'duplicates');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { duplicateDeliveries: 0, duplicatedIds: 0, worstMultiplicity: 1, rewind: 0, retry: 0, unexplained: 0 });
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
    let result = check(history, 'duplicates');
    assert.deepEqual(result.figures, { duplicateDeliveries: 6, duplicatedIds: 5, worstMultiplicity: 3, rewind: 3, retry: 3, unexplained: 0 });
    assert.equal(result.valid, true);

    // Committed 4 before the kill: only e (offset 4) was consumed again from it; a and d were not.
    history.commits = [commit(0, 0, 5), commit(0, 4, 60)];
    result = check(history, 'duplicates');
    assert.deepEqual(result.figures, { duplicateDeliveries: 6, duplicatedIds: 5, worstMultiplicity: 3, rewind: 1, retry: 3, unexplained: 2 });
    assert.deepEqual(result.examples, ['a', 'd', 'b', 'c', 'e']);
    assert.match(result.explanation, /1 rewind, 3 retry, 2 unexplained/);
  });

  it('fails beyond maxDuplicates only', () => {
    const history = healthy({ delivered: [answered('a', 10), answered('a', 12), answered('b', 20), answered('c', 30)] });
    assert.equal(check(history, 'duplicates', { maxDuplicates: 1 }).valid, true);
    const result = check(history, 'duplicates', { maxDuplicates: 0 });
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { duplicateDeliveries: 1, duplicatedIds: 1, worstMultiplicity: 2, rewind: 0, retry: 0, unexplained: 1 });
    assert.deepEqual(result.examples, ['a']);
  });

  it('counts a rewind with no commit at all (the group restarts from the reset policy)', () => {
    const history = healthy({ commits: [], delivered: [answered('a', 10), answered('a', 60), answered('b', 20), answered('c', 30)], events: [event('sut-start', 50)] });
    assert.equal(check(history, 'duplicates').figures.rewind, 1);
  });
});

describe('unsafe-commit', () => {
  it('holds when every commit follows the 2xx of the offsets below it (answeredAt ≤ commit time)', () => {
    const result = check(healthy({ commits: [commit(0, 1, 15), commit(0, 3, 35)] }), 'unsafe-commit');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { commits: 2, unsafeCommits: 0, messagesExposed: 0 });
  });

  it('finds commits ahead of delivery and the messages they exposed', () => {
    const result = check(healthy({ commits: [commit(0, 2, 14), commit(0, 3, 20), commit(0, 3, 40)] }), 'unsafe-commit');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { commits: 3, unsafeCommits: 2, messagesExposed: 3 });
    assert.deepEqual(result.examples, ['p0 commit 2 at 14 while offset 0 undelivered', 'p0 commit 3 at 20 while offset 1 undelivered']);
  });

  it('treats a message never delivered as holding every later commit unsafe', () => {
    const history = healthy({ delivered: [answered('a', 10), answered('c', 30)], commits: [commit(0, 1, 16), commit(0, 3, 40)] });
    const result = check(history, 'unsafe-commit');
    assert.deepEqual(result.figures, { commits: 2, unsafeCommits: 1, messagesExposed: 1 });
    assert.deepEqual(result.examples, ['p0 commit 3 at 40 while offset 1 undelivered']);
  });

  it('ignores other groups (with a warning) and records without a chaos id', () => {
    const history = healthy({
      log: [logged('a', 0, 0), logged(null, 0, 1), logged('b', 0, 2), logged('c', 0, 3)],
      commits: [commit(0, 4, 1, 'other'), commit(0, 4, 40)],
    });
    const verdict = verify(history, OPTIONS);
    assert.deepEqual(checkOf(verdict, 'unsafe-commit').figures, { commits: 1, unsafeCommits: 0, messagesExposed: 0 });
    assert.equal(verdict.warnings.length, 2);
    assert.match(verdict.warnings.join('\n'), /1 commits belong to other consumer groups/);
    assert.match(verdict.warnings.join('\n'), /1 log records carry no chaos-id/);
  });
});

describe('commit-during-outage', () => {
  it('holds when commits in the outage only repeat the committed offset', () => {
    const history = healthy({ faults: [fault('target-down', 100, 200)], commits: [commit(0, 3, 40), commit(0, 3, 150), commit(0, 3, 200)] });
    const result = check(history, 'commit-during-outage');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { outages: 1, commitsDuringOutage: 1, advancingCommitsDuringOutage: 0, commitsPastDeliveredDuringOutage: 0 });
  });

  it('holds when a commit lands just inside the outage for messages delivered before it', () => {
    // The last 2xx was answered at 35, the target went down at 36, the commit's round trip ended at 38.
    const history = healthy({ faults: [fault('target-down', 36, 200)], commits: [commit(0, 3, 38)] });
    const result = check(history, 'commit-during-outage');
    assert.equal(result.valid, true, result.explanation);
    assert.deepEqual(result.figures, { outages: 1, commitsDuringOutage: 1, advancingCommitsDuringOutage: 1, commitsPastDeliveredDuringOutage: 0 });
  });

  it('finds a commit passing a message undelivered before the outage, unhealed outages included', () => {
    const history = healthy({
      ...messages(['a', 'b', 'c', 'd']),
      delivered: [answered('a', 10), answered('b', 20), answered('c', 30), answered('d', 950)],
      faults: [fault('target-down', 100, 200), fault('isolate-broker', 0, 1000), fault('target-down', 500, null)],
      commits: [commit(0, 1, 20), commit(0, 3, 150), commit(0, 3, 300), commit(0, 4, 900)],
      offsets: finalOffsets({ 0: 4 }, { 0: 4 }),
    });
    const result = check(history, 'commit-during-outage');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { outages: 2, commitsDuringOutage: 2, advancingCommitsDuringOutage: 2, commitsPastDeliveredDuringOutage: 1 });
    assert.deepEqual(result.examples, ['p0 commit 4 at 900 while offset 3 undelivered']);
  });

  it('commitsDuring merges overlapping windows', () => {
    const index = new EvidenceIndex(healthy({ commits: [commit(0, 1, 10), commit(0, 2, 20), commit(0, 2, 30)] }), resolveOptions(OPTIONS));
    const visited: string[] = [];
    const found = commitsDuring(index.commits(), [{ fromMs: 15, toMs: 25 }, { fromMs: 5, toMs: 20 }, { fromMs: 30, toMs: 31 }], (p, k, w) =>
      visited.push(`p${p} #${k} in [${w.fromMs},${w.toMs})`),
    );
    assert.deepEqual(found, { commits: 3, advancing: 2 });
    assert.deepEqual(visited, ['p0 #0 in [5,25)', 'p0 #1 in [5,25)']);
  });
});

describe('commit-regression', () => {
  it('holds for non-decreasing commits, judged in commitTimestamp order rather than ledger order', () => {
    const result = check(healthy({ commits: [commit(0, 2, 20), commit(0, 1, 10), commit(0, 2, 30)] }), 'commit-regression');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { commits: 3, regressions: 0, partitionsAffected: 0 });
  });

  it('finds a commit lower than the one before it', () => {
    const result = check(healthy({ commits: [commit(0, 3, 10), commit(0, 1, 20), commit(0, 2, 30), commit(1, 5, 5)] }), 'commit-regression');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { commits: 4, regressions: 1, partitionsAffected: 1 });
    assert.deepEqual(result.examples, ['p0 commit 1 at 20 after 3']);
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
    assert.deepEqual(result.figures, { phantomDeliveries: 0, phantomIds: 0, unidentified: 0, corruptDeliveries: 0, corruptIds: 0, corruptInLog: 0 });
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
    assert.deepEqual(result.figures, { phantomDeliveries: 2, phantomIds: 1, unidentified: 1, corruptDeliveries: 2, corruptIds: 2, corruptInLog: 1 });
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
    history.produced.push(produced('e', 0, 3, 0, 'indeterminate'), produced('f', 0, 4, 0, 'indeterminate'), produced('g', 0, 5, 0, 'failed'));
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

describe('recovery', () => {
  it('measures the time from the last heal to the last first delivery, with offsets at the log end', () => {
    const history = healthy({ faults: [fault('target-down', 5, 12), fault('isolate-broker', 8, 20)] });
    const result = check(history, 'recovery');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, {
      logged: 3, undelivered: 0, unhealedFaults: 0, recoveryStartAt: 20, recoveryMs: 15,
      partitions: 1, partitionsBehind: 0, partitionsAhead: 0, lagMessages: 0,
    });
  });

  it('measures from the first send without faults', () => {
    assert.equal(check(healthy(), 'recovery').figures.recoveryMs, 35);
  });

  it('is unknown without final offsets, unless a message is undelivered', () => {
    assert.equal(check(healthy({ offsets: null }), 'recovery').valid, 'unknown');
    const result = check(healthy({ offsets: null, delivered: [answered('a', 10)] }), 'recovery', { drainEndedAt: 1000 });
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { logged: 3, undelivered: 2, unhealedFaults: 0, recoveryStartAt: 0 });
    assert.deepEqual(result.examples, ['b', 'c']);
  });

  it('fails when the group did not commit up to the log end', () => {
    const result = check(healthy({ offsets: finalOffsets({ 0: 2 }, { 0: 3, 1: 0, 2: 4 }) }), 'recovery');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, {
      logged: 3, undelivered: 0, unhealedFaults: 0, recoveryStartAt: 0, recoveryMs: 35,
      partitions: 3, partitionsBehind: 2, partitionsAhead: 0, lagMessages: 5,
    });
    assert.deepEqual(result.examples, ['p0@2 committed, log end 3', 'p2@-1 committed, log end 4']);
  });

  it('is unknown when the offsets are another group\'s', () => {
    const history = healthy();
    history.offsets = { ...history.offsets!, group: 'other' };
    const result = check(history, 'recovery');
    assert.equal(result.valid, 'unknown');
    assert.match(result.explanation, /offsets\.json is for group other, not g/);
  });
});
