// The commit checks of src/verify on hand-built histories — unsafe commit, commit during an
// outage, commit regression, recovery — each where it holds and where it is violated, with
// figures and examples asserted exactly.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitsDuring, EvidenceIndex, verify } from '../../src/verify/index.js';
import { resolveOptions } from '../../src/verify/types.js';
import { answered, check, checkOf, commit, fault, finalOffsets, healthy, logged, messages, OPTIONS } from '../support/verify-fixtures.js';

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
    const history = healthy({
      faults: [fault('target-down', 100, 200)],
      commits: [commit(0, 3, 40), commit(0, 3, 150), commit(0, 3, 200)],
    });
    const result = check(history, 'commit-during-outage');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, {
      outages: 1,
      commitsDuringOutage: 1,
      advancingCommitsDuringOutage: 0,
      commitsPastDeliveredDuringOutage: 0,
    });
  });

  it('holds when a commit lands just inside the outage for messages delivered before it', () => {
    // The last 2xx was answered at 35, the target went down at 36, the commit's round trip ended at 38.
    const history = healthy({ faults: [fault('target-down', 36, 200)], commits: [commit(0, 3, 38)] });
    const result = check(history, 'commit-during-outage');
    assert.equal(result.valid, true, result.explanation);
    assert.deepEqual(result.figures, {
      outages: 1,
      commitsDuringOutage: 1,
      advancingCommitsDuringOutage: 1,
      commitsPastDeliveredDuringOutage: 0,
    });
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
    assert.deepEqual(result.figures, {
      outages: 2,
      commitsDuringOutage: 2,
      advancingCommitsDuringOutage: 2,
      commitsPastDeliveredDuringOutage: 1,
    });
    assert.deepEqual(result.examples, ['p0 commit 4 at 900 while offset 3 undelivered']);
  });

  it('commitsDuring merges overlapping windows', () => {
    const index = new EvidenceIndex(healthy({ commits: [commit(0, 1, 10), commit(0, 2, 20), commit(0, 2, 30)] }), resolveOptions(OPTIONS));
    const visited: string[] = [];
    const found = commitsDuring(
      index.commits(),
      [
        { fromMs: 15, toMs: 25 },
        { fromMs: 5, toMs: 20 },
        { fromMs: 30, toMs: 31 },
      ],
      (p, k, w) => visited.push(`p${p} #${k} in [${w.fromMs},${w.toMs})`),
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
    const result = check(
      healthy({ commits: [commit(0, 3, 10), commit(0, 1, 20), commit(0, 2, 30), commit(1, 5, 5)] }),
      'commit-regression',
    );
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { commits: 4, regressions: 1, partitionsAffected: 1 });
    assert.deepEqual(result.examples, ['p0 commit 1 at 20 after 3']);
  });
});

describe('recovery', () => {
  it('measures the time from the last heal to the last first delivery, with offsets at the log end', () => {
    const history = healthy({ faults: [fault('target-down', 5, 12), fault('isolate-broker', 8, 20)] });
    const result = check(history, 'recovery');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, {
      logged: 3,
      undelivered: 0,
      unhealedFaults: 0,
      recoveryStartAt: 20,
      recoveryMs: 15,
      partitions: 1,
      partitionsBehind: 0,
      partitionsAhead: 0,
      lagMessages: 0,
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
      logged: 3,
      undelivered: 0,
      unhealedFaults: 0,
      recoveryStartAt: 0,
      recoveryMs: 35,
      partitions: 3,
      partitionsBehind: 2,
      partitionsAhead: 0,
      lagMessages: 5,
    });
    assert.deepEqual(result.examples, ['p0@2 committed, log end 3', 'p2@-1 committed, log end 4']);
  });

  it("is unknown when the offsets are another group's", () => {
    const history = healthy();
    history.offsets = { ...history.offsets!, group: 'other' };
    const result = check(history, 'recovery');
    assert.equal(result.valid, 'unknown');
    assert.match(result.explanation, /offsets\.json is for group other, not g/);
  });
});
