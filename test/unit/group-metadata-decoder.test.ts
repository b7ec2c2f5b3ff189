// The classic group's records of __consumer_offsets (GroupMetadata, key version 2): decoded from
// raw records captured from real Kafka 3.9.1, 4.1.1 and 4.4.0 brokers, and from hand-built bytes of the
// flexible version 4 and the oldest version 0; and turned into group.jsonl records.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MalformedConsumerOffsetsRecordError,
  decodeConsumerOffsetsRecord,
  type DecodedGroupMetadata,
} from '../../src/evidence/consumer-offsets/index.js';
import { GroupHistoryCollector } from '../../src/traffic/group-records.js';
import {
  assignmentBytes,
  bytes,
  compactBytes,
  compactString,
  fromBase64,
  int16,
  int32,
  int64,
  loadFixture,
  nullString,
  string,
  tagged,
  varint,
} from '../support/kafka-wire-bytes.js';

for (const version of ['3.9.1', '4.1.1', '4.4.0']) {
  describe(`group records captured from Kafka ${version}`, () => {
    const fixture = loadFixture(version);
    const groups = fixture.records
      .map((r) => ({ at: r.timestamp, result: decodeConsumerOffsetsRecord(fromBase64(r.key), fromBase64(r.value)) }))
      .filter((d): d is { at: number; result: DecodedGroupMetadata } => d.result.kind === 'group-metadata');

    it("decodes the capture group's generations: one member holding both partitions, then empty", () => {
      const mine = groups.filter((g) => g.result.group === 'capture-group' && g.result.value?.protocolType === 'consumer');
      const [first, last] = [mine[0]!.result.value!, mine.at(-1)!.result.value!];
      assert.equal(first.generation, 1);
      assert.equal(first.protocol, 'RoundRobinAssigner');
      assert.equal(first.members.length, 1);
      const member = first.members[0]!;
      assert.equal(first.leader, member.memberId);
      assert.match(member.memberId, /^capture-[0-9a-f-]{36}$/);
      assert.equal(member.clientId, 'capture');
      assert.equal(member.groupInstanceId, null);
      assert.deepEqual(
        { session: member.sessionTimeoutMs, rebalance: member.rebalanceTimeoutMs },
        { session: 30_000, rebalance: 60_000 },
        "kafkajs's default timeouts",
      );
      // The leader's order of the partitions varies between runs and versions; the set does not.
      assert.deepEqual(
        Object.fromEntries(Object.entries(member.assignment ?? {}).map(([topic, partitions]) => [topic, [...partitions].sort()])),
        { 'capture-orders': [0, 1] },
      );
      assert.ok(first.currentStateTimestamp! >= fixture.startedAt - 5_000 && first.currentStateTimestamp! <= fixture.capturedAt);
      assert.deepEqual(
        { generation: last.generation, members: last.members.length, protocol: last.protocol },
        { generation: 2, members: 0, protocol: null },
      );
    });

    it('decodes the deleted group as a tombstone, and keeps only the asked group in group.jsonl', () => {
      const tombstones = groups.filter((g) => g.result.value === null).map((g) => g.result.group);
      assert.deepEqual(tombstones, ['capture-deleted']);
      const collector = new GroupHistoryCollector('capture-deleted');
      const kept = groups.filter((g) => collector.add(g.result, g.at)).length;
      const records = collector.history();
      assert.equal(kept, records.length);
      assert.ok(records.every((r) => r.group === 'capture-deleted'));
      assert.equal(records.at(-1)!.kind, 'classic-deleted');
      const generation = records.find((r) => r.kind === 'classic-generation' && r.members.length === 1);
      assert.ok(generation && generation.kind === 'classic-generation');
      assert.deepEqual(generation.members[0]!.assignment, [{ topic: 'capture-orders', partitions: [0, 1] }]);
    });
  });
}

const groupKey = Buffer.concat([int16(2), string('g')]);

describe('hand-built GroupMetadataValue versions', () => {
  it('reads version 4 (flexible): compact fields, a static member, tagged fields skipped', () => {
    const assignment = assignmentBytes({ orders: [2, 0] });
    const value = Buffer.concat([
      int16(4),
      compactString('consumer'),
      int32(7),
      compactString('cooperative-sticky'),
      compactString('m-1'),
      int64(1_767_225_600_000),
      varint(2), // one member
      compactString('m-1'),
      compactString('instance-a'),
      compactString('client'),
      compactString('/127.0.0.1'),
      int32(45_000),
      int32(10_000),
      compactBytes(Buffer.alloc(0)),
      compactBytes(assignment),
      tagged([[3, Buffer.from([1, 2])]]),
      tagged(),
    ]);
    const decoded = decodeConsumerOffsetsRecord(groupKey, value);
    assert.deepEqual(decoded, {
      kind: 'group-metadata',
      group: 'g',
      value: {
        protocolType: 'consumer',
        generation: 7,
        protocol: 'cooperative-sticky',
        leader: 'm-1',
        currentStateTimestamp: 1_767_225_600_000,
        members: [
          {
            memberId: 'm-1',
            groupInstanceId: 'instance-a',
            clientId: 'client',
            clientHost: '/127.0.0.1',
            rebalanceTimeoutMs: 45_000,
            sessionTimeoutMs: 10_000,
            assignment: { orders: [2, 0] },
          },
        ],
      },
    });
  });

  it('reads version 0 (no timestamp, instance id or rebalance timeout) and leaves a Connect assignment undecoded', () => {
    const value = Buffer.concat([
      int16(0),
      string('connect'),
      int32(3),
      nullString(),
      nullString(),
      int32(1),
      string('worker-1'),
      string('connect-1'),
      string('/127.0.0.1'),
      int32(10_000),
      bytes(Buffer.from([9, 9])),
      bytes(Buffer.from([1, 2, 3])),
    ]);
    const decoded = decodeConsumerOffsetsRecord(groupKey, value) as DecodedGroupMetadata;
    assert.equal(decoded.value!.currentStateTimestamp, null);
    assert.equal(decoded.value!.members[0]!.rebalanceTimeoutMs, null);
    assert.equal(decoded.value!.members[0]!.groupInstanceId, null);
    assert.equal(decoded.value!.members[0]!.assignment, null, 'not the consumer protocol: not decoded');
  });

  it('refuses an unknown version, a truncated value and trailing bytes, in one line naming the group', () => {
    const malformed = (value: Buffer, pattern: RegExp) =>
      assert.throws(
        () => decodeConsumerOffsetsRecord(groupKey, value),
        (error: unknown) =>
          error instanceof MalformedConsumerOffsetsRecordError && pattern.test(error.message) && !error.message.includes('\n'),
      );
    malformed(Buffer.concat([int16(5), string('consumer')]), /unknown GroupMetadataValue version 5 for group g/);
    malformed(Buffer.concat([int16(3), string('consumer'), int32(1)]), /truncated at protocol length/);
    malformed(
      Buffer.concat([int16(2), string('consumer'), int32(1), nullString(), nullString(), int64(5), int32(0), Buffer.from([0])]),
      /1 unexpected trailing bytes after GroupMetadataValue v2/,
    );
  });
});

describe('group.jsonl of a consumer-protocol group (KIP-848) captured from Kafka 4.1.1', () => {
  const fixture = loadFixture('4.1.1-consumer-protocol');
  const collector = new GroupHistoryCollector('capture-kip848');
  for (const r of fixture.records) collector.add(decodeConsumerOffsetsRecord(fromBase64(r.key), fromBase64(r.value)), r.timestamp);
  const history = collector.history();

  it('keeps epochs, member assignments and departures, each topic id named from the subscription', () => {
    const assignments = history.filter((r) => r.kind === 'consumer-assignment');
    assert.ok(history.some((r) => r.kind === 'consumer-epoch'));
    assert.ok(assignments.length >= 3, JSON.stringify(history));
    assert.ok(
      assignments.every((a) => a.assigned.every((t) => t.topic === 'capture-kip848-orders' && /^[A-Za-z0-9_-]{22}$/.test(t.topicId!))),
    );
    const members = new Set(assignments.map((a) => a.memberId));
    assert.equal(members.size, 2, 'two members joined');
    assert.equal(history.filter((r) => r.kind === 'consumer-left').length, 2, 'both left');
    const epochs = assignments.map((a) => a.memberEpoch);
    assert.ok(
      epochs.some((e) => e > 1),
      'epochs moved on with the rebalances',
    );
  });
});
