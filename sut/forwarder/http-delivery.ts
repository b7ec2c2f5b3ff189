// One HTTP delivery of one Kafka record: the StreamSets HTTP Client destination. The body is the
// record value bytes unchanged, every Kafka header travels as an HTTP header (so the harness can
// trace `chaos-id` end to end), and the receiving server learns which SUT instance sent it.
// Only a 2xx counts as delivered; any other status, a network error or a timeout does not.

import type { IHeaders } from 'kafkajs';

export interface DeliveryResult {
  ok: boolean;
  status?: number;
  error?: string;
}

export interface DeliveryTarget {
  url: string;
  instance: string;
  timeoutMs: number;
}

export interface KafkaRecord {
  value: Buffer | null;
  headers?: IHeaders;
}

// Names the forwarder owns: the framing headers fetch computes itself (copying a stale
// content-length or host from a record would corrupt the request) and the two it sets.
const OWNED = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-connection',
  'content-type',
  'sut-instance',
]);
// RFC 9110 token; a field value is octets without controls (tab allowed), one char per byte.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Builds the HTTP headers for a record. Kafka headers that cannot be HTTP headers (or that would
 * collide with the ones the forwarder owns) are left out and reported through `skipped`, so a
 * strange header never turns into a delivery failure that stops the pipeline.
 */
export function httpHeadersFor(record: KafkaRecord, instance: string, skipped?: (name: string, why: string) => void): Headers {
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    if (raw === undefined) continue;
    const lower = name.toLowerCase();
    if (OWNED.has(lower)) {
      skipped?.(name, 'the forwarder sets this header itself');
      continue;
    }
    if (!HEADER_NAME.test(name)) {
      skipped?.(name, 'not a valid HTTP header name');
      continue;
    }
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      // latin1 maps each byte to one char and fetch writes header chars back as single bytes,
      // so the header's bytes reach the server unchanged (UTF-8 included).
      const value = typeof item === 'string' ? item : item.toString('latin1');
      if (!HEADER_VALUE.test(value)) {
        skipped?.(name, 'value has control characters');
        continue;
      }
      headers.append(lower, value);
    }
  }
  headers.set('sut-instance', instance);
  return headers;
}

/**
 * POSTs one record. Never throws: every outcome is a DeliveryResult. `signal` lets the caller
 * abandon an in-flight request (shutdown); the per-request timeout is always applied.
 */
export async function deliver(
  record: KafkaRecord,
  target: DeliveryTarget,
  options: { signal?: AbortSignal; skipped?: (name: string, why: string) => void } = {},
): Promise<DeliveryResult> {
  const timeout = AbortSignal.timeout(target.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: httpHeadersFor(record, target.instance, options.skipped),
      // A copy, not the Buffer itself: kafkajs hands out views into a larger fetch buffer.
      body: record.value ? new Uint8Array(record.value) : new Uint8Array(0),
      // A 3xx is not an acknowledgement: following it could re-send (or, for 303, GET) elsewhere.
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return { ok: false, error: describe(error, timeout, target.timeoutMs) };
  }
  // Read the body so the keep-alive connection can be reused; once the status is known the
  // outcome is decided, so a body that fails to arrive changes nothing.
  await response.arrayBuffer().catch(() => undefined);
  const ok = response.status >= 200 && response.status < 300;
  return ok ? { ok, status: response.status } : { ok, status: response.status, error: `HTTP ${response.status}` };
}

function describe(error: unknown, timeout: AbortSignal, timeoutMs: number): string {
  if (timeout.aborted) return `timeout after ${timeoutMs}ms`;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  if (error instanceof Error) {
    // fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ECONNRESET…) in cause.
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const detail = cause ? (typeof cause.code === 'string' ? cause.code : String(cause.message ?? '')) : '';
    return detail ? `${error.message}: ${detail}` : error.message;
  }
  return String(error);
}
