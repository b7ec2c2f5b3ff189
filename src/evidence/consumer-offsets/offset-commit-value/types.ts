// What every OffsetCommitValue version decodes to. Fields a version lacks are null.

export interface OffsetCommitValue {
  /** The committed offset: the next offset the group will consume. */
  offset: number;
  /** null when the version has none or the client sent none (-1). */
  leaderEpoch: number | null;
  metadata: string;
  /** Epoch ms, as the broker stamped it. */
  commitTimestamp: number;
  /** Epoch ms; only version 1 carries one. null when absent or -1. */
  expireTimestamp: number | null;
}

/** Kafka writes -1 for "none" in leaderEpoch and expireTimestamp. */
export const orNull = (value: number): number | null => (value < 0 ? null : value);
