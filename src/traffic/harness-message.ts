// What the harness puts on the wire: every message carries a unique id in the `chaos-id`
// header and in its JSON body, so the target can recognise it without trusting the SUT.

import crypto from 'node:crypto';
import { MESSAGE_ID_FIELD, MESSAGE_ID_HEADER, checksum } from '../evidence/checksum.js';

export interface HarnessMessage {
  id: string;
  key: string | null;
  value: Buffer;
  checksum: string;
  headers: Record<string, string>;
}

/** A run-unique prefix and a sequence number: ids stay readable in reports ("a1b2c3-17"). */
export function messageIdPrefix(): string {
  return crypto.randomBytes(3).toString('hex');
}

export function harnessMessage(id: string, seq: number, key: string | null = null): HarnessMessage {
  const value = Buffer.from(JSON.stringify({ [MESSAGE_ID_FIELD]: id, seq, sentAt: Date.now() }));
  return { id, key, value, checksum: checksum(value), headers: { [MESSAGE_ID_HEADER]: id } };
}
