// ConsumerGroupCurrentMemberAssignmentValue (record type 8), value version 0 — what a member
// owns now, at its member epoch, on its way to the target assignment (Kafka 4.1.1):
//
//   ConsumerGroupCurrentMemberAssignmentValue (Version: 0) => memberEpoch previousMemberEpoch
//       state [assignedPartitions] [partitionsPendingRevocation] TAG_BUFFER
//     memberEpoch => INT32
//     previousMemberEpoch => INT32
//     state => INT8                     (MemberState: 0 STABLE, 1 UNREVOKED_PARTITIONS,
//                                        2 UNRELEASED_PARTITIONS, 127 UNKNOWN)
//     assignedPartitions => TopicPartitions (topic-partitions.ts)
//     partitionsPendingRevocation => TopicPartitions
//     TAG_BUFFER => tagged fields (none defined in 4.1.1; skipped by size)
//
// The record value is INT16 version (0) then this body.

import { nonNegativeInt8 } from '../compact-reader.js';
import type { ByteReader } from '../reader.js';
import { decodeTopicPartitionsArray, type TopicPartitions } from './topic-partitions.js';

export const MEMBER_STATES: Readonly<Record<number, string>> = {
  0: 'STABLE',
  1: 'UNREVOKED_PARTITIONS',
  2: 'UNRELEASED_PARTITIONS',
  127: 'UNKNOWN',
};

export interface CurrentMemberAssignment {
  memberEpoch: number;
  previousMemberEpoch: number;
  /** A MemberState id; MEMBER_STATES names it. */
  state: number;
  assigned: TopicPartitions[];
  pendingRevocation: TopicPartitions[];
}

/** `bytes` is the value buffer `reader` reads (for the INT8 state). */
export function decode(reader: ByteReader, bytes: Buffer): CurrentMemberAssignment {
  const memberEpoch = reader.int32('memberEpoch');
  const previousMemberEpoch = reader.int32('previousMemberEpoch');
  const state = nonNegativeInt8(reader, bytes, 'state');
  const assigned = decodeTopicPartitionsArray(reader, 'assignedPartitions');
  const pendingRevocation = decodeTopicPartitionsArray(reader, 'partitionsPendingRevocation');
  reader.taggedFields();
  reader.end('ConsumerGroupCurrentMemberAssignmentValue v0');
  return { memberEpoch, previousMemberEpoch, state, assigned, pendingRevocation };
}
