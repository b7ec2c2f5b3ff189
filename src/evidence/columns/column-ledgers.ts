// Ledgers whose four large ledgers are columns (what readLedgers gives), beside Ledgers of
// record arrays (hand-built, in tests and in memory): the checker takes either, and turns the
// arrays into columns itself (ledgerColumns) so that every check reads one representation.

import type { CommitRecord, DeliveryRecord, Ledgers, LogRecord, ProducedRecord } from '../ledger-records.js';
import { commitColumns, type CommitColumns } from './commit-columns.js';
import { deliveredColumns, type DeliveredColumns } from './delivered-columns.js';
import { LedgerTables } from './ledger-tables.js';
import { logColumns, type LogColumns } from './log-columns.js';
import { producedColumns, type ProducedColumns } from './produced-columns.js';

type ColumnarLedger = 'produced' | 'log' | 'delivered' | 'commits';

export type ColumnLedgers = Omit<Ledgers, ColumnarLedger> & {
  produced: ProducedColumns;
  log: LogColumns;
  delivered: DeliveredColumns;
  commits: CommitColumns;
};

/** Ledgers with each large ledger in either form (a caller may swap in records of its own for one). */
export type AnyLedgers = Omit<Ledgers, ColumnarLedger> & {
  produced: readonly ProducedRecord[] | ProducedColumns;
  log: readonly LogRecord[] | LogColumns;
  delivered: readonly DeliveryRecord[] | DeliveredColumns;
  commits: readonly CommitRecord[] | CommitColumns;
};

/** Each large ledger as columns, converted from records on first use (a null record throws then). */
export interface LazyColumns {
  produced(): ProducedColumns;
  log(): LogColumns;
  delivered(): DeliveredColumns;
  commits(): CommitColumns;
}

/**
 * Columns over `ledgers`: those that already are columns as they are; record arrays converted on
 * first use, all over one set of tables so ids join across ledgers.
 */
export function ledgerColumns(ledgers: AnyLedgers): LazyColumns {
  let found: LedgerTables | undefined;
  for (const ledger of [ledgers.produced, ledgers.log, ledgers.delivered, ledgers.commits]) {
    if (!Array.isArray(ledger)) found ??= (ledger as { tables: LedgerTables }).tables;
  }
  const tables = found ?? new LedgerTables();
  const once = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const { produced, log, delivered, commits } = ledgers;
  return {
    produced: once(() => (Array.isArray(produced) ? producedColumns(produced, tables) : (produced as ProducedColumns))),
    log: once(() => (Array.isArray(log) ? logColumns(log, tables) : (log as LogColumns))),
    delivered: once(() => (Array.isArray(delivered) ? deliveredColumns(delivered, tables) : (delivered as DeliveredColumns))),
    commits: once(() => (Array.isArray(commits) ? commitColumns(commits, tables) : (commits as CommitColumns))),
  };
}
