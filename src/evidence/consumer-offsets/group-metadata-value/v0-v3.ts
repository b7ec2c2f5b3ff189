// GroupMetadataValue, value versions 0–3 (not flexible). Versions add fields, never reorder:
//
//   GroupMetadataValue => protocolType generation protocol leader [currentStateTimestamp] [members]
//     protocolType => STRING
//     generation => INT32
//     protocol => NULLABLE_STRING               the assignor; null when the group is empty
//     leader => NULLABLE_STRING
//     currentStateTimestamp => INT64            v2+ (-1: none)
//     members => ARRAY of MemberMetadata:
//       memberId => STRING
//       groupInstanceId => NULLABLE_STRING      v3+
//       clientId => STRING
//       clientHost => STRING
//       rebalanceTimeout => INT32               v1+
//       sessionTimeout => INT32
//       subscription => BYTES
//       assignment => BYTES                     ConsumerProtocolAssignment for protocolType "consumer"
//
// The record value is INT16 version then this body. Kafka 3.x and 4.x write version 3.

import { decodeAssignment } from '../consumer-protocol-assignment.js';
import type { ByteReader } from '../reader.js';
import type { ClassicMember, GroupMetadataValue } from './types.js';

export function decode(reader: ByteReader, version: 0 | 1 | 2 | 3): GroupMetadataValue {
  const protocolType = reader.string('protocolType');
  const generation = reader.int32('generation');
  const protocol = reader.nullableString('protocol');
  const leader = reader.nullableString('leader');
  const timestamp = version >= 2 ? reader.int64('currentStateTimestamp') : -1;
  const members: ClassicMember[] = [];
  const count = reader.arrayCount('members');
  for (let m = 0; m < count; m++) {
    const memberId = reader.string('memberId');
    const groupInstanceId = version >= 3 ? reader.nullableString('groupInstanceId') : null;
    const clientId = reader.string('clientId');
    const clientHost = reader.string('clientHost');
    const rebalanceTimeoutMs = version >= 1 ? reader.int32('rebalanceTimeout') : null;
    const sessionTimeoutMs = reader.int32('sessionTimeout');
    reader.bytes('subscription');
    const assignment = reader.bytes('assignment');
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
  reader.end(`GroupMetadataValue v${version}`);
  return { protocolType, generation, protocol, leader, currentStateTimestamp: timestamp < 0 ? null : timestamp, members };
}
