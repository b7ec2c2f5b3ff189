// The harness's Kafka clients on kafkajs: the one file of src/ that imports it (the seam's
// interfaces are in kafka-client-seam.ts). It maps kafkajs's shapes — string offsets, errors with
// a `type` under wrappers, consumer events — onto the seam's plain ones. kafkajs logs go to a file
// in the run directory, never to the test's output.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { Kafka, logLevel, type Admin, type IHeaders, type KafkaMessage, type logCreator } from 'kafkajs';
import type {
  Acks,
  AdminClient,
  HarnessProducerClient,
  KafkaClients,
  OutgoingMessage,
  ReadHandlers,
  ReadRecord,
  SendFailure,
  SendResult,
  TopicMetadata,
  TopicReader,
} from './kafka-client-seam.js';
import { decodeAssignment } from '../evidence/consumer-offsets/consumer-protocol-assignment.js';

export function fileLogCreator(logPath: string): logCreator {
  return () =>
    ({ namespace, label, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
      const line = `${new Date().toISOString()} ${label} [${namespace}] ${message} ${JSON.stringify(extra)}\n`;
      fs.appendFile(logPath, line, () => undefined);
    };
}

/** A kafkajs client as the harness configures it; for tests that need kafkajs itself (a committing consumer). */
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

/** The seam's clients on kafkajs, for one client id. */
export function kafkajsClients(brokers: readonly string[], clientId: string, logPath: string): KafkaClients {
  const kafka = harnessKafka(brokers, clientId, logPath);
  return {
    admin: () => kafkajsAdmin(kafka.admin()),
    producer: (options) => kafkajsProducer(kafka, options?.acks),
    reader: () => kafkajsReader(kafka),
  };
}

function kafkajsAdmin(admin: Admin): AdminClient {
  return {
    connect: () => admin.connect(),
    disconnect: () => admin.disconnect(),
    brokers: async () => (await admin.describeCluster()).brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    listTopics: () => admin.listTopics(),
    async createTopic({ topic, partitions, replicationFactor, config }) {
      await admin.createTopics({
        topics: [
          {
            topic,
            numPartitions: partitions,
            replicationFactor,
            configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
          },
        ],
        // kafkajs's own wait gives up when a broker answers before its metadata has the topic
        // (UNKNOWN_TOPIC_OR_PARTITION); the caller's wait retries that.
        waitForLeaders: false,
      });
    },
    deleteTopics: (topics, timeoutMs) => admin.deleteTopics({ topics: [...topics], timeout: timeoutMs }),
    async topicMetadata(topics) {
      // Without topics kafkajs asks for every topic of the cluster.
      const { topics: found } = topics ? await admin.fetchTopicMetadata({ topics: [...topics] }) : await admin.fetchTopicMetadata();
      return found.map((t): TopicMetadata => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionId: p.partitionId, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr] })),
      }));
    },
    topicOffsets: async (topic) =>
      (await admin.fetchTopicOffsets(topic)).map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) })),
    async groupOffsets(groupId, topic) {
      const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (result?.partitions ?? []).map((p) => ({ partition: p.partition, offset: Number(p.offset) }));
    },
    async deleteGroups(groupIds) {
      await admin.deleteGroups([...groupIds]);
    },
    async describeGroup(groupId) {
      const describe = async () => (await admin.describeGroups([groupId])).groups.find((g) => g.groupId === groupId);
      let group = await describe();
      // Only a group DescribeGroups shows empty may be one it cannot see (KIP-848): ask ListGroups then.
      const listed = (group?.members.length ?? 0) === 0 ? (await admin.listGroups()).groups : [];
      // Listed after an empty describe, it may have been created in between — a classic group
      // forming, taken for a KIP-848 one and called ready before its first generation (seen on
      // 4.4.0). Described again, a classic group shows its state; a KIP-848 group stays Dead.
      if (listed.some((g) => g.groupId === groupId)) group = await describe();
      return {
        state: group?.state ?? 'Dead',
        protocolType: group?.protocolType ?? '',
        members: (group?.members ?? []).map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          assignment: group?.protocolType === 'consumer' ? assignmentOrNull(m.memberAssignment) : null,
        })),
        listedAs: listed.find((g) => g.groupId === groupId)?.protocolType ?? (group?.members.length ? group.protocolType : undefined),
      };
    },
    async addPartitions(topic, count) {
      await admin.createPartitions({ topicPartitions: [{ topic, count }] });
    },
  };
}

function kafkajsProducer(kafka: Kafka, acks: Acks = 'all'): HarnessProducerClient {
  // One attempt per send: a client retry would turn a failed attempt into a hidden duplicate.
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 }, maxInFlightRequests: 1 });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async send(topic: string, partition: number, messages: readonly OutgoingMessage[]): Promise<SendResult> {
      try {
        const [metadata] = await producer.send({
          topic,
          acks: acks === 'all' ? -1 : 1,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers, partition })),
        });
        return { ok: true, baseOffset: Number(metadata!.baseOffset) };
      } catch (error) {
        return { ok: false, failure: kafkajsSendFailure(error) };
      }
    },
  };
}

/**
 * A kafkajs send error as the seam describes it. kafkajs puts the broker's error name on a
 * KafkaJSProtocolError's `type`, and wraps the last attempt's error as `cause`
 * (KafkaJSNumberOfRetriesExceeded), so the name is looked up through the chain of causes.
 */
export function kafkajsSendFailure(error: unknown): SendFailure {
  const message = error instanceof Error ? error.message : String(error);
  for (let current = error; current instanceof Error; current = (current as Error & { cause?: unknown }).cause) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string') return { message, brokerError: type };
  }
  return { message };
}

/** Header values as Buffers; a repeated name's values joined by ',' (what toString() of kafkajs's array gave). */
function headerBuffers(headers: IHeaders | undefined): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name] = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
  }
  return out;
}

function readRecord(message: KafkaMessage): ReadRecord {
  return {
    offset: Number(message.offset),
    key: message.key ?? null,
    value: message.value,
    headers: headerBuffers(message.headers),
    timestamp: Number(message.timestamp),
  };
}

/**
 * kafkajs has no group-less consumer, so the reader uses a throwaway group that never commits
 * and is deleted on stop().
 */
function kafkajsReader(kafka: Kafka): TopicReader {
  const groupId = `kafka-chaos-reader-${crypto.randomBytes(4).toString('hex')}`;
  // A short fetch wait: disconnecting waits out a fetch in flight (5 s by kafkajs's default).
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  let started = false;
  return {
    async start(topic: string, handlers: ReadHandlers) {
      started = true;
      // Batches of only control records (transaction markers) or aborted records never reach
      // eachBatch, but kafkajs reports them with this event.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.topic === topic) handlers.onReadUpTo(payload.partition, Number(payload.lastOffset) + 1);
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) handlers.onRecord(batch.partition, readRecord(message));
        },
      });
    },
    async stop() {
      await consumer.disconnect().catch(() => undefined);
      if (!started) return;
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.deleteGroups([groupId]);
      } catch {
        // the group never formed, or the cluster is cut off: an empty group that expires by itself
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}

/** A member's assignment bytes decoded, or null when they are not the consumer protocol's (a custom assignor's own format). */
function assignmentOrNull(bytes: Buffer): Record<string, number[]> | null {
  try {
    return decodeAssignment(bytes);
  } catch {
    return null;
  }
}
