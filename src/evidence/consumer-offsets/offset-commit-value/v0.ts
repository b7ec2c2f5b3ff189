// OffsetCommitValue, value version 0 (the oldest, read by every broker still):
//
//   OffsetCommitValue (Version: 0) => offset metadata commitTimestamp
//     offset => INT64
//     metadata => STRING
//     commitTimestamp => INT64
//
// The record value is INT16 version (0) then this body.

import type { ByteReader } from '../reader.js';
import type { OffsetCommitValue } from './types.js';

export function decode(reader: ByteReader): OffsetCommitValue {
  const offset = reader.int64('offset');
  const metadata = reader.string('metadata');
  const commitTimestamp = reader.int64('commitTimestamp');
  reader.end('OffsetCommitValue v0');
  return { offset, leaderEpoch: null, metadata, commitTimestamp, expireTimestamp: null };
}
