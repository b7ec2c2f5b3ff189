// What a GroupMetadata value says of a classic group at one moment: its generation, the assignor
// its leader chose, and each member with the partitions it was given.

/** topic → partitions, as the consumer protocol's assignment lists them. */
export type PartitionAssignment = Record<string, number[]>;

export interface ClassicMember {
  memberId: string;
  /** group.instance.id of a static member (v3+), else null. */
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** null before v1. */
  rebalanceTimeoutMs: number | null;
  sessionTimeoutMs: number;
  /** The member's assignment, decoded when the protocol type is "consumer"; null otherwise or when empty. */
  assignment: PartitionAssignment | null;
}

export interface GroupMetadataValue {
  /** "consumer" for consumers; "connect" for Kafka Connect workers, etc. */
  protocolType: string;
  generation: number;
  /** The assignor (e.g. "range", "cooperative-sticky", "RoundRobinAssigner"); null when the group is empty. */
  protocol: string | null;
  leader: string | null;
  /** Epoch ms of the state change (v2+), else null. */
  currentStateTimestamp: number | null;
  members: ClassicMember[];
}
