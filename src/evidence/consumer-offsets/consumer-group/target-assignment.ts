// The target assignment: what the coordinator's assignor decided for the group at an epoch
// (Kafka 4.1.1). Two records, both value version 0:
//
//   ConsumerGroupTargetAssignmentMetadataValue (record type 6, Version: 0) => assignmentEpoch TAG_BUFFER
//     assignmentEpoch => INT32
//
//   ConsumerGroupTargetAssignmentMemberValue (record type 7, Version: 0) => [topicPartitions] TAG_BUFFER
//     topicPartitions => TopicPartitions (topic-partitions.ts)
//
// TAG_BUFFER: no tags defined in 4.1.1; skipped by size. The record value is INT16 version (0)
// then one of these bodies.

import type { ByteReader } from '../reader.js';
import { decodeTopicPartitionsArray, type TopicPartitions } from './topic-partitions.js';

export function decodeMetadata(reader: ByteReader): { assignmentEpoch: number } {
  const assignmentEpoch = reader.int32('assignmentEpoch');
  reader.taggedFields();
  reader.end('ConsumerGroupTargetAssignmentMetadataValue v0');
  return { assignmentEpoch };
}

export function decodeMember(reader: ByteReader): { partitions: TopicPartitions[] } {
  const partitions = decodeTopicPartitionsArray(reader, 'topicPartitions');
  reader.taggedFields();
  reader.end('ConsumerGroupTargetAssignmentMemberValue v0');
  return { partitions };
}
