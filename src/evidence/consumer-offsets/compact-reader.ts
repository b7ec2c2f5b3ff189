// Reads of the flexible grammar (KIP-482) that ByteReader lacks, as functions over a ByteReader,
// for the values of the KIP-848 consumer-group records (their keys are non-flexible). Every read
// goes through ByteReader's own bounds-checked reads, so a truncation names the field.
//
//   UUID                    16 bytes (Kafka's Uuid; shown as base64url without padding, 22 chars)
//   COMPACT_ARRAY           UNSIGNED_VARINT N+1 (0 would be null) then N elements
//   COMPACT_NULLABLE_STRING UNSIGNED_VARINT N+1, 0 = null, then N bytes of UTF-8
//   INT8                    one signed byte
//
// ByteReader gives no single-byte read and no peek, so the two reads that need one (INT8 and a
// nullable string) look at the byte at reader.offset in the same buffer and then consume it with
// the reads ByteReader has. A ByteReader.int8 / nullableCompactString would make `bytes` go away.

import { MalformedConsumerOffsetsRecordError } from './errors.js';
import type { ByteReader } from './reader.js';

/** Flexible grammar occurs only in values of __consumer_offsets: every error here is the value's. */
const PART = 'value';

/** A UUID read as 4 × INT32: ByteReader.int64 refuses values beyond 2^53, and UUIDs are random. */
export function uuid(reader: ByteReader, field: string): string {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) bytes.writeInt32BE(reader.int32(`${field} (UUID bytes ${4 * i}–${4 * i + 3})`), 4 * i);
  // Kafka's Uuid.toString(): base64 URL-safe, no padding — what kafka-topics.sh shows as TopicId.
  return bytes.toString('base64url');
}

/** A UUID in its 32-digit hex form, from the base64url form uuid() returns. */
export function uuidHex(id: string): string {
  return Buffer.from(id, 'base64url').toString('hex');
}

/** COMPACT_ARRAY, not nullable: its elements, each read by `element`. */
export function compactArray<T>(reader: ByteReader, field: string, element: (index: number) => T): T[] {
  const lengthPlusOne = reader.unsignedVarint(`${field} length`);
  if (lengthPlusOne === 0) throw new MalformedConsumerOffsetsRecordError(PART, `non-nullable array ${field} is null`);
  // No preallocation: a bogus length is caught by the first element read past the end.
  const elements: T[] = [];
  for (let i = 0; i < lengthPlusOne - 1; i++) elements.push(element(i));
  return elements;
}

export function compactInt32Array(reader: ByteReader, field: string): number[] {
  return compactArray(reader, field, (i) => reader.int32(`${field}[${i}]`));
}

export function compactStringArray(reader: ByteReader, field: string): string[] {
  return compactArray(reader, field, (i) => reader.compactString(`${field}[${i}]`));
}

/** The byte at the reader's position, without consuming it; `bytes` is the buffer `reader` reads. */
function peek(reader: ByteReader, bytes: Buffer, field: string): number {
  const byte = bytes[reader.offset];
  if (byte === undefined) {
    throw new MalformedConsumerOffsetsRecordError(
      PART,
      `truncated at ${field}: needs 1 byte at byte ${reader.offset}, 0 left of ${bytes.length}`,
    );
  }
  return byte;
}

/** COMPACT_NULLABLE_STRING; `bytes` is the buffer `reader` reads. */
export function nullableCompactString(reader: ByteReader, bytes: Buffer, field: string): string | null {
  // A null is the one-byte varint 0; any other first byte starts the length of a string.
  if (peek(reader, bytes, `${field} length`) === 0) {
    reader.unsignedVarint(`${field} length`);
    return null;
  }
  return reader.compactString(field);
}

/**
 * An INT8 that must be 0–127; `bytes` is the buffer `reader` reads. Such a byte is also a
 * one-byte unsigned varint, which is how it is consumed. Kafka's INT8 fields here (a member's
 * MemberState: 0, 1, 2, 127) are never negative, so a negative one is malformed.
 */
export function nonNegativeInt8(reader: ByteReader, bytes: Buffer, field: string): number {
  const byte = peek(reader, bytes, field);
  if (byte >= 0x80) throw new MalformedConsumerOffsetsRecordError(PART, `${field} is ${byte - 0x100}: negative, where 0–127 is expected`);
  return reader.unsignedVarint(field);
}
