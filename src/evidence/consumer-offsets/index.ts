// Decodes one record of Kafka's internal topic __consumer_offsets into an offset commit, or says
// why it is not one. One folder per record type, one file per version (kafkajs's style); each
// file's header gives its wire grammar.
//
//   key   => version body           version: INT16; 0 and 1 = OffsetCommitKey (below), any other
//                                   = another record type (group metadata, KIP-848/932/1071
//                                   group records): skipped, never decoded
//   value => version body | null    version: INT16; OffsetCommitValue 0–4 for an offset-commit
//                                   key; null (a tombstone) = the offset was deleted: skipped
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

export { MalformedConsumerOffsetsRecordError } from './errors.js';
export { RECORD_TYPES, recordTypeName } from './record-types.js';

export type DecodedCommit = { kind: 'commit' } & OffsetCommitKey & OffsetCommitValue;
export type SkippedRecord = { kind: 'skipped'; reason: string };
export type DecodedConsumerOffsetsRecord = DecodedCommit | SkippedRecord;

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
