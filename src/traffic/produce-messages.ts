// Produces N harness messages with acks=all and reports where each landed. Partitions are
// chosen here (round-robin, or by key) rather than by the client, so every acked message's
// exact offset is known from the broker's base offset for its batch.

import crypto from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { harnessMessage, messageIdPrefix } from './harness-message.js';

export interface ProducedMessage {
  id: string;
  key: string | null;
  checksum: string;
  partition: number;
  offset: number;
}

export interface ProduceOptions {
  topic: string;
  count: number;
  partitions: number;
  /** Messages sent per request (default 500). */
  batchSize?: number;
  /** When set, messages get keys key-0..key-(n-1) and go to the key's hash partition. */
  distinctKeys?: number;
}

const keyPartition = (key: string, partitions: number) => crypto.createHash('md5').update(key).digest().readUInt32BE(0) % partitions;

export async function produceMessages(kafka: Kafka, options: ProduceOptions): Promise<ProducedMessage[]> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  const prefix = messageIdPrefix();
  const produced: ProducedMessage[] = [];
  const batchSize = options.batchSize ?? 500;
  await producer.connect();
  try {
    for (let start = 0; start < options.count; start += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, options.count - start) }, (_, i) => {
        const seq = start + i;
        const key = options.distinctKeys ? `key-${seq % options.distinctKeys}` : null;
        const partition = key === null ? seq % options.partitions : keyPartition(key, options.partitions);
        return { message: harnessMessage(`${prefix}-${seq}`, seq, key), partition };
      });
      const metadata = await producer.send({
        topic: options.topic,
        acks: -1,
        messages: batch.map(({ message, partition }) => ({
          key: message.key,
          value: message.value,
          headers: message.headers,
          partition,
        })),
      });
      // One record metadata per partition; its messages got consecutive offsets in send order.
      const next = new Map(metadata.map((m) => [m.partition, Number(m.baseOffset)]));
      for (const { message, partition } of batch) {
        const offset = next.get(partition)!;
        next.set(partition, offset + 1);
        produced.push({ id: message.id, key: message.key, checksum: message.checksum, partition, offset });
      }
    }
  } finally {
    await producer.disconnect();
  }
  return produced;
}
