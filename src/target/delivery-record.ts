// One line of delivered.jsonl: what the recording target saw of one delivery attempt and what it
// did with it. The target only records; whether an attempt counts as delivered (a 2xx answer) is
// for the checker to decide.

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { checksum, MESSAGE_ID_FIELD, MESSAGE_ID_HEADER } from '../evidence/checksum.js';
import type { RequestSeen } from '../evidence/ledger-records.js';

export type { DeliveryRecord, RequestSeen } from '../evidence/ledger-records.js';

/** The header a SUT may set to say which of its instances made the request. */
export const SUT_INSTANCE_HEADER = 'sut-instance';

export function seenRequest(request: IncomingMessage, body: Buffer, receivedAt: number): RequestSeen {
  return {
    id: messageIdOf(request.headers, body),
    receivedAt,
    checksum: checksum(body),
    bytes: body.length,
    method: request.method ?? '',
    path: request.url ?? '',
    sutInstance: headerValue(request.headers, SUT_INSTANCE_HEADER),
  };
}

/** The id from the chaos-id header, else from the JSON body's chaosId field, else null. */
export function messageIdOf(headers: IncomingHttpHeaders, body: Buffer): string | null {
  return headerValue(headers, MESSAGE_ID_HEADER) ?? bodyId(body);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

function bodyId(body: Buffer): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null; // not JSON: a SUT may forward any payload
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const id = (parsed as Record<string, unknown>)[MESSAGE_ID_FIELD];
  return typeof id === 'string' ? id : null;
}
