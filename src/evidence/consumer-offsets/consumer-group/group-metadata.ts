// ConsumerGroupMetadataValue (record type 3), value version 0 — the group's epoch, bumped by the
// coordinator whenever the membership or the subscriptions change (Kafka 4.1.1):
//
//   ConsumerGroupMetadataValue (Version: 0) => epoch TAG_BUFFER
//     epoch => INT32
//     TAG_BUFFER => tagged fields; 4.1 defines tag 0 = metadataHash (INT64, KIP-1101), which
//                   this harness does not need; every tag is skipped by its size
//
// The record value is INT16 version (0) then this body.

import type { ByteReader } from '../reader.js';

export function decode(reader: ByteReader): { epoch: number } {
  const epoch = reader.int32('epoch');
  reader.taggedFields();
  reader.end('ConsumerGroupMetadataValue v0');
  return { epoch };
}
