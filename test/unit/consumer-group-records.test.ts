// The KIP-848 consumer-group record decoder: against the records a real group.protocol=consumer
// group left on Kafka 4.1.1 and 4.4.0 (bench/capture-consumer-protocol.ts: one consumer joins and commits,
// a second joins, the second leaves, the first leaves), and against hand-built bytes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { MalformedConsumerOffsetsRecordError } from '../../src/evidence/consumer-offsets/errors.js';
import { ByteReader } from '../../src/evidence/consumer-offsets/reader.js';
import { decodeConsumerGroupRecord, uuidHex, type ConsumerGroupRecord } from '../../src/evidence/consumer-offsets/consumer-group/index.js';

const fixtureFile = (version: string) =>
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    `../../../test/fixtures/consumer-offsets/kafka-${version}-consumer-protocol.json`,
  );
const GROUP = 'capture-kip848';

interface Fixture {
  records: Array<{ partition: number; offset: number; key: string | null; value: string | null }>;
}

/** Decodes raw key and value as the caller will: the key's INT16 record type, then the rest. */
function decode(key: Buffer, value: Buffer | null): ConsumerGroupRecord | undefined {
  const reader = new ByteReader(key, 'key');
  return decodeConsumerGroupRecord(reader.int16('record type'), reader, value);
}

const isIncreasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

for (const version of ['4.1.1', '4.4.0']) {
  const fixture = JSON.parse(fs.readFileSync(fixtureFile(version), 'utf8')) as Fixture;
  /** Log order: the group's records are all in one partition of __consumer_offsets. */
  const decoded = fixture.records.map((r) => ({
    type: Buffer.from(r.key!, 'base64').readInt16BE(0),
    record: decode(Buffer.from(r.key!, 'base64'), r.value === null ? null : Buffer.from(r.value, 'base64')),
  }));
  const groupRecords = decoded.map((d) => d.record).filter((r): r is ConsumerGroupRecord => r?.group === GROUP);
  const live = groupRecords.filter((r) => !('deleted' in r));

  function liveOf<N extends ConsumerGroupRecord['record']>(name: N) {
    return live.filter((r): r is Extract<ConsumerGroupRecord, { record: N; deleted?: never }> => r.record === name);
  }

  describe(`KIP-848 records captured from Kafka ${version}`, () => {
    it('decodes every record of types 3–8 and leaves the others (offset commits) undefined', () => {
      assert.ok(fixture.records.length >= 20, `only ${fixture.records.length} records captured`);
      for (const { type, record } of decoded) {
        if (type >= 3 && type <= 8) assert.ok(record, `record type ${type} did not decode`);
        else assert.equal(record, undefined, `record type ${type} should not be handled here`);
      }
      assert.ok(
        decoded.some((d) => d.type === 1),
        'the explicit offset commit is in the log',
      );
      const names = new Set(groupRecords.map((r) => r.record));
      for (const name of ['ConsumerGroupMetadata', 'ConsumerGroupMemberMetadata', 'ConsumerGroupTargetAssignmentMetadata']) {
        assert.ok(names.has(name as ConsumerGroupRecord['record']), `no ${name} record`);
      }
    });

    it('has group and assignment epochs that increase with every rebalance', () => {
      const epochs = liveOf('ConsumerGroupMetadata').map((r) => r.epoch);
      assert.ok(epochs.length >= 3, `epochs: ${epochs.join(', ')}`);
      assert.ok(isIncreasing(epochs), `group epochs ${epochs.join(', ')}`);
      const assignmentEpochs = liveOf('ConsumerGroupTargetAssignmentMetadata').map((r) => r.assignmentEpoch);
      assert.ok(isIncreasing(assignmentEpochs), `assignment epochs ${assignmentEpochs.join(', ')}`);
      const members = new Set(liveOf('ConsumerGroupCurrentMemberAssignment').map((r) => r.memberId));
      for (const member of members) {
        const memberEpochs = liveOf('ConsumerGroupCurrentMemberAssignment')
          .filter((r) => r.memberId === member)
          .map((r) => r.memberEpoch);
        assert.ok(
          memberEpochs.every((v, i) => i === 0 || v >= memberEpochs[i - 1]!),
          `member ${member}: ${memberEpochs.join(', ')}`,
        );
      }
    });

    it('shows two members with their clients once the second consumer joins', () => {
      const joined = liveOf('ConsumerGroupMemberMetadata');
      assert.deepEqual(
        joined.map((m) => m.clientId),
        ['capture-kip848-first', 'capture-kip848-second'],
      );
      assert.notEqual(joined[0]!.memberId, joined[1]!.memberId);
      for (const member of joined) {
        assert.deepEqual(member.subscribedTopicNames, ['capture-kip848-orders']);
        assert.equal(member.instanceId, null);
        assert.equal(member.clientHost, '/127.0.0.1');
        assert.ok(member.rebalanceTimeoutMs > 0);
      }
      // The target assignment after the second member joins splits the partitions between both
      // (4.1.1 numbers that group epoch 2, 4.4.0 epoch 3: it starts the group at 2).
      const secondJoined = groupRecords.findIndex((r) => r.record === 'ConsumerGroupMemberMetadata' && r.memberId === joined[1]!.memberId);
      const targets = groupRecords
        .slice(secondJoined)
        .filter((r) => r.record === 'ConsumerGroupTargetAssignmentMember' && !('deleted' in r))
        .slice(0, 2) as Array<Extract<ConsumerGroupRecord, { record: 'ConsumerGroupTargetAssignmentMember'; deleted?: never }>>;
      assert.equal(new Set(targets.map((t) => t.memberId)).size, 2);
      const split = targets.flatMap((t) => t.partitions.flatMap((p) => p.partitions)).sort();
      assert.deepEqual(split, [0, 1, 2]);
    });

    it('has current assignments that cover the 3 partitions, while both members own some and after one leaves', () => {
      const owned = new Map<string, number[]>();
      let coveredByTwo = false;
      for (const r of groupRecords) {
        if (r.record !== 'ConsumerGroupCurrentMemberAssignment') continue;
        if ('deleted' in r) owned.delete(r.memberId!);
        else
          owned.set(
            r.memberId,
            r.assigned.flatMap((t) => t.partitions),
          );
        const union = [...new Set([...owned.values()].flat())].sort();
        const everyMemberOwns = [...owned.values()].every((parts) => parts.length > 0);
        if (owned.size === 2 && everyMemberOwns && union.join() === '0,1,2') coveredByTwo = true;
      }
      assert.ok(coveredByTwo, 'never saw two members each owning partitions that together cover 0, 1, 2');
      const last = liveOf('ConsumerGroupCurrentMemberAssignment').at(-1)!;
      assert.deepEqual(last.assigned.flatMap((t) => t.partitions).sort(), [0, 1, 2]);
      assert.deepEqual(last.pendingRevocation, []);
      // The one topic's id, as Kafka prints it, on every assignment.
      const ids = new Set(liveOf('ConsumerGroupCurrentMemberAssignment').flatMap((r) => r.assigned.map((t) => t.topicId)));
      assert.equal(ids.size, 1);
      const [id] = ids;
      assert.match(id!, /^[A-Za-z0-9_-]{22}$/);
      assert.match(uuidHex(id!), /^[0-9a-f]{32}$/);
    });

    it('decodes the tombstones of both members leaving as deleted, with their member ids', () => {
      const tombstones = groupRecords.filter((r) => 'deleted' in r);
      const members = liveOf('ConsumerGroupMemberMetadata').map((m) => m.memberId);
      for (const memberId of members) {
        const names = tombstones.filter((t) => t.memberId === memberId).map((t) => t.record);
        assert.deepEqual(names.sort(), [
          'ConsumerGroupCurrentMemberAssignment',
          'ConsumerGroupMemberMetadata',
          'ConsumerGroupTargetAssignmentMember',
        ]);
      }
      assert.equal(tombstones.length, 3 * members.length);
    });
  });
}

// ---- hand-built bytes -------------------------------------------------------------------------

const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const str = (s: string) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]);
const varint = (n: number) => Buffer.from([n]); // every length here is < 128
const cstr = (s: string | null) => (s === null ? varint(0) : Buffer.concat([varint(Buffer.byteLength(s) + 1), Buffer.from(s)]));
const array = (items: Buffer[]) => Buffer.concat([varint(items.length + 1), ...items]);
const NO_TAGS = varint(0);
const TOPIC_ID = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

const groupKey = (type: number) => Buffer.concat([int16(type), str('g')]);
const memberKey = (type: number) => Buffer.concat([int16(type), str('g'), str('m')]);
const value = (...parts: Buffer[]) => Buffer.concat([int16(0), ...parts]);
const topicPartitions = (...partitions: number[]) => Buffer.concat([TOPIC_ID, array(partitions.map(int32)), NO_TAGS]);
const currentAssignment = (state: number) =>
  value(int32(5), int32(4), Buffer.from([state]), array([topicPartitions(0, 2)]), array([topicPartitions(1)]), NO_TAGS);

const throwsMalformed = (fn: () => unknown, part: 'key' | 'value', pattern: RegExp) =>
  assert.throws(
    fn,
    (error: unknown) => error instanceof MalformedConsumerOffsetsRecordError && error.part === part && pattern.test(error.message),
  );

describe('KIP-848 records from hand-built bytes', () => {
  it('decodes a ConsumerGroupPartitionMetadata value (4.1 writes none, a 4.0 group has one)', () => {
    const partitionMetadata = array([Buffer.concat([int32(0), array([cstr('rack-a')]), NO_TAGS])]);
    const topic = Buffer.concat([TOPIC_ID, cstr('orders'), int32(3), partitionMetadata, NO_TAGS]);
    assert.deepEqual(decode(groupKey(4), value(array([topic]), NO_TAGS)), {
      record: 'ConsumerGroupPartitionMetadata',
      group: 'g',
      topics: [{ topicId: TOPIC_ID.toString('base64url'), topicName: 'orders', partitions: 3 }],
    });
    assert.equal(uuidHex(TOPIC_ID.toString('base64url')), '00112233445566778899aabbccddeeff');
  });

  it('decodes a member with an instance id and a tagged classic-member metadata it skips', () => {
    const tag0 = Buffer.concat([varint(1), varint(0), varint(3), Buffer.from([1, 2, 3])]);
    const bytes = value(
      cstr('static-1'),
      cstr(null),
      cstr('c'),
      cstr('/h'),
      array([cstr('t')]),
      cstr(null),
      int32(45_000),
      cstr('uniform'),
      tag0,
    );
    const record = decode(memberKey(5), bytes);
    assert.deepEqual(record, {
      record: 'ConsumerGroupMemberMetadata',
      group: 'g',
      memberId: 'm',
      instanceId: 'static-1',
      rackId: null,
      clientId: 'c',
      clientHost: '/h',
      subscribedTopicNames: ['t'],
      subscribedTopicRegex: null,
      rebalanceTimeoutMs: 45_000,
      serverAssignor: 'uniform',
    });
  });

  it('decodes a current assignment with partitions pending revocation', () => {
    const record = decode(memberKey(8), currentAssignment(1));
    assert.ok(record && record.record === 'ConsumerGroupCurrentMemberAssignment' && !('deleted' in record));
    assert.deepEqual([record.memberEpoch, record.previousMemberEpoch, record.state], [5, 4, 1]);
    assert.deepEqual(record.assigned[0]!.partitions, [0, 2]);
    assert.deepEqual(record.pendingRevocation[0]!.partitions, [1]);
  });

  it('returns undefined for record types it does not handle', () => {
    for (const type of [0, 1, 2, 9, 16, 17, 22]) assert.equal(decode(groupKey(type), null), undefined, `type ${type}`);
  });

  it('throws MalformedConsumerOffsetsRecordError on truncated, trailing or unknown-version bytes', () => {
    const full = currentAssignment(0);
    for (let length = 2; length < full.length; length++) {
      throwsMalformed(() => decode(memberKey(8), full.subarray(0, length)), 'value', /truncated/);
    }
    throwsMalformed(() => decode(memberKey(8), Buffer.concat([full, Buffer.from([0])])), 'value', /trailing/);
    throwsMalformed(
      () => decode(groupKey(3), Buffer.concat([int16(1), int32(7), NO_TAGS])),
      'value',
      /unknown ConsumerGroupMetadataValue version 1/,
    );
    throwsMalformed(() => decode(groupKey(6), Buffer.from([0])), 'value', /truncated at value version/);
    throwsMalformed(() => decode(memberKey(7), value(varint(0), NO_TAGS)), 'value', /non-nullable array topicPartitions is null/);
    throwsMalformed(() => decode(memberKey(8), currentAssignment(0xff)), 'value', /state is -1/);
    throwsMalformed(() => decode(memberKey(5).subarray(0, 5), null), 'key', /truncated at memberId/);
    throwsMalformed(() => decode(Buffer.concat([groupKey(3), Buffer.from([9])]), null), 'key', /trailing/);
  });
});
