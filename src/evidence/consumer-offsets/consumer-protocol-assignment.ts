// ConsumerProtocolAssignment: the bytes a classic group's leader hands each member in SyncGroup,
// stored as the member's `assignment` in GroupMetadata. Only for protocol type "consumer".
//
//   ConsumerProtocolAssignment (Versions: 0-2, never flexible) => version assigned_partitions user_data
//     version => INT16
//     assigned_partitions => ARRAY of (topic => STRING, partitions => ARRAY of INT32)
//     user_data => BYTES (nullable)
//
// Kafka parses a newer version with the newest grammar it knows (fields are only ever appended),
// so bytes after user_data are tolerated, as Kafka tolerates them. An empty byte string is a
// member that has no assignment yet.

import { ByteReader } from './reader.js';
import type { PartitionAssignment } from './group-metadata-value/types.js';

export function decodeAssignment(bytes: Buffer | null): PartitionAssignment | null {
  if (bytes === null || bytes.length === 0) return null;
  const reader = new ByteReader(bytes, 'value');
  reader.int16('assignment version');
  const assignment: PartitionAssignment = {};
  const topics = reader.arrayCount('assigned partitions');
  for (let t = 0; t < topics; t++) {
    const topic = reader.string('assigned topic');
    const partitions: number[] = [];
    const count = reader.arrayCount(`partitions of ${topic}`);
    for (let p = 0; p < count; p++) partitions.push(reader.int32(`partition of ${topic}`));
    assignment[topic] = [...(assignment[topic] ?? []), ...partitions];
  }
  reader.bytes('user data');
  return assignment;
}
