// The harness's Kafka clients and the admin questions the runtimes ask of a cluster: are all
// brokers registered, create a topic with production durability, who leads what. Everything here
// speaks the library-neutral seam (kafka-client-seam.ts); harnessClients is the one place that
// picks the library behind it.

import type { AdminClient, KafkaClients, PartitionState } from './kafka-client-seam.js';
import { kafkajsClients } from './kafkajs-clients.js';
import { waitFor } from '../util/wait-for.js';

export type { PartitionState } from './kafka-client-seam.js';

/** The harness's clients for `clientId`, through `brokers`, logging to `logPath`. */
export function harnessClients(brokers: readonly string[], clientId: string, logPath: string): KafkaClients {
  return kafkajsClients(brokers, clientId, logPath);
}

/**
 * How many probes in a row must list every awaited broker. The client asks a random broker each
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
  admin: AdminClient,
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
      const brokers = await admin.brokers();
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
export async function createTopic(admin: AdminClient, spec: TopicSpec, timeoutMs = 30_000): Promise<void> {
  const replicationFactor = spec.replicationFactor ?? 3;
  const config = {
    'min.insync.replicas': String(spec.minInsyncReplicas ?? Math.min(2, replicationFactor)),
    'unclean.leader.election.enable': 'false',
    ...spec.config,
  };
  // The seam's createTopic does not wait for leaders: a broker may answer before its metadata has
  // the topic (UNKNOWN_TOPIC_OR_PARTITION), and the waits below retry that.
  await admin.createTopic({ topic: spec.topic, partitions: spec.partitions, replicationFactor, config });
  await awaitPartitionsHosted(admin, spec.topic, spec.partitions, replicationFactor, timeoutMs);
}

/** Adds partitions to `topic` until it has `partitions`, and waits until every one has a leader that hosts it. */
export async function addPartitions(admin: AdminClient, topic: string, partitions: number, timeoutMs = 30_000): Promise<void> {
  const replicationFactor = (await partitionsOf(admin, topic))[0]!.replicas.length;
  await admin.addPartitions(topic, partitions);
  await awaitPartitionsHosted(admin, topic, partitions, replicationFactor, timeoutMs);
}

async function awaitPartitionsHosted(
  admin: AdminClient,
  topic: string,
  count: number,
  replicationFactor: number,
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    async () => {
      const partitions = await partitionsOf(admin, topic);
      return partitions.length === count && partitions.every((p) => p.leader >= 0 && p.isr.length === replicationFactor);
    },
    { what: `topic ${topic} to have ${count} partitions with leaders and ${replicationFactor} in-sync replicas`, timeoutMs },
  );
  // The ISR above comes from the creation record, so it proves nothing about the leaders.
  // ListOffsets goes to each partition's leader and fails (UNKNOWN_TOPIC_OR_PARTITION) until that
  // leader hosts the partition: once it answers, a send is not refused for want of a partition.
  await waitFor(async () => (await admin.topicOffsets(topic)).length === count, {
    what: `every partition leader of ${topic} to host its partition`,
    timeoutMs,
    intervalMs: 200,
  });
}

/**
 * The partitions of `topic` with leader, replicas and ISR. Brokers learn of a new topic a moment
 * apart (KRaft metadata propagates), so a broker that does not know it yet is asked again
 * for up to `timeoutMs`.
 */
export async function partitionsOf(admin: AdminClient, topic: string, timeoutMs = 10_000): Promise<PartitionState[]> {
  return waitFor(
    async () => {
      const topics = await admin.topicMetadata([topic]);
      const partitions = [...(topics[0]?.partitions ?? [])].sort((a, b) => a.partitionId - b.partitionId);
      return partitions.length > 0 ? partitions : undefined;
    },
    { what: `metadata of topic ${topic}`, timeoutMs, intervalMs: 200 },
  );
}

/** partition → the group's committed offset (-1 when none), as the group coordinator reports it. */
export async function committedOffsets(admin: AdminClient, groupId: string, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.groupOffsets(groupId, topic);
  return new Map(offsets.map((p) => [p.partition, p.offset]));
}

/** partition → log-end offset (the high watermark). */
export async function endOffsets(admin: AdminClient, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.topicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, o.high]));
}

/**
 * The partitions whose in-sync replicas are fewer than their replicas ("orders-2 isr 1,3 of
 * 1,2,3"), over every topic of the cluster, internal ones included: empty when every replica
 * has caught up — what a rolling restart waits for before the next broker, and what a heal
 * leaves behind.
 */
export async function underReplicated(admin: AdminClient): Promise<string[]> {
  const topics = await admin.topicMetadata();
  return topics.flatMap((topic) =>
    topic.partitions
      .filter((p) => p.isr.length < p.replicas.length)
      .map((p) => `${topic.name}-${p.partitionId} isr ${[...p.isr].sort().join(',') || 'none'} of ${[...p.replicas].sort().join(',')}`),
  );
}
