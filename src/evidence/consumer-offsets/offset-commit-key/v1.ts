// OffsetCommitKey, key version 1: what every broker of Kafka 0.10+ writes for an offset commit
// (in Kafka 4.x the key version is the CoordinatorRecordType id, and OffsetCommit is 1).
//
//   OffsetCommitKey (Version: 1) => group topic partition
//     group => STRING
//     topic => STRING
//     partition => INT32
//
// The record key is INT16 version (1) then this body: the same grammar as version 0.

import type { ByteReader } from '../reader.js';
import type { OffsetCommitKey } from './v0.js';

export function decode(reader: ByteReader): OffsetCommitKey {
  const group = reader.string('group');
  const topic = reader.string('topic');
  const partition = reader.int32('partition');
  reader.end('OffsetCommitKey v1');
  return { group, topic, partition };
}
