// Decodes one record of Kafka's internal topic __consumer_offsets into an offset commit, or says
// why it is not one. One folder per record type, one file per version (kafkajs's style); each
// file's header gives its wire grammar.
//
//   key   => version body           version: INT16; 0 and 1 = OffsetCommitKey, 2 = GroupMetadataKey
//                                   (a classic group's state), 3–8 = the KIP-848 consumer-group
//                                   records (consumer-group/), any other = share and streams
//                                   group records (KIP-932/1071): skipped, never decoded
//   value => version body | null    version: INT16; OffsetCommitValue 0–4 for an offset-commit
//                                   key, GroupMetadataValue 0–4 for a group key; null (a
//                                   tombstone) = the offset was deleted (skipped) or the group was
//                                   deleted
//
// Malformed bytes (truncated, trailing, an unknown value version under an offset-commit key)
// throw MalformedConsumerOffsetsRecordError: the caller counts and reports them.

import { MalformedConsumerOffsetsRecordError } from './errors.js';
import * as keyV0 from './offset-commit-key/v0.js';
import * as keyV1 from './offset-commit-key/v1.js';
import type { OffsetCommitKey } from './offset-commit-key/v0.js';
import type { OffsetCommitValue } from './offset-commit-value/types.js';
import * as valueV0 from './offset-commit-value/v0.js';
import * as valueV1 from './offset-commit-value/v1.js';
import * as valueV2 from './offset-commit-value/v2.js';
import * as valueV3 from './offset-commit-value/v3.js';
import * as valueV4 from './offset-commit-value/v4.js';
import { ByteReader } from './reader.js';
import { recordTypeName } from './record-types.js';
import { decodeConsumerGroupRecord, type ConsumerGroupRecord } from './consumer-group/index.js';
import * as groupKey from './group-metadata-key.js';
import type { GroupMetadataValue } from './group-metadata-value/types.js';
import * as groupValueV0toV3 from './group-metadata-value/v0-v3.js';
import * as groupValueV4 from './group-metadata-value/v4.js';

export { MalformedConsumerOffsetsRecordError } from './errors.js';
export { RECORD_TYPES, recordTypeName } from './record-types.js';

export type DecodedCommit = { kind: 'commit' } & OffsetCommitKey & OffsetCommitValue;
/** A classic group's stored state; value null: the group was deleted (a tombstone). */
export type DecodedGroupMetadata = { kind: 'group-metadata'; group: string; value: GroupMetadataValue | null };
/** A record of a consumer-protocol group (KIP-848). */
export type DecodedConsumerGroupRecord = { kind: 'consumer-group'; record: ConsumerGroupRecord };
export type SkippedRecord = { kind: 'skipped'; reason: string };
export type DecodedConsumerOffsetsRecord = DecodedCommit | DecodedGroupMetadata | DecodedConsumerGroupRecord | SkippedRecord;
export type { ConsumerGroupRecord, TopicPartitions } from './consumer-group/index.js';
export type { ClassicMember, GroupMetadataValue, PartitionAssignment } from './group-metadata-value/types.js';

const GROUP_METADATA_KEY_VERSION = 2;

function decodeGroupMetadata(keyReader: ByteReader, value: Buffer | null): DecodedGroupMetadata {
  const group = groupKey.decode(keyReader);
  if (value === null) return { kind: 'group-metadata', group, value: null };
  const reader = new ByteReader(value, 'value');
  const version = reader.int16('value version');
  if (version >= 0 && version <= 3)
    return { kind: 'group-metadata', group, value: groupValueV0toV3.decode(reader, version as 0 | 1 | 2 | 3) };
  if (version === 4) return { kind: 'group-metadata', group, value: groupValueV4.decode(reader) };
  throw new MalformedConsumerOffsetsRecordError('value', `unknown GroupMetadataValue version ${version} for group ${group} (known: 0–4)`);
}

const KEY_DECODERS: Readonly<Record<number, (reader: ByteReader) => OffsetCommitKey>> = {
  0: keyV0.decode,
  1: keyV1.decode,
};

const VALUE_DECODERS: Readonly<Record<number, (reader: ByteReader) => OffsetCommitValue>> = {
  0: valueV0.decode,
  1: valueV1.decode,
  2: valueV2.decode,
  3: valueV3.decode,
  4: valueV4.decode,
};

export function decodeConsumerOffsetsRecord(key: Buffer | null, value: Buffer | null): DecodedConsumerOffsetsRecord {
  if (key === null) throw new MalformedConsumerOffsetsRecordError('key', 'record has no key');
  const keyReader = new ByteReader(key, 'key');
  const keyVersion = keyReader.int16('key version');
  if (keyVersion === GROUP_METADATA_KEY_VERSION) return decodeGroupMetadata(keyReader, value);
  const consumerGroup = decodeConsumerGroupRecord(keyVersion, keyReader, value);
  if (consumerGroup) return { kind: 'consumer-group', record: consumerGroup };
  const decodeKey = KEY_DECODERS[keyVersion];
  if (!decodeKey) {
    const kind = recordTypeName(keyVersion);
    return { kind: 'skipped', reason: `${kind} record (key version ${keyVersion})${value === null ? ', tombstone' : ''}` };
  }
  const commitKey = decodeKey(keyReader);
  if (value === null) {
    return { kind: 'skipped', reason: `offset deleted (tombstone) for ${commitKey.group} ${commitKey.topic}-${commitKey.partition}` };
  }
  const valueReader = new ByteReader(value, 'value');
  const valueVersion = valueReader.int16('value version');
  const decodeValue = VALUE_DECODERS[valueVersion];
  if (!decodeValue) {
    throw new MalformedConsumerOffsetsRecordError(
      'value',
      `unknown OffsetCommitValue version ${valueVersion} for ${commitKey.group} ${commitKey.topic}-${commitKey.partition} (known: 0–4)`,
    );
  }
  return { kind: 'commit', ...commitKey, ...decodeValue(valueReader) };
}
