// ConsumerGroupPartitionMetadataValue (record type 4), value version 0 — the subscribed topics'
// metadata. Kafka 4.1 replaced it by ConsumerGroupMetadataValue's metadataHash (KIP-1101) and
// writes at most a tombstone of it, but a group made by 4.0 still has one (Kafka 4.1.1):
//
//   ConsumerGroupPartitionMetadataValue (Version: 0) => [topics] TAG_BUFFER
//     topics => topicId topicName numPartitions [partitionMetadata] TAG_BUFFER
//       topicId => UUID
//       topicName => COMPACT_STRING
//       numPartitions => INT32
//       partitionMetadata => partition [racks] TAG_BUFFER     (unused after 4.0; read, dropped)
//         partition => INT32
//         racks => COMPACT_ARRAY of COMPACT_STRING
//
// The record value is INT16 version (0) then this body.

import { compactArray, compactStringArray, uuid } from '../compact-reader.js';
import type { ByteReader } from '../reader.js';

export interface PartitionMetadata {
  topics: Array<{ topicId: string; topicName: string; partitions: number }>;
}

export function decode(reader: ByteReader): PartitionMetadata {
  const topics = compactArray(reader, 'topics', (i) => {
    const topicId = uuid(reader, `topics[${i}].topicId`);
    const topicName = reader.compactString(`topics[${i}].topicName`);
    const partitions = reader.int32(`topics[${i}].numPartitions`);
    compactArray(reader, `topics[${i}].partitionMetadata`, (j) => {
      reader.int32(`topics[${i}].partitionMetadata[${j}].partition`);
      compactStringArray(reader, `topics[${i}].partitionMetadata[${j}].racks`);
      reader.taggedFields(`topics[${i}].partitionMetadata[${j}] tagged fields`);
    });
    reader.taggedFields(`topics[${i}] tagged fields`);
    return { topicId, topicName, partitions };
  });
  reader.taggedFields();
  reader.end('ConsumerGroupPartitionMetadataValue v0');
  return { topics };
}
