// OffsetCommitValue, value version 2 (KIP-211 dropped the expire timestamp; brokers on an old
// inter-broker protocol still write it):
//
//   OffsetCommitValue (Version: 2) => offset metadata commitTimestamp
//     offset => INT64
//     metadata => STRING
//     commitTimestamp => INT64
//
// The record value is INT16 version (2) then this body: the grammar of version 0.

import type { ByteReader } from '../reader.js';
import type { OffsetCommitValue } from './types.js';

export function decode(reader: ByteReader): OffsetCommitValue {
  const offset = reader.int64('offset');
  const metadata = reader.string('metadata');
  const commitTimestamp = reader.int64('commitTimestamp');
  reader.end('OffsetCommitValue v2');
  return { offset, leaderEpoch: null, metadata, commitTimestamp, expireTimestamp: null };
}
