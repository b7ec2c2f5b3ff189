// Reads a topic from the beginning to its current end: the ground truth of what it holds, for
// log.jsonl.

import type { KafkaClients } from '../environment/kafka-client-seam.js';
import { MESSAGE_ID_HEADER, checksum } from '../evidence/checksum.js';
import type { JsonlWriter } from '../evidence/jsonl-writer.js';
import type { LogRecord } from '../evidence/ledger-records.js';
import { readTopicToEnd } from './read-topic-to-end.js';

export async function readBack(
  kafka: KafkaClients,
  topic: string,
  options: { timeoutMs?: number; ledger?: JsonlWriter<LogRecord> } = {},
): Promise<LogRecord[]> {
  const logged: LogRecord[] = [];
  await readTopicToEnd(
    kafka,
    topic,
    (partition, message) => {
      const header = message.headers[MESSAGE_ID_HEADER];
      const record: LogRecord = {
        id: header ? header.toString() : null,
        topic,
        partition,
        offset: message.offset,
        checksum: checksum(message.value ?? Buffer.alloc(0)),
      };
      logged.push(record);
      options.ledger?.append(record);
    },
    options.timeoutMs,
  );
  return logged;
}
