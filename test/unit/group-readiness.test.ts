// When the harness calls a SUT ready: its group Stable with every partition of the topic
// assigned and every instance a member, as DescribeGroups shows it — and what it says while it is not.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GroupMemberState, GroupState } from '../../src/environment/kafka-client-seam.js';
import { groupReadiness } from '../../src/scenario/group-readiness.js';

const member = (id: string, assignment: Record<string, number[]> | null): GroupMemberState => ({
  memberId: id,
  clientId: 'sut',
  clientHost: '/127.0.0.1',
  assignment,
});
const group = (state: string, members: GroupMemberState[], protocolType = 'consumer', listedAs?: string): GroupState => ({
  state,
  protocolType,
  members,
  listedAs: listedAs ?? (members.length > 0 ? protocolType : undefined),
});

describe('groupReadiness', () => {
  it('is ready when a Stable group assigns every partition of the topic, over its members', () => {
    const readiness = groupReadiness(group('Stable', [member('a', { orders: [0, 2] }), member('b', { orders: [1] })]), 'orders', 3);
    assert.deepEqual(readiness, { ready: true, how: 'assigned', members: 2 });
  });

  it('is not ready while fewer members than instances have joined, though one holds every partition', () => {
    const alone = group('Stable', [member('a', { orders: [0, 1, 2] })]);
    assert.deepEqual(groupReadiness(alone, 'orders', 3, 2), { ready: false, why: 'Stable, 1 of 2 instances joined' });
    assert.deepEqual(groupReadiness(alone, 'orders', 3, 1), { ready: true, how: 'assigned', members: 1 });
    const both = group('Stable', [member('a', { orders: [0, 1] }), member('b', { orders: [2] })]);
    assert.deepEqual(groupReadiness(both, 'orders', 3, 2), { ready: true, how: 'assigned', members: 2 });
  });

  it('is not ready while a partition is unassigned, and names it', () => {
    const readiness = groupReadiness(group('Stable', [member('a', { orders: [0, 1], other: [2] })]), 'orders', 3);
    assert.equal(readiness.ready, false);
    assert.match(readiness.ready ? '' : readiness.why, /partition\(s\) 2 of 3 unassigned/);
  });

  it('is not ready while nobody joined or a rebalance is under way', () => {
    const empty = groupReadiness(group('Dead', []), 'orders', 1);
    assert.deepEqual(empty, { ready: false, why: 'no member has joined (state Dead)' });
    const rebalancing = groupReadiness(group('CompletingRebalance', [member('a', null)]), 'orders', 1);
    assert.deepEqual(rebalancing, { ready: false, why: '1 member(s), state CompletingRebalance' });
  });

  it('takes a Stable member without an assignment as not holding anything', () => {
    const readiness = groupReadiness(group('Stable', [member('a', null)]), 'orders', 1);
    assert.equal(readiness.ready, false);
  });

  it('accepts a KIP-848 group that DescribeGroups cannot see but ListGroups lists as "consumer"', () => {
    assert.deepEqual(groupReadiness(group('Dead', [], 'consumer', 'consumer'), 'orders', 3), {
      ready: true,
      how: 'consumer-protocol',
      members: 0,
    });
  });

  it('takes Stable with members as ready for a group of another protocol, whose assignment it cannot read', () => {
    assert.deepEqual(groupReadiness(group('Stable', [member('w', null)], 'connect'), 'orders', 3), {
      ready: true,
      how: 'assigned',
      members: 1,
    });
  });
});
