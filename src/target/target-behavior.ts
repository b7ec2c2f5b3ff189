// The target's fault mode, as data, and the pure decision of how to treat the i-th request.
// Toxiproxy only breaks TCP; these are the HTTP-level faults: an error status (with an optional
// Retry-After), a slow answer, or an accepted request whose connection is dropped unanswered.
//
// `fraction` picks the share of requests the fault hits; the others get a plain, immediate 200.
// The pick is deterministic, so a run is reproducible and any stretch of requests is hit in the
// right proportion: request i is hit when floor((i+1)·f) > floor(i·f).

import { ConfigError } from '../util/errors.js';

export interface TargetBehavior {
  /** The status to answer the hit requests with; 200 when absent. */
  status?: number;
  /** Share of requests hit, 0..1; 1 when absent. */
  fraction?: number;
  /** Sent as Retry-After with the hit requests' answers; needs `status`. */
  retryAfterSeconds?: number;
  /** Wait this long before answering (or dropping) a hit request. */
  delayMs?: number;
  /** Close the hit requests' connections without answering. */
  drop?: boolean;
}

export type Decision = { kind: 'answer'; status: number; delayMs: number; retryAfterSeconds?: number } | { kind: 'drop'; delayMs: number };

export const NORMAL: TargetBehavior = {};

const FIELDS = ['status', 'fraction', 'retryAfterSeconds', 'delayMs', 'drop'];
/** Node's timers cap: a longer setTimeout fires after 1 ms instead. */
const MAX_DELAY_MS = 2_147_483_647;
/** Absorbs float error, so that e.g. 100 × 0.57 counts 57 hits, not 56. */
const EPSILON = 1e-9;

/** How request `index` (0-based since the behaviour was set) is to be treated. */
export function decide(behavior: TargetBehavior, index: number): Decision {
  const fraction = behavior.fraction ?? 1;
  const hit = Math.floor((index + 1) * fraction + EPSILON) > Math.floor(index * fraction + EPSILON);
  if (!hit) return { kind: 'answer', status: 200, delayMs: 0 };
  const delayMs = behavior.delayMs ?? 0;
  if (behavior.drop) return { kind: 'drop', delayMs };
  return { kind: 'answer', status: behavior.status ?? 200, delayMs, retryAfterSeconds: behavior.retryAfterSeconds };
}

/** Validates untrusted input (a control request's JSON) into a behaviour; throws ConfigError. */
export function parseBehavior(input: unknown): TargetBehavior {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(`behavior must be a JSON object with optional fields ${FIELDS.join(', ')}`);
  }
  const fields = input as Record<string, unknown>;
  const unknownField = Object.keys(fields).find((name) => !FIELDS.includes(name));
  if (unknownField !== undefined) {
    throw new ConfigError(`unknown behavior field "${unknownField}"; allowed: ${FIELDS.join(', ')}`);
  }
  const behavior: TargetBehavior = {};
  if (fields.status !== undefined) behavior.status = numberIn(fields, 'status', 200, 599, true);
  if (fields.fraction !== undefined) behavior.fraction = numberIn(fields, 'fraction', 0, 1, false);
  if (fields.retryAfterSeconds !== undefined) {
    behavior.retryAfterSeconds = numberIn(fields, 'retryAfterSeconds', 0, Number.MAX_SAFE_INTEGER, true);
  }
  if (fields.delayMs !== undefined) behavior.delayMs = numberIn(fields, 'delayMs', 0, MAX_DELAY_MS, false);
  if (fields.drop !== undefined) {
    if (typeof fields.drop !== 'boolean') {
      throw new ConfigError(`behavior.drop must be true or false, got ${show(fields.drop)}`);
    }
    behavior.drop = fields.drop;
  }
  if (behavior.drop && behavior.status !== undefined) {
    throw new ConfigError('behavior.drop and behavior.status are exclusive: a dropped request gets no status');
  }
  if (behavior.retryAfterSeconds !== undefined && behavior.status === undefined) {
    throw new ConfigError('behavior.retryAfterSeconds needs behavior.status (the answer that carries Retry-After)');
  }
  if (behavior.fraction !== undefined && behavior.status === undefined && !behavior.delayMs && !behavior.drop) {
    throw new ConfigError('behavior.fraction needs a fault to apply to: status, delayMs or drop');
  }
  return behavior;
}

function numberIn(fields: Record<string, unknown>, name: string, min: number, max: number, integer: boolean): number {
  const value = fields[name];
  const ok = typeof value === 'number' && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    throw new ConfigError(`behavior.${name} must be ${kind} from ${min} to ${max}, got ${show(value)}`);
  }
  return value;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
