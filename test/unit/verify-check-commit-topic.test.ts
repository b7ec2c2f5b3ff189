// commit-topic on hand-built ledgers: the group's commits hold when each names a partition of a
// topic under test, as offsets.json lists them; a partition past the topic's count or a topic not
// under test violates it; other groups are not judged; without offsets.json only a foreign topic
// is proved. Not asserted, it is shown but decides nothing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verify } from '../../src/verify/index.js';
import { GROUP, OPTIONS, TOPIC, check, checkOf, commit, finalOffsets, healthy } from '../support/verify-fixtures.js';

/** healthy()'s history on a topic with two partitions (p0, p1), committed on both. */
const twoPartitions = (commits = [commit(0, 3, 40), commit(1, 0, 41)]) =>
  healthy({ commits, offsets: finalOffsets({ 0: 3, 1: 0 }, { 0: 3, 1: 0 }) });

describe('commit-topic', () => {
  it('holds when every commit of the group names a partition of a topic under test', () => {
    const result = check(twoPartitions(), 'commit-topic');
    assert.equal(result.valid, true);
    assert.deepEqual(result.figures, { commits: 2, foreignTopic: 0, unknownPartition: 0 });
    assert.match(result.explanation, /All 2 of the group's commits name a partition of a topic under test/);
  });

  it('finds a partition the topic does not have and a topic not under test, with examples', () => {
    const history = twoPartitions([commit(0, 3, 40), commit(2, 1, 42), { ...commit(0, 5, 43), topic: 'payments' }]);
    const result = check(history, 'commit-topic');
    assert.equal(result.valid, false);
    assert.deepEqual(result.figures, { commits: 3, foreignTopic: 1, unknownPartition: 1 });
    assert.deepEqual(result.examples, [
      `${TOPIC}/p2 commit 1 at 42: ${TOPIC} has 2 partitions`,
      'payments/p0 commit 5 at 43: payments is not a topic under test',
    ]);
  });

  it('judges only the group under test, and with no topics given takes those offsets.json lists', () => {
    const history = twoPartitions([commit(0, 3, 40), commit(9, 1, 42, 'other-group')]);
    assert.deepEqual(check(history, 'commit-topic').figures, { commits: 1, foreignTopic: 0, unknownPartition: 0 });
    const elsewhere = twoPartitions([{ ...commit(0, 3, 40), topic: 'payments' }]);
    assert.equal(check(elsewhere, 'commit-topic', { topics: [] }).valid, false);
    assert.equal(check(twoPartitions(), 'commit-topic', { topics: [] }).valid, true);
  });

  it('without offsets.json proves only a foreign topic; a partition count it cannot know is unknown', () => {
    assert.equal(check(healthy({ offsets: null }), 'commit-topic').valid, 'unknown');
    const foreign = healthy({ offsets: null, commits: [{ ...commit(0, 3, 40), topic: 'payments' }] });
    assert.equal(check(foreign, 'commit-topic').valid, false);
    assert.equal(check(healthy({ offsets: null, commits: [] }), 'commit-topic').valid, true, 'no commit, nothing to doubt');
  });

  it('is unknown for a commit whose partition is not an integer', () => {
    const history = twoPartitions([{ ...commit(0, 3, 40), partition: '0' as unknown as number }]);
    const result = check(history, 'commit-topic');
    assert.equal(result.valid, 'unknown');
    assert.match(result.explanation, /commits record 1: partition is "0", not an integer/);
  });

  it('decides nothing when no step asserted it', () => {
    const verdict = verify(twoPartitions([commit(0, 3, 40), commit(7, 1, 42)]), { ...OPTIONS, group: GROUP, assertedChecks: ['lost'] });
    assert.deepEqual([checkOf(verdict, 'commit-topic').valid, checkOf(verdict, 'commit-topic').judged], [false, false]);
    assert.equal(verdict.valid, true);
  });
});
