// Captures the raw records of __consumer_offsets from a real cluster of a given Kafka version, as
// fixtures for the decoder's tests (test/fixtures/consumer-offsets/kafka-<version>.json).
//
//   node dist/bench/capture-consumer-offsets.js [version ...]     (default: 3.9.1 4.1.1)
//
// On each version: a group commits known offsets explicitly (metadata strings, one non-ASCII),
// a second group commits once and is deleted (tombstones), then the whole topic is read raw.
// The commits made here are what test/unit/consumer-offsets-decoder.test.ts expects.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kafka } from 'kafkajs';
import { ChaosEnvironment } from '../src/environment/chaos-environment.js';
import { createTopic } from '../src/environment/kafka-clients.js';
import { harnessKafka } from '../src/environment/kafkajs-clients.js';
import { readConsumerOffsetsLog, type RawConsumerOffsetsRecord } from '../src/traffic/commit-log.js';
import { waitFor } from '../src/util/wait-for.js';

export const CAPTURE_TOPIC = 'capture-orders';
export const CAPTURE_GROUP = 'capture-group';
export const DELETED_GROUP = 'capture-deleted';

/** The commits of CAPTURE_GROUP, in the order made (each its own OffsetCommit request). */
export const CAPTURE_COMMITS = [
  { partition: 0, offset: 3, metadata: 'first' },
  { partition: 1, offset: 2, metadata: '' },
  { partition: 0, offset: 7, metadata: 'zażółć gęślą jaźń — 日本語 ✓' },
  { partition: 0, offset: 12, metadata: 'done' },
] as const;

const DELETED_COMMIT = { partition: 1, offset: 4, metadata: 'to be deleted' } as const;

export interface ConsumerOffsetsFixture {
  kafkaVersion: string;
  /** Epoch ms before the first commit and after the read. */
  startedAt: number;
  capturedAt: number;
  records: Array<{ partition: number; offset: number; key: string | null; value: string | null; timestamp: number }>;
}

/** Joins `groupId`, makes `commits` one request at a time, and leaves. */
async function commitAs(
  kafka: Kafka,
  groupId: string,
  commits: ReadonlyArray<{ partition: number; offset: number; metadata: string }>,
): Promise<void> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: CAPTURE_TOPIC, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await waitFor(() => joined, { what: `group ${groupId} to join`, timeoutMs: 30_000 });
    for (const commit of commits) {
      await consumer.commitOffsets([
        { topic: CAPTURE_TOPIC, partition: commit.partition, offset: String(commit.offset), metadata: commit.metadata },
      ]);
    }
  } finally {
    await consumer.disconnect();
  }
}

export async function capture(version: string): Promise<ConsumerOffsetsFixture> {
  const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-capture-'));
  const env = await new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime('process').withKafkaVersion(version).start();
  try {
    const kafka = env.kafka('capture');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopic(admin, { topic: CAPTURE_TOPIC, partitions: 2 });
      // kafkajs itself for the producer and the committing groups: the seam models neither.
      const kafkajs = harnessKafka(env.cluster.bootstrap('harness'), 'capture', env.run.log('harness-kafkajs'));
      const producer = kafkajs.producer();
      await producer.connect();
      await producer.send({
        topic: CAPTURE_TOPIC,
        messages: [
          ...Array.from({ length: 12 }, (_, i) => ({ partition: 0, value: `p0-${i}` })),
          ...Array.from({ length: 4 }, (_, i) => ({ partition: 1, value: `p1-${i}` })),
        ],
      });
      await producer.disconnect();

      const startedAt = Date.now();
      await commitAs(kafkajs, CAPTURE_GROUP, CAPTURE_COMMITS);
      await commitAs(kafkajs, DELETED_GROUP, [DELETED_COMMIT]);
      // The coordinator appends a deleted group's tombstones (offsets, then the group) without
      // waiting for the replicas, so wait until the high watermarks have moved past both.
      const logEnd = async () => (await admin.topicOffsets('__consumer_offsets')).reduce((sum, p) => sum + p.high, 0);
      const before = await logEnd();
      await admin.deleteGroups([DELETED_GROUP]);
      await waitFor(async () => (await logEnd()) >= before + 2, { what: `the tombstones of group ${DELETED_GROUP}`, timeoutMs: 30_000 });

      const records: RawConsumerOffsetsRecord[] = [];
      await readConsumerOffsetsLog(kafka, (record) => records.push(record));
      records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
      return {
        kafkaVersion: env.cluster.kafkaVersion,
        startedAt,
        capturedAt: Date.now(),
        records: records.map((r) => ({
          partition: r.partition,
          offset: r.offset,
          key: r.key ? r.key.toString('base64') : null,
          value: r.value ? r.value.toString('base64') : null,
          timestamp: r.timestamp,
        })),
      };
    } finally {
      await admin.disconnect();
    }
  } finally {
    await env.stop();
    fs.rmSync(runsRoot, { recursive: true, force: true });
  }
}

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/consumer-offsets');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const versions = process.argv.slice(2);
  for (const version of versions.length > 0 ? versions : ['3.9.1', '4.1.1']) {
    const fixture = await capture(version);
    fs.mkdirSync(fixturesDir, { recursive: true });
    const file = path.join(fixturesDir, `kafka-${version}.json`);
    // One record a line: small diffs when a fixture is captured again.
    const records = fixture.records.map((record) => `    ${JSON.stringify(record)}`).join(',\n');
    const text = JSON.stringify({ ...fixture, records: '@records' }, null, 2).replace('"@records"', `[\n${records}\n  ]`);
    fs.writeFileSync(file, text + '\n');
    console.log(`${version}: ${fixture.records.length} records → ${path.relative(process.cwd(), file)}`);
  }
}
