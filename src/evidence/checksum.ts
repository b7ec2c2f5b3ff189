// The message checksum used by every ledger: the first 16 hex digits of the SHA-256 of the
// bytes. The producer records it for what it sent; the target for what it received; the checker
// compares the two to detect corruption.

import crypto from 'node:crypto';

export function checksum(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** The header (HTTP and Kafka) that carries a message's unique id. */
export const MESSAGE_ID_HEADER = 'chaos-id';
/** The JSON body field that carries the same id, for SUTs that do not forward headers. */
export const MESSAGE_ID_FIELD = 'chaosId';
