// Duplicates attributed from the broker's group history (group.jsonl): a rebalance no harness
// event shows still explains the redeliveries it caused; a zombie's delivery after it lost its
// partition does not; a cooperative rebalance rewinds only the partitions that moved; and the
// duplicates-explained check judges exactly that.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GroupRecord } from '../../src/evidence/ledger-records.js';
import { rebalancesSince } from '../../src/verify/group-history.js';
import {
  answered,
  check,
  classicGeneration,
  commit,
  event,
  GROUP,
  groupMember,
  healthy,
  ledgers,
  messages,
  TOPIC,
} from '../support/verify-fixtures.js';

const member = groupMember;
const generation = classicGeneration;

// a (p0@0) and b (p1@0): each delivered once before and once after the group's rebalance at 100.
const twoPartitions = () => {
  const p0 = messages(['a'], 0);
  const p1 = messages(['b'], 1);
  return {
    produced: [...p0.produced, ...p1.produced],
    log: [...p0.log, ...p1.log],
    delivered: [answered('a', 10), answered('b', 20), answered('a', 150), answered('b', 160)],
  };
};

describe('duplicates attributed from the group history', () => {
  it('explains redeliveries after a rebalance that no harness event shows (the SUT rebalanced by itself)', () => {
    const history = ledgers({
      ...twoPartitions(),
      events: [], // the harness saw nothing happen
      group: [generation(5, 1, [member('m1', [0, 1])]), generation(100, 2, [member('m1', [0]), member('m2', [1])])],
    });
    const duplicates = check(history, 'duplicates', { maxDuplicates: 2 });
    assert.equal(duplicates.figures.rewind, 2, 'eager: every partition is fetched again from the commit (none)');
    assert.equal(duplicates.figures.unexplained, 0);
    assert.equal(duplicates.figures.generations, 2);
    assert.match(duplicates.explanation, /rewinds from the broker's group history, 2 generations/);
    const explained = check(history, 'duplicates-explained');
    assert.equal(explained.valid, true);
    assert.match(
      explained.explanation,
      /Every duplicate 2xx delivery is explained \(2 by a rewind, 0 by a retry, 0 by a group coordinator fault\)/,
    );

    // Without the broker's history the same run has nothing to attribute them to.
    const blind = check({ ...history, group: undefined }, 'duplicates', { maxDuplicates: 2 });
    assert.equal(blind.figures.unexplained, 2);
    assert.match(blind.explanation, /harness's SUT events \(no group\.jsonl\)/);
  });

  it('does not explain a redelivery of a message committed before the rebalance', () => {
    const history = ledgers({
      ...twoPartitions(),
      commits: [commit(0, 1, 50), commit(1, 0, 50)],
      group: [generation(5, 1, [member('m1', [0, 1])]), generation(100, 2, [member('m2', [0, 1])])],
    });
    const result = check(history, 'duplicates-explained');
    assert.equal(result.valid, false);
    assert.deepEqual({ unexplained: result.figures.unexplained, rewind: result.figures.rewind }, { unexplained: 1, rewind: 1 });
    assert.deepEqual(result.examples, ['a']);
  });

  it('flags a zombie: its delivery after the partition moved on has no rewind after the new owner’s', () => {
    const p0 = messages(['a', 'z'], 0);
    const history = ledgers({
      ...p0,
      // m1 is evicted at 100 (paused); m2 takes p0 and delivers z at 150; m1 resumes and delivers z again at 300.
      delivered: [answered('a', 10), answered('z', 150), answered('z', 300)],
      commits: [commit(0, 1, 20)],
      group: [generation(5, 1, [member('m1', [0])]), generation(100, 2, [member('m2', [0])])],
      events: [event('sut-pause', 40), event('sut-resume', 290)],
    });
    const result = check(history, 'duplicates-explained');
    assert.equal(result.valid, false);
    assert.equal(result.figures.unexplained, 1);
    assert.deepEqual(result.examples, ['z']);
  });

  it('rewinds under a cooperative assignor only the partitions that changed owner', () => {
    const history = ledgers({
      ...twoPartitions(),
      group: [
        generation(5, 1, [member('m1', [0, 1])], 'cooperative-sticky'),
        generation(100, 2, [member('m1', [0]), member('m2', [1])], 'cooperative-sticky'),
      ],
    });
    const result = check(history, 'duplicates', { maxDuplicates: 2 });
    assert.deepEqual({ rewind: result.figures.rewind, unexplained: result.figures.unexplained }, { rewind: 1, unexplained: 1 });
    assert.deepEqual(result.examples, ['a', 'b'], 'a kept its owner: its redelivery is unexplained');
  });

  it('rewinds a partition newly in a consumer-protocol member’s assignment (KIP-848)', () => {
    const assignment = (at: number, memberId: string, epoch: number, partitions: number[]): GroupRecord => ({
      at,
      group: GROUP,
      kind: 'consumer-assignment',
      memberId,
      memberEpoch: epoch,
      previousMemberEpoch: epoch - 1,
      assigned: [{ topic: TOPIC, topicId: 'id', partitions }],
      pendingRevocation: [],
    });
    const history = ledgers({
      ...twoPartitions(),
      group: [
        assignment(5, 'm1', 1, [0, 1]),
        assignment(100, 'm1', 2, [0]),
        { at: 101, group: GROUP, kind: 'consumer-left', memberId: 'x' },
        assignment(102, 'm2', 2, [1]),
      ],
    });
    const result = check(history, 'duplicates', { maxDuplicates: 2 });
    assert.deepEqual({ rewind: result.figures.rewind, unexplained: result.figures.unexplained }, { rewind: 1, unexplained: 1 });
  });

  it('says unknown, not holds, when group.jsonl was expected and is missing', () => {
    const history = healthy();
    history.evidence = Object.fromEntries(
      ['produced', 'log', 'delivered', 'commits', 'group', 'offsets', 'faults', 'events'].map((ledger) => [
        ledger,
        { state: ledger === 'group' ? 'missing' : 'present', file: `${ledger}.jsonl`, records: 0 },
      ]),
    ) as NonNullable<typeof history.evidence>;
    assert.equal(check(history, 'duplicates-explained').valid, 'unknown');
  });
});

describe('rebalancesSince: the rebalances a static-membership claim counts', () => {
  const m1 = member('instance-1-aaa', [0, 1]);
  const m2 = member('instance-2-bbb', [2, 3]);
  it('a static member replaced within its session timeout keeps the generation: no rebalance', () => {
    const replaced = member('instance-1-ccc', [0, 1]);
    const records = [generation(50, 1, [m1, m2]), generation(400, 1, [replaced, m2])];
    assert.deepEqual(rebalancesSince(records, GROUP, 100), []);
  });
  it('counts each new generation after the moment, not the ones before it or of another group', () => {
    const alone = member('instance-2-bbb', [0, 1, 2, 3]);
    const records = [
      generation(20, 1, [m1]),
      generation(50, 2, [m1, m2]),
      generation(300, 3, [alone]),
      generation(310, 9, [alone], 'range', 'another-group'),
      generation(500, 4, [m1, m2]),
    ];
    assert.deepEqual(rebalancesSince(records, GROUP, 100), [300, 500]);
    assert.deepEqual(rebalancesSince(records, GROUP, 400), [500]);
  });
  it('counts a KIP-848 group epoch that rises, in the broker records order', () => {
    const epoch = (at: number, n: number): GroupRecord => ({ at, group: GROUP, kind: 'consumer-epoch', epoch: n });
    assert.deepEqual(rebalancesSince([epoch(300, 3), epoch(10, 1), epoch(200, 2), epoch(250, 2)], GROUP, 100), [200, 300]);
  });
});
