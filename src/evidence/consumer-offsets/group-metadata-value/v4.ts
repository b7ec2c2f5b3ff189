// GroupMetadataValue, value version 4: the first flexible version (KIP-915) — the fields of
// version 3 in compact form, with tagged fields after each member and after the whole:
//
//   GroupMetadataValue (Version: 4) => protocolType generation protocol leader currentStateTimestamp [members] TAG_BUFFER
//     protocolType => COMPACT_STRING
//     generation => INT32
//     protocol => COMPACT_NULLABLE_STRING
//     leader => COMPACT_NULLABLE_STRING
//     currentStateTimestamp => INT64
//     members => COMPACT_ARRAY of (memberId => COMPACT_STRING, groupInstanceId => COMPACT_NULLABLE_STRING,
//                clientId => COMPACT_STRING, clientHost => COMPACT_STRING, rebalanceTimeout => INT32,
//                sessionTimeout => INT32, subscription => COMPACT_BYTES, assignment => COMPACT_BYTES, TAG_BUFFER)
//
// Kafka 4.x still writes version 3 by default; version 4 is read so a newer broker's records are
// not refused.

import { decodeAssignment } from '../consumer-protocol-assignment.js';
import type { ByteReader } from '../reader.js';
import type { ClassicMember, GroupMetadataValue } from './types.js';

export function decode(reader: ByteReader): GroupMetadataValue {
  const protocolType = reader.compactString('protocolType');
  const generation = reader.int32('generation');
  const protocol = reader.compactNullableString('protocol');
  const leader = reader.compactNullableString('leader');
  const timestamp = reader.int64('currentStateTimestamp');
  const members: ClassicMember[] = [];
  const count = reader.compactArrayCount('members');
  for (let m = 0; m < count; m++) {
    const memberId = reader.compactString('memberId');
    const groupInstanceId = reader.compactNullableString('groupInstanceId');
    const clientId = reader.compactString('clientId');
    const clientHost = reader.compactString('clientHost');
    const rebalanceTimeoutMs = reader.int32('rebalanceTimeout');
    const sessionTimeoutMs = reader.int32('sessionTimeout');
    reader.compactBytes('subscription');
    const assignment = reader.compactBytes('assignment');
    reader.taggedFields('member tagged fields');
    members.push({
      memberId,
      groupInstanceId,
      clientId,
      clientHost,
      rebalanceTimeoutMs,
      sessionTimeoutMs,
      assignment: protocolType === 'consumer' ? decodeAssignment(assignment) : null,
    });
  }
  reader.taggedFields();
  reader.end('GroupMetadataValue v4');
  return { protocolType, generation, protocol, leader, currentStateTimestamp: timestamp < 0 ? null : timestamp, members };
}
