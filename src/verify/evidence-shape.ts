// Cheap shape checks for ledger fields the checks rely on. Evidence that breaks the record types
// must make the checks that read it say 'unknown' — a NaN offset compared silently would pass.

import { MalformedEvidenceError } from './types.js';

function malformed(ledger: string, index: number, field: string, value: unknown, wanted: string): never {
  throw new MalformedEvidenceError(`${ledger} record ${index + 1}: ${field} is ${JSON.stringify(value) ?? String(value)}, not ${wanted}`, {
    fix: 'the ledger is corrupt or from another version of kafka-chaos; re-run the scenario',
  });
}

export function requireInteger(value: unknown, ledger: string, index: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) malformed(ledger, index, field, value, 'an integer');
  return value;
}

/** An epoch-ms timestamp (or any finite number). */
export function requireTime(value: unknown, ledger: string, index: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) malformed(ledger, index, field, value, 'a time in epoch ms');
  return value;
}

export function requireString(value: unknown, ledger: string, index: number, field: string): string {
  if (typeof value !== 'string') malformed(ledger, index, field, value, 'a string');
  return value;
}

export function requireIdOrNull(value: unknown, ledger: string, index: number, field: string): string | null {
  if (value !== null && typeof value !== 'string') malformed(ledger, index, field, value, 'a string or null');
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], ledger: string, index: number, field: string): T {
  if (!allowed.includes(value as T)) malformed(ledger, index, field, value, `one of ${allowed.join(', ')}`);
  return value as T;
}
