// Decodes the KIP-848 consumer-group records of __consumer_offsets (group.protocol=consumer,
// record types 3–8) that Kafka 4.1.1 writes. One file per record type, each with its grammar:
//
//   key   => recordType body            recordType: INT16 (3–8); body: keys.ts
//   value => version body | null        version: INT16, 0 for every one of these (validVersions
//                                       "0"); body: flexible, in the record type's file; null
//                                       (a tombstone) = that record was deleted
//
// Other record types (offset commits, classic groups, share and streams groups, regular
// expressions) are not handled here: undefined. Malformed bytes (truncated, trailing, an unknown
// value version) throw MalformedConsumerOffsetsRecordError.

import { MalformedConsumerOffsetsRecordError } from '../errors.js';
import { ByteReader } from '../reader.js';
import * as currentMemberAssignment from './current-member-assignment.js';
import * as groupMetadata from './group-metadata.js';
import { decodeGroupKey, decodeMemberKey } from './keys.js';
import * as memberMetadata from './member-metadata.js';
import * as partitionMetadata from './partition-metadata.js';
import * as targetAssignment from './target-assignment.js';
import type { TopicPartitions } from './topic-partitions.js';

export type { TopicPartitions } from './topic-partitions.js';
export { MEMBER_STATES } from './current-member-assignment.js';
export { uuidHex } from '../compact-reader.js';

export type ConsumerGroupRecord =
  | { record: 'ConsumerGroupMetadata'; group: string; epoch: number }
  | ({ record: 'ConsumerGroupPartitionMetadata'; group: string } & partitionMetadata.PartitionMetadata)
  | ({ record: 'ConsumerGroupMemberMetadata'; group: string; memberId: string } & memberMetadata.MemberMetadata)
  | { record: 'ConsumerGroupTargetAssignmentMetadata'; group: string; assignmentEpoch: number }
  | { record: 'ConsumerGroupTargetAssignmentMember'; group: string; memberId: string; partitions: TopicPartitions[] }
  | ({ record: 'ConsumerGroupCurrentMemberAssignment'; group: string; memberId: string } & currentMemberAssignment.CurrentMemberAssignment)
  /** A tombstone (value null) of any of these; memberId only for the member-keyed ones (5, 7, 8). */
  | { record: ConsumerGroupRecordName; group: string; memberId?: string; deleted: true };

export type ConsumerGroupRecordName =
  | 'ConsumerGroupMetadata'
  | 'ConsumerGroupPartitionMetadata'
  | 'ConsumerGroupMemberMetadata'
  | 'ConsumerGroupTargetAssignmentMetadata'
  | 'ConsumerGroupTargetAssignmentMember'
  | 'ConsumerGroupCurrentMemberAssignment';

interface RecordDecoder {
  name: ConsumerGroupRecordName;
  /** Whether the key holds a memberId after the groupId. */
  memberKeyed: boolean;
  /** The value body of version 0; `bytes` is the buffer `reader` reads. */
  decodeV0: (reader: ByteReader, bytes: Buffer) => object;
}

/** By record type id (record-types.ts). */
const DECODERS: Readonly<Record<number, RecordDecoder>> = {
  3: { name: 'ConsumerGroupMetadata', memberKeyed: false, decodeV0: groupMetadata.decode },
  4: { name: 'ConsumerGroupPartitionMetadata', memberKeyed: false, decodeV0: partitionMetadata.decode },
  5: { name: 'ConsumerGroupMemberMetadata', memberKeyed: true, decodeV0: memberMetadata.decode },
  6: { name: 'ConsumerGroupTargetAssignmentMetadata', memberKeyed: false, decodeV0: targetAssignment.decodeMetadata },
  7: { name: 'ConsumerGroupTargetAssignmentMember', memberKeyed: true, decodeV0: targetAssignment.decodeMember },
  8: { name: 'ConsumerGroupCurrentMemberAssignment', memberKeyed: true, decodeV0: currentMemberAssignment.decode },
};

/**
 * One KIP-848 consumer-group record: `recordType` is the key's INT16, `key` a reader already past
 * it, `value` the raw value (null: a tombstone). undefined for record types not handled here.
 */
export function decodeConsumerGroupRecord(recordType: number, key: ByteReader, value: Buffer | null): ConsumerGroupRecord | undefined {
  const decoder = DECODERS[recordType];
  if (!decoder) return undefined;
  const recordKey = decoder.memberKeyed ? decodeMemberKey(key, decoder.name) : decodeGroupKey(key, decoder.name);
  if (value === null) return { record: decoder.name, ...recordKey, deleted: true };
  const reader = new ByteReader(value, 'value');
  const version = reader.int16('value version');
  if (version !== 0) {
    const member = 'memberId' in recordKey ? ` member ${recordKey.memberId}` : '';
    throw new MalformedConsumerOffsetsRecordError(
      'value',
      `unknown ${decoder.name}Value version ${version} for group ${recordKey.group}${member} (known: 0)`,
    );
  }
  // The cast is the table's: each decodeV0 returns the body of its own record's variant.
  return { record: decoder.name, ...recordKey, ...decoder.decodeV0(reader, value) } as ConsumerGroupRecord;
}
