// Bytes of Kafka's wire grammar built by hand, and the raw __consumer_offsets fixtures captured
// from real brokers (bench/capture-consumer-offsets.ts): what the decoder tests feed the decoders.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/consumer-offsets');

export interface ConsumerOffsetsFixture {
  kafkaVersion: string;
  startedAt: number;
  capturedAt: number;
  records: Array<{ partition: number; offset: number; key: string | null; value: string | null; timestamp: number }>;
}

/** test/fixtures/consumer-offsets/kafka-<name>.json. */
export function loadFixture(name: string): ConsumerOffsetsFixture {
  return JSON.parse(fs.readFileSync(path.join(fixturesDir, `kafka-${name}.json`), 'utf8')) as ConsumerOffsetsFixture;
}

export const fromBase64 = (text: string | null) => (text === null ? null : Buffer.from(text, 'base64'));

export const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
export const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
export const int64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};
export const string = (s: string) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s, 'utf8')]);
export const varint = (n: number) => {
  const bytes: number[] = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
};
export const compactString = (s: string) => Buffer.concat([varint(Buffer.byteLength(s) + 1), Buffer.from(s, 'utf8')]);
export const tagged = (fields: Array<[number, Buffer]> = []) =>
  Buffer.concat([varint(fields.length), ...fields.flatMap(([tag, data]) => [varint(tag), varint(data.length), data])]);
export const nullString = () => int16(-1);
export const bytes = (data: Buffer) => Buffer.concat([int32(data.length), data]);
export const compactBytes = (data: Buffer) => Buffer.concat([varint(data.length + 1), data]);
/** A ConsumerProtocolAssignment (version 0): topic → partitions, no user data. */
export const assignmentBytes = (topics: Record<string, number[]>) =>
  Buffer.concat([
    int16(0),
    int32(Object.keys(topics).length),
    ...Object.entries(topics).flatMap(([topic, partitions]) => [string(topic), int32(partitions.length), ...partitions.map(int32)]),
    int32(-1),
  ]);
