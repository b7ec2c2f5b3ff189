// GroupMetadataKey, key version 2: which classic consumer group a GroupMetadata record is about.
// The group coordinator writes one GroupMetadata record each time a classic group's state is
// stored (a generation completes, a static member is replaced, the group empties or is deleted).
//
//   GroupMetadataKey (Version: 2) => group
//     group => STRING
//
// The record key is INT16 version (2) then this body.

import type { ByteReader } from './reader.js';

export function decode(reader: ByteReader): string {
  const group = reader.string('group');
  reader.end('GroupMetadataKey');
  return group;
}
