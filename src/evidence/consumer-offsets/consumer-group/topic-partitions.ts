// The TopicPartitions struct shared by ConsumerGroupTargetAssignmentMemberValue and
// ConsumerGroupCurrentMemberAssignmentValue (Kafka 4.1.1, flexible: each element ends in its
// own tagged fields):
//
//   TopicPartitions => topicId [partitions] TAG_BUFFER
//     topicId => UUID
//     partitions => COMPACT_ARRAY of INT32
//     TAG_BUFFER => tagged fields (none defined in 4.1.1; skipped by size)

import { compactArray, compactInt32Array, uuid } from '../compact-reader.js';
import type { ByteReader } from '../reader.js';

export interface TopicPartitions {
  /** The topic's id, as Kafka prints it (base64url, 22 chars); uuidHex() gives the hex form. */
  topicId: string;
  partitions: number[];
}

export function decodeTopicPartitionsArray(reader: ByteReader, field: string): TopicPartitions[] {
  return compactArray(reader, field, (i) => {
    const topicId = uuid(reader, `${field}[${i}].topicId`);
    const partitions = compactInt32Array(reader, `${field}[${i}].partitions`);
    reader.taggedFields(`${field}[${i}] tagged fields`);
    return { topicId, partitions };
  });
}
