// What the checker judges of the ledgers: the topics in scope (options.topics; none named: every
// topic), by name or by strings-table code, and how a malformed field is quoted in an error.

import type { LedgerTables } from '../evidence/columns/ledger-tables.js';
import type { ResolvedOptions } from './types.js';

export function topicFilter(options: ResolvedOptions): (topic: string) => boolean {
  if (options.topics.length === 0) return () => true;
  const topics = new Set(options.topics);
  return (topic) => topics.has(topic);
}

/** topicFilter over strings-table codes, each code judged once (a non-string topic is in scope only without a filter). */
export function topicCodeFilter(options: ResolvedOptions, tables: LedgerTables): (code: number) => boolean {
  const inScope = topicFilter(options);
  const known: (boolean | undefined)[] = [];
  return (code) => (code < 0 ? options.topics.length === 0 : (known[code] ??= inScope(tables.strings.get(code)!)));
}

/** The record's field as the ledger had it, for an error message. */
export const rawField = (columns: { record(i: number): object }, i: number, field: string): unknown =>
  (columns.record(i) as Record<string, unknown>)[field];
