// kafkajs clients for the harness, and the admin questions the runtimes ask of a cluster:
// are all brokers registered, create a topic with production durability, who leads what.
// kafkajs logs go to a file in the run directory, never to the test's output.

import fs from 'node:fs';
import { Kafka, logLevel, type Admin, type ITopicMetadata, type logCreator } from 'kafkajs';
import { waitFor } from '../util/wait-for.js';

export function fileLogCreator(logPath: string): logCreator {
  return () =>
    ({ namespace, label, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
      const line = `${new Date().toISOString()} ${label} [${namespace}] ${message} ${JSON.stringify(extra)}\n`;
      fs.appendFile(logPath, line, () => undefined);
    };
}

export function harnessKafka(brokers: readonly string[], clientId: string, logPath: string): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.WARN,
    logCreator: fileLogCreator(logPath),
  });
}

/**
 * How many probes in a row must list every awaited broker. kafkajs asks a random broker each
 * time, and brokers learn of a registration (or unfencing) a moment apart: one probe that lists
 * all of them proves only that one broker's view was complete, and the next client then met a
 * broker that still listed two of three. Several agreeing probes, 250 ms apart, ask the others too.
 */
const AGREEING_PROBES = 4;

/**
 * Waits until the cluster's metadata lists every broker in `ids` (registered and unfenced), in
 * AGREEING_PROBES probes in a row. `check` runs before each probe and may throw to end the wait
 * (a broker process that died).
 */
export async function waitForBrokers(
  admin: Admin,
  ids: readonly number[],
  options: { timeoutMs: number; hint?: string; check?: () => void },
): Promise<void> {
  let agreeing = 0;
  await waitFor(
    async () => {
      options.check?.();
      const agreedSoFar = agreeing;
      agreeing = 0; // a probe that throws breaks the run, too
      await admin.connect();
      const { brokers } = await admin.describeCluster();
      const seen = new Set(brokers.map((b) => b.nodeId));
      agreeing = ids.every((id) => seen.has(id)) ? agreedSoFar + 1 : 0;
      return agreeing >= AGREEING_PROBES;
    },
    {
      what: `brokers ${ids.join(', ')} to be registered in the cluster metadata (${AGREEING_PROBES} probes in a row)`,
      timeoutMs: options.timeoutMs,
      intervalMs: 250,
      hint: options.hint,
    },
  );
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  minInsyncReplicas?: number;
  config?: Record<string, string>;
}

/** Creates a topic and waits until every partition has a leader and a full ISR. */
export async function createTopic(admin: Admin, spec: TopicSpec, timeoutMs = 30_000): Promise<void> {
  const replicationFactor = spec.replicationFactor ?? 3;
  const configEntries = Object.entries({
    'min.insync.replicas': String(spec.minInsyncReplicas ?? Math.min(2, replicationFactor)),
    'unclean.leader.election.enable': 'false',
    ...spec.config,
  }).map(([name, value]) => ({ name, value }));
  await admin.createTopics({
    topics: [{ topic: spec.topic, numPartitions: spec.partitions, replicationFactor, configEntries }],
    // kafkajs's own wait gives up when a broker answers before its metadata has the topic
    // (UNKNOWN_TOPIC_OR_PARTITION); the wait below retries that.
    waitForLeaders: false,
  });
  await waitFor(
    async () => {
      const partitions = await partitionsOf(admin, spec.topic);
      return partitions.length === spec.partitions && partitions.every((p) => p.leader >= 0 && p.isr.length === replicationFactor);
    },
    { what: `topic ${spec.topic} to have ${spec.partitions} partitions with leaders and ${replicationFactor} in-sync replicas`, timeoutMs },
  );
  // The ISR above comes from the creation record, so it proves nothing about the leaders.
  // ListOffsets goes to each partition's leader and fails (UNKNOWN_TOPIC_OR_PARTITION) until that
  // leader hosts the partition: once it answers, a send is not refused for want of a partition.
  await waitFor(async () => (await admin.fetchTopicOffsets(spec.topic)).length === spec.partitions, {
    what: `every partition leader of ${spec.topic} to host its partition`,
    timeoutMs,
    intervalMs: 200,
  });
}

export type PartitionState = ITopicMetadata['partitions'][number];

/**
 * The partitions of `topic` with leader, replicas and ISR. Brokers learn of a new topic a moment
 * apart (KRaft metadata propagates), so a broker that does not know it yet is asked again
 * for up to `timeoutMs`.
 */
export async function partitionsOf(admin: Admin, topic: string, timeoutMs = 10_000): Promise<PartitionState[]> {
  return waitFor(
    async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = [...(topics[0]?.partitions ?? [])].sort((a, b) => a.partitionId - b.partitionId);
      return partitions.length > 0 ? partitions : undefined;
    },
    { what: `metadata of topic ${topic}`, timeoutMs, intervalMs: 200 },
  );
}

/** partition → the group's committed offset (-1 when none), as the group coordinator reports it. */
export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, number>> {
  const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((result?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

/** partition → log-end offset (the high watermark). */
export async function endOffsets(admin: Admin, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
}

/**
 * The partitions whose in-sync replicas are fewer than their replicas ("orders-2 isr 1,3 of
 * 1,2,3"), over every topic of the cluster, internal ones included: empty when every replica
 * has caught up — what a rolling restart waits for before the next broker, and what a heal
 * leaves behind.
 */
export async function underReplicated(admin: Admin): Promise<string[]> {
  const { topics } = await admin.fetchTopicMetadata();
  return topics.flatMap((topic) =>
    topic.partitions
      .filter((p) => p.isr.length < p.replicas.length)
      .map((p) => `${topic.name}-${p.partitionId} isr ${[...p.isr].sort().join(',') || 'none'} of ${[...p.replicas].sort().join(',')}`),
  );
}
