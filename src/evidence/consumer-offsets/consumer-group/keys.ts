// The keys of the KIP-848 consumer-group records (Kafka 4.1.1's *Key.json, all "coordinator-key",
// validVersions 0, flexibleVersions none: plain STRINGs, no tagged fields). The record key is
// INT16 record type (3–8, see record-types.ts) then one of these bodies:
//
//   group key  (ConsumerGroupMetadata 3, ConsumerGroupPartitionMetadata 4,
//               ConsumerGroupTargetAssignmentMetadata 6) => groupId
//     groupId => STRING
//
//   member key (ConsumerGroupMemberMetadata 5, ConsumerGroupTargetAssignmentMember 7,
//               ConsumerGroupCurrentMemberAssignment 8) => groupId memberId
//     groupId => STRING
//     memberId => STRING

import type { ByteReader } from '../reader.js';

export interface GroupKey {
  group: string;
}

export interface MemberKey {
  group: string;
  memberId: string;
}

export function decodeGroupKey(reader: ByteReader, record: string): GroupKey {
  const group = reader.string('groupId');
  reader.end(`${record}Key`);
  return { group };
}

export function decodeMemberKey(reader: ByteReader, record: string): MemberKey {
  const group = reader.string('groupId');
  const memberId = reader.string('memberId');
  reader.end(`${record}Key`);
  return { group, memberId };
}
