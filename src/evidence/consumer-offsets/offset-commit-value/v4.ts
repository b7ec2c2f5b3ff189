// OffsetCommitValue, value version 4: the first flexible version (compact string, tagged fields;
// KIP-915). What Kafka 4.x writes for a commit without an expiry:
//
//   OffsetCommitValue (Version: 4) => offset leaderEpoch metadata commitTimestamp TAG_BUFFER
//     offset => INT64
//     leaderEpoch => INT32          (-1: none)
//     metadata => COMPACT_STRING
//     commitTimestamp => INT64
//     TAG_BUFFER => tagged fields; Kafka 4.1 defines tag 0 = topicId (UUID, 16 bytes), which
//                   this harness does not need; every tag is skipped by its size
//
// The record value is INT16 version (4) then this body.

import type { ByteReader } from '../reader.js';
import { orNull, type OffsetCommitValue } from './types.js';

export function decode(reader: ByteReader): OffsetCommitValue {
  const offset = reader.int64('offset');
  const leaderEpoch = reader.int32('leaderEpoch');
  const metadata = reader.compactString('metadata');
  const commitTimestamp = reader.int64('commitTimestamp');
  reader.taggedFields();
  reader.end('OffsetCommitValue v4');
  return { offset, leaderEpoch: orNull(leaderEpoch), metadata, commitTimestamp, expireTimestamp: null };
}
