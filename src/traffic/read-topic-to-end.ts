// Reads a topic from its start to the end offsets it has when called, handing each record to
// `onRecord` in log order per partition. The reader (kafka-client-seam.ts, TopicReader) never
// commits; this decides when it has read enough. The read-back and the commit log both stand on it.

import type { KafkaClients, ReadRecord } from '../environment/kafka-client-seam.js';
import { EnvironmentError } from '../util/errors.js';
import { waitFor } from '../util/wait-for.js';

export async function readTopicToEnd(
  kafka: KafkaClients,
  topic: string,
  onRecord: (partition: number, record: ReadRecord) => void,
  timeoutMs = 60_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let reader: ReturnType<KafkaClients['reader']> | undefined;
  try {
    const ends = await admin.topicOffsets(topic);
    const high = new Map(ends.map((e) => [e.partition, e.high]));
    // How far each partition is read: the next offset to read (from the low watermark, as
    // retention or compaction may have removed the start).
    const reached = new Map(ends.map((e) => [e.partition, e.low]));
    const advance = (partition: number, next: number) => {
      if (next > (reached.get(partition) ?? 0)) reached.set(partition, next);
    };
    const done = () => [...high].every(([partition, end]) => (reached.get(partition) ?? 0) >= end);
    if (done()) return;
    // An error of onRecord ends the read (a ChaosError that is not retriable ends waitFor).
    let failure: EnvironmentError | undefined;

    reader = kafka.reader();
    await reader.start(topic, {
      onRecord: (partition, record) => {
        if (record.offset >= (high.get(partition) ?? 0)) return;
        try {
          onRecord(partition, record);
        } catch (error) {
          failure ??= new EnvironmentError(`handling ${topic}-${partition}@${record.offset} failed`, { cause: error });
        }
        advance(partition, record.offset + 1);
      },
      // Also past transaction markers and aborted records, which are never handed over.
      onReadUpTo: advance,
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
    await reader?.stop();
    await admin.disconnect();
  }
}
