// Everything the checks share, built lazily and at most once: the message index, the commit
// index, the restart/rebalance timeline and the outage windows. A section that fails to build
// (malformed evidence) rethrows its error to every check that asks for it, so exactly those
// checks say 'unknown' and the others still judge.

import { GROUP_COORDINATOR_ROLE, LEDGER_FILES, TARGET_DOWN_FAULT } from '../evidence/ledger-records.js';
import type { LedgerName } from '../evidence/ledger-records.js';
import { ledgerColumns, type AnyLedgers, type LazyColumns } from '../evidence/columns/column-ledgers.js';
import type { ResolvedOptions } from './types.js';
import { requireString, requireTime } from './evidence-shape.js';
import { buildCommitIndex, type CommitIndex } from './commit-index.js';
import { buildMessageIndex, type MessageIndex } from './message-index.js';
import { buildRewindHistory, type RewindHistory } from './group-history.js';
import { PartitionRegistry } from './partitions.js';

/** A time range [fromMs, toMs): toMs is Infinity for a fault never healed. */
export interface Window {
  fromMs: number;
  toMs: number;
}

/** The fault that takes the SUT's HTTP target down. */
export { TARGET_DOWN_FAULT };

export { isRewindEvent } from './group-history.js';

function lazy<T>(build: () => T): () => T {
  let state: { value: T } | { error: unknown } | undefined;
  return () => {
    state ??= (() => {
      try {
        return { value: build() };
      } catch (error) {
        return { error };
      }
    })();
    if ('error' in state) throw state.error;
    return state.value;
  };
}

export class EvidenceIndex {
  readonly partitions: PartitionRegistry;
  /** produced, log, delivered and commits as columns (hand-built records converted on first use). */
  readonly columns: LazyColumns;
  readonly messages: () => MessageIndex;
  readonly commits: () => CommitIndex;
  /** When each partition was rewound: from the broker's group history, else the harness's SUT events. */
  readonly rewinds: () => RewindHistory;
  /** Windows during which the target was down (fault 'target-down'), by start. */
  readonly outages: () => Window[];
  /** Windows during which a fault acted on the SUT group's coordinator (role 'group-coordinator'), by start. */
  readonly coordinatorFaults: () => Window[];

  constructor(
    readonly ledgers: AnyLedgers,
    readonly options: ResolvedOptions,
  ) {
    this.partitions = new PartitionRegistry(options.topics.length !== 1);
    this.columns = ledgerColumns(ledgers);
    this.messages = lazy(() => buildMessageIndex(this.columns, ledgers.evidence, options, this.partitions));
    this.commits = lazy(() => buildCommitIndex(this.columns, options, this.partitions));
    this.rewinds = lazy(() => buildRewindHistory(ledgers, options, this.partitions));
    this.outages = lazy(() => faultWindows(ledgers, (fault, i) => requireString(fault.fault, 'faults', i, 'fault') === TARGET_DOWN_FAULT));
    this.coordinatorFaults = lazy(() => faultWindows(ledgers, (fault) => fault.params?.['role'] === GROUP_COORDINATOR_ROLE));
  }

  /** How many of `ledgers` lost a torn last line whose id could not be recovered. */
  unrecoverableTorn(ledgers: readonly LedgerName[]): number {
    return ledgers.filter((ledger) => this.ledgers.evidence?.[ledger]?.torn?.id === null).length;
  }

  /** Whether `ledger` lost a torn last line at all. */
  torn(ledger: LedgerName): boolean {
    return this.ledgers.evidence?.[ledger]?.torn !== undefined;
  }

  /** Warnings of the sections built so far. */
  warnings(): string[] {
    const warnings: string[] = [];
    for (const section of [this.messages, this.commits]) {
      try {
        warnings.push(...section().warnings);
      } catch {
        // its checks already report the error
      }
    }
    return warnings;
  }
}

/** The windows of the faults `select` picks, by start; a fault never healed lasts to the end. */
function faultWindows(ledgers: AnyLedgers, select: (fault: AnyLedgers['faults'][number], i: number) => boolean): Window[] {
  const windows: Window[] = [];
  ledgers.faults.forEach((fault, i) => {
    if (!select(fault, i)) return;
    const fromMs = requireTime(fault.injectedAt, 'faults', i, 'injectedAt');
    const toMs = fault.healedAt === null ? Infinity : requireTime(fault.healedAt, 'faults', i, 'healedAt');
    windows.push({ fromMs, toMs });
  });
  return windows.sort((a, b) => a.fromMs - b.fromMs);
}

/**
 * 'unknown' instead of violated when the violation counts no more messages than torn lines lost
 * with their ids: those lines may have been exactly the evidence that is missing.
 */
export function doubtFromTorn(
  violations: number | undefined,
  index: EvidenceIndex,
  ledgers: readonly LedgerName[],
  what: string,
): string | undefined {
  const torn = index.unrecoverableTorn(ledgers);
  if (torn === 0 || violations === undefined || violations > torn) return undefined;
  return `${violations} ${what}, but ${torn} torn last line${torn > 1 ? 's' : ''} of ${ledgers.map((l) => LEDGER_FILES[l]).join('/')} lost ${torn > 1 ? 'their' : 'its'} id: the missing evidence may be exactly that.`;
}
