// The group.jsonl record of one decoded __consumer_offsets group record: what the broker stored of
// the SUT's group at `at` (the record's timestamp), in the ledger's own shape — so the checker
// never needs the wire decoders. Records of other groups are not the SUT's: undefined.

import type { DecodedConsumerOffsetsRecord, PartitionAssignment } from '../evidence/consumer-offsets/index.js';
import type { AssignedPartitions, GroupRecord } from '../evidence/ledger-records.js';

const assigned = (assignment: PartitionAssignment | null): AssignedPartitions[] =>
  Object.entries(assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));

export function groupRecordOf(decoded: DecodedConsumerOffsetsRecord, at: number, groupId: string): GroupRecord | undefined {
  if (decoded.kind !== 'group-metadata' || decoded.group !== groupId) return undefined;
  const { value } = decoded;
  if (value === null) return { at, group: groupId, kind: 'classic-deleted' };
  return {
    at,
    group: groupId,
    kind: 'classic-generation',
    generation: value.generation,
    protocolType: value.protocolType,
    assignor: value.protocol,
    leader: value.leader,
    members: value.members.map((m) => ({
      memberId: m.memberId,
      instanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      assignment: assigned(m.assignment),
    })),
  };
}
