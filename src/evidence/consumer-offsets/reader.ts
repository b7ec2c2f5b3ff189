// A bounds-checked big-endian reader over one key or value of __consumer_offsets: every read
// that would run past the end throws MalformedConsumerOffsetsRecordError naming the field.
//
// Primitive types (Kafka's protocol guide):
//   INT16 / INT32 / INT64   big-endian, signed
//   STRING                  INT16 length N (>= 0) then N bytes of UTF-8
//   COMPACT_STRING          UNSIGNED_VARINT N+1 (0 would be null) then N bytes of UTF-8
//   NULLABLE_STRING         STRING whose length -1 means null (COMPACT_NULLABLE_STRING: N+1 = 0)
//   BYTES                   INT32 length N then N bytes (COMPACT_BYTES: UNSIGNED_VARINT N+1)
//   ARRAY                   INT32 count then count items (COMPACT_ARRAY: UNSIGNED_VARINT count+1)
//   UNSIGNED_VARINT         7 bits a byte, low bits first, high bit set on all but the last; at most 5 bytes
//   TAGGED_FIELDS           UNSIGNED_VARINT count, then count × (UNSIGNED_VARINT tag, UNSIGNED_VARINT size, size bytes)

import { MalformedConsumerOffsetsRecordError } from './errors.js';

export interface TaggedField {
  tag: number;
  data: Buffer;
}

export class ByteReader {
  private position = 0;

  constructor(
    private readonly buffer: Buffer,
    private readonly part: 'key' | 'value',
  ) {}

  get offset(): number {
    return this.position;
  }

  private need(bytes: number, field: string): void {
    const left = this.buffer.length - this.position;
    if (bytes > left) {
      throw new MalformedConsumerOffsetsRecordError(
        this.part,
        `truncated at ${field}: needs ${bytes} bytes at byte ${this.position}, ${left} left of ${this.buffer.length}`,
      );
    }
  }

  int16(field: string): number {
    this.need(2, field);
    const value = this.buffer.readInt16BE(this.position);
    this.position += 2;
    return value;
  }

  int32(field: string): number {
    this.need(4, field);
    const value = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return value;
  }

  /** An INT64 as a number; offsets and epoch-ms timestamps fit in 2^53. */
  int64(field: string): number {
    this.need(8, field);
    const value = this.buffer.readBigInt64BE(this.position);
    this.position += 8;
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new MalformedConsumerOffsetsRecordError(this.part, `${field} ${value} is beyond a safe integer`);
    }
    return Number(value);
  }

  unsignedVarint(field: string): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      this.need(1, field);
      const byte = this.buffer[this.position++]!;
      value |= (byte & 0x7f) << (7 * i);
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new MalformedConsumerOffsetsRecordError(this.part, `${field}: unsigned varint longer than 5 bytes at byte ${this.position}`);
  }

  private utf8(length: number, field: string): string {
    this.need(length, field);
    const value = this.buffer.toString('utf8', this.position, this.position + length);
    this.position += length;
    return value;
  }

  /** STRING, not nullable (a length of -1 is malformed, as Kafka's own reader says). */
  string(field: string): string {
    const length = this.int16(`${field} length`);
    if (length < 0) throw new MalformedConsumerOffsetsRecordError(this.part, `non-nullable ${field} has length ${length}`);
    return this.utf8(length, field);
  }

  /** COMPACT_STRING, not nullable. */
  compactString(field: string): string {
    const lengthPlusOne = this.unsignedVarint(`${field} length`);
    if (lengthPlusOne === 0) throw new MalformedConsumerOffsetsRecordError(this.part, `non-nullable ${field} is null`);
    return this.utf8(lengthPlusOne - 1, field);
  }

  /** NULLABLE_STRING: a length of -1 is null. */
  nullableString(field: string): string | null {
    const length = this.int16(`${field} length`);
    if (length < -1) throw new MalformedConsumerOffsetsRecordError(this.part, `${field} has length ${length}`);
    return length === -1 ? null : this.utf8(length, field);
  }

  /** COMPACT_NULLABLE_STRING: a length-plus-one of 0 is null. */
  compactNullableString(field: string): string | null {
    const lengthPlusOne = this.unsignedVarint(`${field} length`);
    return lengthPlusOne === 0 ? null : this.utf8(lengthPlusOne - 1, field);
  }

  /** BYTES (INT32 length; -1, nullable bytes, is read as null). */
  bytes(field: string): Buffer | null {
    const length = this.int32(`${field} length`);
    if (length < -1) throw new MalformedConsumerOffsetsRecordError(this.part, `${field} has length ${length}`);
    return length === -1 ? null : this.take(length, field);
  }

  /** COMPACT_BYTES (UNSIGNED_VARINT length + 1; 0 is null). */
  compactBytes(field: string): Buffer | null {
    const lengthPlusOne = this.unsignedVarint(`${field} length`);
    return lengthPlusOne === 0 ? null : this.take(lengthPlusOne - 1, field);
  }

  /** An ARRAY's INT32 count (-1, a null array, is malformed for the records read here). */
  arrayCount(field: string): number {
    const count = this.int32(`${field} count`);
    if (count < 0) throw new MalformedConsumerOffsetsRecordError(this.part, `${field} has count ${count}`);
    return count;
  }

  /** A COMPACT_ARRAY's count (UNSIGNED_VARINT count + 1; 0, a null array, is malformed here). */
  compactArrayCount(field: string): number {
    const countPlusOne = this.unsignedVarint(`${field} count`);
    if (countPlusOne === 0) throw new MalformedConsumerOffsetsRecordError(this.part, `${field} is a null array`);
    return countPlusOne - 1;
  }

  private take(length: number, field: string): Buffer {
    this.need(length, field);
    const bytes = this.buffer.subarray(this.position, this.position + length);
    this.position += length;
    return bytes;
  }

  taggedFields(field = 'tagged fields'): TaggedField[] {
    const count = this.unsignedVarint(`${field} count`);
    const fields: TaggedField[] = [];
    for (let i = 0; i < count; i++) {
      const tag = this.unsignedVarint(`${field} tag`);
      const size = this.unsignedVarint(`${field} size of tag ${tag}`);
      this.need(size, `${field} data of tag ${tag}`);
      fields.push({ tag, data: this.buffer.subarray(this.position, this.position + size) });
      this.position += size;
    }
    return fields;
  }

  /** The grammar is done: bytes left over mean the record is not what its version says. */
  end(what: string): void {
    const left = this.buffer.length - this.position;
    if (left !== 0) {
      throw new MalformedConsumerOffsetsRecordError(
        this.part,
        `${left} unexpected trailing bytes after ${what} (${this.buffer.length} bytes in all)`,
      );
    }
  }
}
