// OffsetCommitKey, key version 0: the oldest offset-commit key, still read by every broker
// (Kafka 4.x names it LegacyOffsetCommitKey, CoordinatorRecordType 0):
//
//   OffsetCommitKey (Version: 0) => group topic partition
//     group => STRING
//     topic => STRING
//     partition => INT32
//
// The record key is INT16 version (0) then this body.

import type { ByteReader } from '../reader.js';

export interface OffsetCommitKey {
  group: string;
  topic: string;
  partition: number;
}

export function decode(reader: ByteReader): OffsetCommitKey {
  const group = reader.string('group');
  const topic = reader.string('topic');
  const partition = reader.int32('partition');
  reader.end('OffsetCommitKey v0');
  return { group, topic, partition };
}
