// ConsumerGroupMemberMetadataValue (record type 5), value version 0 — a member as it joined:
// its client, subscriptions and rebalance timeout (Kafka 4.1.1):
//
//   ConsumerGroupMemberMetadataValue (Version: 0) => instanceId rackId clientId clientHost
//       [subscribedTopicNames] subscribedTopicRegex rebalanceTimeoutMs serverAssignor TAG_BUFFER
//     instanceId => COMPACT_NULLABLE_STRING
//     rackId => COMPACT_NULLABLE_STRING
//     clientId => COMPACT_STRING
//     clientHost => COMPACT_STRING                 (as the broker saw it, e.g. "/127.0.0.1")
//     subscribedTopicNames => COMPACT_ARRAY of COMPACT_STRING
//     subscribedTopicRegex => COMPACT_NULLABLE_STRING
//     rebalanceTimeoutMs => INT32
//     serverAssignor => COMPACT_NULLABLE_STRING
//     TAG_BUFFER => tagged fields; tag 0 = classicMemberMetadata (a classic-protocol member's
//                   session timeout and protocols), not needed here; skipped by its size
//
// The record value is INT16 version (0) then this body.

import { compactStringArray, nullableCompactString } from '../compact-reader.js';
import type { ByteReader } from '../reader.js';

export interface MemberMetadata {
  instanceId: string | null;
  rackId: string | null;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  rebalanceTimeoutMs: number;
  serverAssignor: string | null;
}

/** `bytes` is the value buffer `reader` reads (for the nullable strings). */
export function decode(reader: ByteReader, bytes: Buffer): MemberMetadata {
  const instanceId = nullableCompactString(reader, bytes, 'instanceId');
  const rackId = nullableCompactString(reader, bytes, 'rackId');
  const clientId = reader.compactString('clientId');
  const clientHost = reader.compactString('clientHost');
  const subscribedTopicNames = compactStringArray(reader, 'subscribedTopicNames');
  const subscribedTopicRegex = nullableCompactString(reader, bytes, 'subscribedTopicRegex');
  const rebalanceTimeoutMs = reader.int32('rebalanceTimeoutMs');
  const serverAssignor = nullableCompactString(reader, bytes, 'serverAssignor');
  reader.taggedFields();
  reader.end('ConsumerGroupMemberMetadataValue v0');
  return { instanceId, rackId, clientId, clientHost, subscribedTopicNames, subscribedTopicRegex, rebalanceTimeoutMs, serverAssignor };
}
