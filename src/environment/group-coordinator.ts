// Which broker coordinates a consumer group: the leader of the __consumer_offsets partition
// that Kafka places the group on (Utils.abs(groupId.hashCode) % partitions). Fault steps aim at
// it ("the group coordinator is isolated"), so it is computed as Kafka computes it.

import type { AdminClient } from './kafka-client-seam.js';

/** Java's String.hashCode, as Kafka uses it to place a group on a __consumer_offsets partition. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The __consumer_offsets partition that holds a group: Kafka's Utils.abs(groupId.hashCode) %
 * partitions, where Utils.abs is Math.abs except that Integer.MIN_VALUE gives 0.
 */
export function groupOffsetsPartition(group: string, offsetsPartitions: number): number {
  const hash = javaStringHash(group);
  return (hash === -2147483648 ? 0 : Math.abs(hash)) % offsetsPartitions;
}

/** The broker coordinating `group` now: the leader of its __consumer_offsets partition. */
export async function groupCoordinator(admin: AdminClient, group: string): Promise<number> {
  const topics = await admin.topicMetadata(['__consumer_offsets']);
  const partitions = topics[0]?.partitions ?? [];
  if (partitions.length === 0) throw new Error('__consumer_offsets does not exist yet: no group has joined');
  const wanted = groupOffsetsPartition(group, partitions.length);
  const leader = partitions.find((p) => p.partitionId === wanted)?.leader ?? -1;
  if (leader < 0) throw new Error(`__consumer_offsets partition ${wanted} (group ${group}) has no leader now`);
  return leader;
}
