// Reads a topic from the beginning to its current end: the ground truth of what it holds, for
// log.jsonl. kafkajs has no group-less consumer, so this one uses a throwaway group that never
// commits and is deleted afterwards.

import crypto from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MESSAGE_ID_HEADER, checksum } from '../evidence/checksum.js';
import type { JsonlWriter } from '../evidence/jsonl-writer.js';
import type { LogRecord } from '../evidence/ledger-records.js';
import { waitFor } from '../util/wait-for.js';

export async function readBack(
  kafka: Kafka,
  topic: string,
  options: { timeoutMs?: number; ledger?: JsonlWriter<LogRecord> } = {},
): Promise<LogRecord[]> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `kafka-chaos-readback-${crypto.randomBytes(4).toString('hex')}`;
  // A short fetch wait: disconnect() waits out the fetch in flight (5 s by default).
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  const logged: LogRecord[] = [];
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(ends.map((e) => [e.partition, Number(e.high)]));
    const done = () => [...remaining.values()].every((high) => high <= 0);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = Number(message.offset);
        const high = ends.find((e) => e.partition === partition);
        if (!high || offset >= Number(high.high)) return;
        const header = message.headers?.[MESSAGE_ID_HEADER];
        const record: LogRecord = {
          id: header ? header.toString() : null,
          topic,
          partition,
          offset,
          checksum: checksum(message.value ?? Buffer.alloc(0)),
        };
        logged.push(record);
        options.ledger?.append(record);
        remaining.set(partition, Number(high.high) - (offset + 1));
      },
    });
    await waitFor(() => done(), {
      what: `reading ${topic} back to its end offsets (${ends.map((e) => `p${e.partition}:${e.high}`).join(' ')})`,
      timeoutMs,
      intervalMs: 100,
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return logged;
}
