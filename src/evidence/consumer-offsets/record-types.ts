// The key version of a __consumer_offsets record says what the record is. Up to Kafka 3.x it was
// a plain version (0/1 offset commit, 2 group metadata, 3+ the KIP-848 consumer-group and
// KIP-932 share-group records); Kafka 4.x made it the CoordinatorRecordType id, with the same
// numbers for the old records. From kafka-group-coordinator 4.1.1's CoordinatorRecordType (ids 9
// and 18 are unused there; 9 was ShareGroupPartitionMetadata in 3.9).

export const OFFSET_COMMIT_KEY_VERSIONS = [0, 1] as const;

export const RECORD_TYPES: Readonly<Record<number, string>> = {
  0: 'LegacyOffsetCommit',
  1: 'OffsetCommit',
  2: 'GroupMetadata',
  3: 'ConsumerGroupMetadata',
  4: 'ConsumerGroupPartitionMetadata',
  5: 'ConsumerGroupMemberMetadata',
  6: 'ConsumerGroupTargetAssignmentMetadata',
  7: 'ConsumerGroupTargetAssignmentMember',
  8: 'ConsumerGroupCurrentMemberAssignment',
  9: 'ShareGroupPartitionMetadata',
  10: 'ShareGroupMemberMetadata',
  11: 'ShareGroupMetadata',
  12: 'ShareGroupTargetAssignmentMetadata',
  13: 'ShareGroupTargetAssignmentMember',
  14: 'ShareGroupCurrentMemberAssignment',
  15: 'ShareGroupStatePartitionMetadata',
  16: 'ConsumerGroupRegularExpression',
  17: 'StreamsGroupMetadata',
  19: 'StreamsGroupMemberMetadata',
  20: 'StreamsGroupTargetAssignmentMetadata',
  21: 'StreamsGroupTargetAssignmentMember',
  22: 'StreamsGroupCurrentMemberAssignment',
  23: 'StreamsGroupTopology',
};

export function recordTypeName(keyVersion: number): string {
  return RECORD_TYPES[keyVersion] ?? `unknown record type ${keyVersion}`;
}
