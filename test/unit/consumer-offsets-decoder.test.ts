// The __consumer_offsets decoder: against raw records captured from real Kafka 3.9.1, 4.1.1 and
// 4.4.0 brokers (bench/capture-consumer-offsets.ts), and against hand-built bytes of every key and
// value version.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MalformedConsumerOffsetsRecordError,
  decodeConsumerOffsetsRecord,
  type DecodedCommit,
} from '../../src/evidence/consumer-offsets/index.js';
import { compactString, fromBase64, int16, int32, int64, loadFixture, string, tagged, varint } from '../support/kafka-wire-bytes.js';

// What bench/capture-consumer-offsets.ts committed, in order.
const CAPTURED = [
  { partition: 0, offset: 3, metadata: 'first' },
  { partition: 1, offset: 2, metadata: '' },
  { partition: 0, offset: 7, metadata: 'zażółć gęślą jaźń — 日本語 ✓' },
  { partition: 0, offset: 12, metadata: 'done' },
];

// ---- hand-built bytes -------------------------------------------------------------------------

const commitKey = (version: number, group = 'g', topic = 'orders', partition = 2) =>
  Buffer.concat([int16(version), string(group), string(topic), int32(partition)]);

const OFFSET = 9_007_199_254; // beyond 32 bits
const COMMIT_TS = 1_767_225_600_123;
const EXPIRE_TS = 1_767_830_400_000;
const META = 'méta ✓';

const VALUES: Record<number, Buffer> = {
  0: Buffer.concat([int16(0), int64(OFFSET), string(META), int64(COMMIT_TS)]),
  1: Buffer.concat([int16(1), int64(OFFSET), string(META), int64(COMMIT_TS), int64(EXPIRE_TS)]),
  2: Buffer.concat([int16(2), int64(OFFSET), string(META), int64(COMMIT_TS)]),
  3: Buffer.concat([int16(3), int64(OFFSET), int32(7), string(META), int64(COMMIT_TS)]),
  4: Buffer.concat([int16(4), int64(OFFSET), int32(7), compactString(META), int64(COMMIT_TS), tagged()]),
};

function assertMalformed(action: () => unknown, part: 'key' | 'value', pattern: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof MalformedConsumerOffsetsRecordError, `a MalformedConsumerOffsetsRecordError, got ${String(error)}`);
    assert.equal(error.name, 'MalformedConsumerOffsetsRecordError');
    assert.equal(error.part, part);
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes('\n'), 'one line');
    return true;
  });
}

// ---- tests ------------------------------------------------------------------------------------

for (const [version, valueVersion] of [
  ['3.9.1', 3],
  ['4.1.1', 4],
  ['4.4.0', 4],
] as const) {
  describe(`records captured from Kafka ${version}`, () => {
    const fixture = loadFixture(version);
    const decoded = fixture.records.map((r) => ({ raw: r, result: decodeConsumerOffsetsRecord(fromBase64(r.key)!, fromBase64(r.value)) }));
    const commits = decoded.map((d) => d.result).filter((r): r is DecodedCommit => r.kind === 'commit');

    it('is a small capture of that version', () => {
      assert.equal(fixture.kafkaVersion, version);
      assert.ok(fixture.records.length > 0 && fixture.records.length < 100);
    });

    it('decodes exactly the commits the capture made, non-ASCII metadata included', () => {
      const group = commits.filter((c) => c.group === 'capture-group');
      assert.deepEqual(
        group.map(({ topic, partition, offset, metadata }) => ({ topic, partition, offset, metadata })),
        CAPTURED.map((c) => ({ topic: 'capture-orders', ...c })),
      );
      for (const commit of group) {
        // kafkajs sends no leader epoch and no retention time.
        assert.equal(commit.leaderEpoch, null);
        assert.equal(commit.expireTimestamp, null);
        assert.ok(
          commit.commitTimestamp >= fixture.startedAt && commit.commitTimestamp <= fixture.capturedAt,
          `commit timestamp ${commit.commitTimestamp} within the capture`,
        );
      }
      const stamps = group.map((c) => c.commitTimestamp);
      assert.deepEqual(
        stamps,
        [...stamps].sort((a, b) => a - b),
        'commit timestamps in commit order',
      );
      const deleted = commits.filter((c) => c.group === 'capture-deleted');
      assert.deepEqual(
        deleted.map(({ partition, offset, metadata }) => ({ partition, offset, metadata })),
        [{ partition: 1, offset: 4, metadata: 'to be deleted' }],
      );
      assert.equal(commits.length, CAPTURED.length + 1, 'no other commits');
    });

    it(`holds OffsetCommitKey v1 with OffsetCommitValue v${valueVersion} for every commit`, () => {
      for (const { raw, result } of decoded) {
        if (result.kind !== 'commit') continue;
        assert.equal(fromBase64(raw.key)!.readInt16BE(0), 1);
        assert.equal(fromBase64(raw.value)!.readInt16BE(0), valueVersion);
      }
    });

    it('skips the tombstone of the deleted offset; group records are decoded (group-metadata-decoder.test.ts)', () => {
      const skipped = decoded.filter((d) => d.result.kind === 'skipped');
      const groups = decoded.filter((d) => d.result.kind === 'group-metadata');
      assert.equal(skipped.length + groups.length + commits.length, fixture.records.length);
      const reasons = skipped.map((d) => (d.result.kind === 'skipped' ? d.result.reason : ''));
      assert.deepEqual(reasons, ['offset deleted (tombstone) for capture-deleted capture-orders-1']);
      assert.equal(decoded.filter((d) => d.raw.value === null).length, 2, 'two tombstones: the offset and the group');
    });
  });
}

describe('hand-built OffsetCommitValue versions', () => {
  const expected = (leaderEpoch: number | null, expireTimestamp: number | null) => ({
    kind: 'commit',
    group: 'g',
    topic: 'orders',
    partition: 2,
    offset: OFFSET,
    leaderEpoch,
    metadata: META,
    commitTimestamp: COMMIT_TS,
    expireTimestamp,
  });

  it('decodes v0 { offset, metadata, commitTimestamp }', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), VALUES[0]!), expected(null, null));
  });

  it('decodes v1 { offset, metadata, commitTimestamp, expireTimestamp }', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), VALUES[1]!), expected(null, EXPIRE_TS));
  });

  it('decodes v2 { offset, metadata, commitTimestamp }', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), VALUES[2]!), expected(null, null));
  });

  it('decodes v3 { offset, leaderEpoch, metadata, commitTimestamp }', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), VALUES[3]!), expected(7, null));
  });

  it('decodes v4 (flexible) { offset, leaderEpoch, compact metadata, commitTimestamp, tagged fields }', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), VALUES[4]!), expected(7, null));
  });

  it('skips v4 tagged fields by their size (4.1 topicId, tag 0, and an unknown tag)', () => {
    const value = Buffer.concat([
      int16(4),
      int64(OFFSET),
      int32(7),
      compactString(META),
      int64(COMMIT_TS),
      tagged([
        [0, Buffer.alloc(16, 0xab)],
        [300, Buffer.from('future')],
      ]),
    ]);
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), value), expected(7, null));
  });

  it('maps -1 leader epoch and expire timestamp to null, and reads an empty metadata', () => {
    const v3 = Buffer.concat([int16(3), int64(0), int32(-1), string(''), int64(COMMIT_TS)]);
    const v1 = Buffer.concat([int16(1), int64(0), string(''), int64(COMMIT_TS), int64(-1)]);
    const v4 = Buffer.concat([int16(4), int64(0), int32(-1), compactString(''), int64(COMMIT_TS), tagged()]);
    for (const value of [v3, v1, v4]) {
      const result = decodeConsumerOffsetsRecord(commitKey(1), value);
      assert.equal(result.kind, 'commit');
      if (result.kind !== 'commit') continue;
      assert.equal(result.leaderEpoch, null);
      assert.equal(result.expireTimestamp, null);
      assert.equal(result.metadata, '');
      assert.equal(result.offset, 0);
    }
  });

  it('decodes key v0 (LegacyOffsetCommitKey) as an offset commit', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(0, 'grüppe', 't', 0), VALUES[3]!), {
      ...expected(7, null),
      group: 'grüppe',
      topic: 't',
      partition: 0,
    });
  });
});

describe('records that are not offset commits', () => {
  it('skips every record type of share and streams groups without decoding its body', () => {
    for (const version of [9, 11, 15, 16, 17, 23, 99, -1]) {
      const result = decodeConsumerOffsetsRecord(Buffer.concat([int16(version), Buffer.from([0xff])]), Buffer.from([0xde, 0xad]));
      assert.equal(result.kind, 'skipped', `key version ${version}`);
    }
    const share = decodeConsumerOffsetsRecord(int16(11), null);
    assert.deepEqual(share, { kind: 'skipped', reason: 'ShareGroupMetadata record (key version 11), tombstone' });
    assert.match((decodeConsumerOffsetsRecord(int16(99), null) as { reason: string }).reason, /unknown record type 99/);
  });

  it('skips an offset-commit tombstone (null value)', () => {
    assert.deepEqual(decodeConsumerOffsetsRecord(commitKey(1), null), {
      kind: 'skipped',
      reason: 'offset deleted (tombstone) for g orders-2',
    });
  });
});

describe('malformed records', () => {
  it('throws on every truncation of an offset-commit key', () => {
    const key = commitKey(1, 'group', 'topic', 3);
    for (let length = 0; length < key.length; length++) {
      assertMalformed(
        () => decodeConsumerOffsetsRecord(key.subarray(0, length), VALUES[3]!),
        'key',
        /truncated at (key version|group|topic|partition)/,
      );
    }
  });

  it('throws on every truncation of every value version', () => {
    for (const [version, value] of Object.entries(VALUES)) {
      for (let length = 0; length < value.length; length++) {
        assertMalformed(() => decodeConsumerOffsetsRecord(commitKey(1), value.subarray(0, length)), 'value', /truncated at/);
      }
      assert.equal(decodeConsumerOffsetsRecord(commitKey(1), value).kind, 'commit', `v${version} whole`);
    }
  });

  it('throws on an unknown value version under an offset-commit key', () => {
    const v5 = Buffer.concat([int16(5), VALUES[4]!.subarray(2)]);
    assertMalformed(() => decodeConsumerOffsetsRecord(commitKey(1), v5), 'value', /unknown OffsetCommitValue version 5 for g orders-2/);
  });

  it('throws on trailing bytes, a null metadata, a length past the end, and a missing key', () => {
    assertMalformed(
      () => decodeConsumerOffsetsRecord(commitKey(1), Buffer.concat([VALUES[3]!, Buffer.from([0])])),
      'value',
      /1 unexpected trailing bytes after OffsetCommitValue v3/,
    );
    assertMalformed(
      () => decodeConsumerOffsetsRecord(Buffer.concat([commitKey(1), Buffer.from([0])]), VALUES[3]!),
      'key',
      /trailing bytes after OffsetCommitKey v1/,
    );
    const nullMetadata = Buffer.concat([int16(3), int64(1), int32(0), int16(-1), int64(COMMIT_TS)]);
    assertMalformed(() => decodeConsumerOffsetsRecord(commitKey(1), nullMetadata), 'value', /non-nullable metadata has length -1/);
    const nullCompact = Buffer.concat([int16(4), int64(1), int32(0), varint(0), int64(COMMIT_TS), tagged()]);
    assertMalformed(() => decodeConsumerOffsetsRecord(commitKey(1), nullCompact), 'value', /non-nullable metadata is null/);
    const longTopic = Buffer.concat([int16(1), string('g'), int16(200), Buffer.from('short')]);
    assertMalformed(() => decodeConsumerOffsetsRecord(longTopic, VALUES[3]!), 'key', /truncated at topic: needs 200 bytes/);
    const badTag = Buffer.concat([
      int16(4),
      int64(1),
      int32(0),
      compactString(''),
      int64(COMMIT_TS),
      varint(1),
      varint(0),
      varint(16),
      Buffer.alloc(3),
    ]);
    assertMalformed(() => decodeConsumerOffsetsRecord(commitKey(1), badTag), 'value', /truncated at tagged fields data of tag 0/);
    assertMalformed(() => decodeConsumerOffsetsRecord(null, VALUES[3]!), 'key', /no key/);
  });
});
