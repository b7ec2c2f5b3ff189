// One HTTP delivery of one Kafka record: the StreamSets HTTP Client destination. The body is the
// record value bytes unchanged, every Kafka header travels as an HTTP header (so the harness can
// trace `chaos-id` end to end), and the receiving server learns which SUT instance sent it.
// Only a 2xx counts as delivered; any other status, a network error or a timeout does not.
//
// node:http with a keep-alive agent, not fetch: at thousands of records a second fetch's web
// streams, abort signals and their garbage cost the forwarder more CPU than the request itself
// (bench:throughput profiled 1,200 records/s on fetch).

import http from 'node:http';
import https from 'node:https';
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

// Names the forwarder owns: the framing headers node:http computes itself (copying a stale
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

/** HTTP headers as node:http takes them: a name (lower case) to its value or values. */
export type HttpHeaders = Record<string, string | string[]>;

/**
 * Builds the HTTP headers for a record. Kafka headers that cannot be HTTP headers (or that would
 * collide with the ones the forwarder owns) are left out and reported through `skipped`, so a
 * strange header never turns into a delivery failure that stops the pipeline.
 */
export function httpHeadersFor(record: KafkaRecord, instance: string, skipped?: (name: string, why: string) => void): HttpHeaders {
  const headers: HttpHeaders = { 'content-type': 'application/json' };
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
      // latin1 maps each byte to one char and node:http writes header chars back as single
      // bytes, so the header's bytes reach the server unchanged (UTF-8 included).
      const value = typeof item === 'string' ? item : item.toString('latin1');
      if (!HEADER_VALUE.test(value)) {
        skipped?.(name, 'value has control characters');
        continue;
      }
      const before = headers[lower];
      headers[lower] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
  }
  headers['sut-instance'] = instance;
  return headers;
}

// One connection per partition in flight is reused from request to request.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * POSTs one record. Never throws: every outcome is a DeliveryResult. `signal` lets the caller
 * abandon an in-flight request (shutdown); the per-request timeout is always applied.
 */
export function deliver(
  record: KafkaRecord,
  target: DeliveryTarget,
  options: { signal?: AbortSignal; skipped?: (name: string, why: string) => void } = {},
): Promise<DeliveryResult> {
  const url = new URL(target.url);
  const client = url.protocol === 'https:' ? https : http;
  const body = record.value ?? Buffer.alloc(0);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: DeliveryResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    // A 3xx is not an acknowledgement, and node:http never follows one (fetch had to be told).
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { ...httpHeadersFor(record, target.instance, options.skipped), 'content-length': body.length },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // Read the body so the keep-alive connection can be reused; once the status is known the
        // outcome is decided, so a body that fails to arrive changes nothing.
        response.resume();
        response.on('error', () => undefined);
        const ok = status >= 200 && status < 300;
        finish(ok ? { ok, status } : { ok, status, error: `HTTP ${status}` });
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `timeout after ${target.timeoutMs}ms` });
      request.destroy();
    }, target.timeoutMs);
    const onAbort = (): void => {
      finish({ ok: false, error: 'aborted' });
      request.destroy();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: error.code ? `${error.code}: ${error.message}` : error.message }),
    );
    request.end(body);
  });
}
