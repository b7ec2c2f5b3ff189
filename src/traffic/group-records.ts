// The group.jsonl records of decoded __consumer_offsets group records: what the broker stored of
// the SUT's group at `at` (each record's timestamp), in the ledger's own shape — so the checker
// never needs the wire decoders. Records of other groups are not the SUT's and are left out.
//
// A consumer-protocol group (KIP-848) names topics by id. Kafka 4.0 also stored the id → name
// map (ConsumerGroupPartitionMetadata); 4.1 no longer does (KIP-1101), so an id is named from
// that record when present, else from the members' subscriptions when they name exactly one
// topic and the assignments exactly one id; otherwise the topic stays null (judged as unknown).

import type {
  ConsumerGroupRecord,
  DecodedConsumerOffsetsRecord,
  PartitionAssignment,
  TopicPartitions,
} from '../evidence/consumer-offsets/index.js';
import type { AssignedPartitions, GroupRecord } from '../evidence/ledger-records.js';

const assigned = (assignment: PartitionAssignment | null): AssignedPartitions[] =>
  Object.entries(assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));

/** Collects the SUT group's records of __consumer_offsets, in log order, then names its topics. */
export class GroupHistoryCollector {
  private readonly records: GroupRecord[] = [];
  private readonly topicNames = new Map<string, string>();
  private readonly subscribed = new Set<string>();

  constructor(private readonly groupId: string) {}

  /** Takes the record if it is the group's; false when it is not (the caller counts it skipped). */
  add(decoded: DecodedConsumerOffsetsRecord, at: number): boolean {
    if (decoded.kind === 'group-metadata') {
      if (decoded.group !== this.groupId) return false;
      this.records.push(classic(decoded.value, at, this.groupId));
      return true;
    }
    if (decoded.kind !== 'consumer-group' || decoded.record.group !== this.groupId) return false;
    this.addConsumer(decoded.record, at);
    return true;
  }

  private addConsumer(record: ConsumerGroupRecord, at: number): void {
    const group = this.groupId;
    if ('deleted' in record) {
      if (record.record === 'ConsumerGroupCurrentMemberAssignment' && record.memberId !== undefined)
        this.records.push({ at, group, kind: 'consumer-left', memberId: record.memberId });
      return;
    }
    switch (record.record) {
      case 'ConsumerGroupMetadata':
        this.records.push({ at, group, kind: 'consumer-epoch', epoch: record.epoch });
        return;
      case 'ConsumerGroupPartitionMetadata':
        for (const topic of record.topics) this.topicNames.set(topic.topicId, topic.topicName);
        return;
      case 'ConsumerGroupMemberMetadata':
        for (const topic of record.subscribedTopicNames) this.subscribed.add(topic);
        return;
      case 'ConsumerGroupCurrentMemberAssignment':
        this.records.push({
          at,
          group,
          kind: 'consumer-assignment',
          memberId: record.memberId,
          memberEpoch: record.memberEpoch,
          previousMemberEpoch: record.previousMemberEpoch,
          assigned: byId(record.assigned),
          pendingRevocation: byId(record.pendingRevocation),
        });
        return;
      default:
        return;
    }
  }

  /** The group's records, topic ids named where they can be. */
  history(): GroupRecord[] {
    const ids = new Set<string>();
    for (const r of this.records)
      if (r.kind === 'consumer-assignment') for (const a of [...r.assigned, ...r.pendingRevocation]) ids.add(a.topicId!);
    if (ids.size === 1 && this.subscribed.size === 1 && !this.topicNames.has([...ids][0]!))
      this.topicNames.set([...ids][0]!, [...this.subscribed][0]!);
    const name = (list: AssignedPartitions[]) => list.map((a) => ({ ...a, topic: this.topicNames.get(a.topicId!) ?? null }));
    return this.records.map((r) =>
      r.kind === 'consumer-assignment' ? { ...r, assigned: name(r.assigned), pendingRevocation: name(r.pendingRevocation) } : r,
    );
  }
}

const byId = (list: readonly TopicPartitions[]): AssignedPartitions[] =>
  list.map((t) => ({ topic: null, topicId: t.topicId, partitions: [...t.partitions].sort((a, b) => a - b) }));

function classic(
  value: Extract<DecodedConsumerOffsetsRecord, { kind: 'group-metadata' }>['value'],
  at: number,
  group: string,
): GroupRecord {
  if (value === null) return { at, group, kind: 'classic-deleted' };
  return {
    at,
    group,
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
