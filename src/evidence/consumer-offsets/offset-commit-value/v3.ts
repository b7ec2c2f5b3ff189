// OffsetCommitValue, value version 3 (KIP-320 added the leader epoch). What Kafka
// 3.9 writes for a commit without an expiry:
//
//   OffsetCommitValue (Version: 3) => offset leaderEpoch metadata commitTimestamp
//     offset => INT64
//     leaderEpoch => INT32          (-1: none)
//     metadata => STRING
//     commitTimestamp => INT64
//
// The record value is INT16 version (3) then this body.

import type { ByteReader } from '../reader.js';
import { orNull, type OffsetCommitValue } from './types.js';

export function decode(reader: ByteReader): OffsetCommitValue {
  const offset = reader.int64('offset');
  const leaderEpoch = reader.int32('leaderEpoch');
  const metadata = reader.string('metadata');
  const commitTimestamp = reader.int64('commitTimestamp');
  reader.end('OffsetCommitValue v3');
  return { offset, leaderEpoch: orNull(leaderEpoch), metadata, commitTimestamp, expireTimestamp: null };
}
