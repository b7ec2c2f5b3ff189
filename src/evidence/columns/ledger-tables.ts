// The string tables a run's columnar ledgers share, and how a column codes a field that may not
// be a string. Sharing matters: a message id read in produced.jsonl and in delivered.jsonl gets
// one code, so the checker joins ledgers on Int32s, and a topic is stored once, not per record.

import { StringTable } from './string-table.js';

export class LedgerTables {
  /** Message ids (produced, log, delivered). */
  readonly ids = new StringTable();
  /** Everything else that repeats: topics, groups, keys, paths, SUT instances, odd checksums. */
  readonly strings = new StringTable();
}

/** Code of a null (or absent) string field. */
export const NULL_CODE = -1;
/** Code of a field that is neither a string nor null: malformed, reported by whoever validates it. */
export const NOT_STRING_CODE = -2;

/** The field's code in `table`: ≥ 0 for a string, NULL_CODE, NOT_STRING_CODE. */
export function codeOf(table: StringTable, value: unknown): number {
  if (typeof value === 'string') return table.intern(value);
  return value === null || value === undefined ? NULL_CODE : NOT_STRING_CODE;
}

/** The string (or null) a code stands for; a NOT_STRING_CODE reads as null. */
export function stringOf(table: StringTable, code: number): string | null {
  return code >= 0 ? table.get(code)! : null;
}

/** A numeric field as stored: NaN stands for null and for anything that is not a number. */
export function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : NaN;
}

/** A stored number back as the record had it: NaN reads as null. */
export function numberOrNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
