// Reads a topic from its start to the end offsets it has when called, handing each record to
// `onRecord` in log order per partition. kafkajs has no group-less consumer, so this uses a
// throwaway group that never commits and is deleted afterwards. The read-back and the commit
// log both stand on it.

import crypto from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { EnvironmentError } from '../util/errors.js';
import { waitFor } from '../util/wait-for.js';

export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  onRecord: (partition: number, message: KafkaMessage) => void,
  timeoutMs = 60_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `kafka-chaos-reader-${crypto.randomBytes(4).toString('hex')}`;
  // A short fetch wait: disconnecting waits out a fetch in flight (5 s by kafkajs's default).
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const high = new Map(ends.map((e) => [e.partition, Number(e.high)]));
    // How far each partition is read: the next offset to read (from the low watermark, as
    // retention or compaction may have removed the start).
    const reached = new Map(ends.map((e) => [e.partition, Number(e.low)]));
    const advance = (partition: number, next: number) => {
      if (next > (reached.get(partition) ?? 0)) reached.set(partition, next);
    };
    const done = () => [...high].every(([partition, end]) => (reached.get(partition) ?? 0) >= end);
    if (done()) return;
    // An error of onRecord ends the read (a ChaosError that is not retriable ends waitFor).
    let failure: EnvironmentError | undefined;

    // Batches of only control records (transaction markers) or aborted records never reach
    // eachBatch, but kafkajs reports them with this event: without it a log ending in a marker
    // would never look read to its end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic === topic) advance(payload.partition, Number(payload.lastOffset) + 1);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = high.get(batch.partition) ?? 0;
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset >= end) break;
          try {
            onRecord(batch.partition, message);
          } catch (error) {
            failure ??= new EnvironmentError(`handling ${topic}-${batch.partition}@${offset} failed`, { cause: error });
          }
          advance(batch.partition, offset + 1);
        }
      },
    });
    await waitFor(
      () => {
        if (failure) throw failure;
        return done();
      },
      {
        what: () => `reading ${topic} to its end offsets (${[...high].map(([p, end]) => `p${p}:${reached.get(p) ?? 0}/${end}`).join(' ')})`,
        timeoutMs,
        intervalMs: 100,
      },
    );
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
