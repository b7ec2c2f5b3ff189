// OffsetCommitValue, value version 1: written when the commit carries an explicit expiry
// (OffsetCommit requests v2–v4 with a retention time; kafkajs sends none):
//
//   OffsetCommitValue (Version: 1) => offset metadata commitTimestamp expireTimestamp
//     offset => INT64
//     metadata => STRING
//     commitTimestamp => INT64
//     expireTimestamp => INT64
//
// The record value is INT16 version (1) then this body.

import type { ByteReader } from '../reader.js';
import { orNull, type OffsetCommitValue } from './types.js';

export function decode(reader: ByteReader): OffsetCommitValue {
  const offset = reader.int64('offset');
  const metadata = reader.string('metadata');
  const commitTimestamp = reader.int64('commitTimestamp');
  const expireTimestamp = reader.int64('expireTimestamp');
  reader.end('OffsetCommitValue v1');
  return { offset, leaderEpoch: null, metadata, commitTimestamp, expireTimestamp: orNull(expireTimestamp) };
}
