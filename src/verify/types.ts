// The checker's vocabulary: its input (the ledgers, in memory), its options, and its output (a
// CheckResult per check, a Verdict over all). Outcomes are three-valued as in Jepsen: a check
// that cannot decide — missing or malformed evidence, a bug — says 'unknown', never a pass. A
// check is judged (counts toward the verdict) when a step asserted it; the rest are information.

import { ChaosError } from '../util/errors.js';

import type { DeliveryRecord } from '../evidence/ledger-records.js';
import type { StepFinding } from '../evidence/run-json.js';

export type { StepFinding } from '../evidence/run-json.js';

export type { Ledgers } from '../evidence/ledger-records.js';
export type { AnyLedgers, ColumnLedgers } from '../evidence/columns/column-ledgers.js';

export interface CheckOptions {
  /** The SUT's consumer group: only its commits are judged. */
  group: string;
  /** The topics the SUT consumes; records of other topics are ignored. Empty: every topic. */
  topics: string[];
  /** The most duplicate 2xx deliveries the scenario tolerates. Default Infinity (unbounded). */
  maxDuplicates?: number;
  /** Epoch ms when the final drain ended; a 2xx answered later does not count. null/absent: end of evidence. */
  drainEndedAt?: number | null;
  /** An earlier 2xx answered this slowly (answeredAt − receivedAt) may not have reached the SUT. Default 1000. */
  slowAnswerMs?: number;
  /**
   * The checks a Then step asserted: only these are judged. Absent (an old or hand-made run):
   * every check that has what it needs — duplicates only with a bound.
   */
  assertedChecks?: readonly string[];
  /** Judge every check (duplicates still only with a bound), whatever was asserted. */
  judgeAll?: boolean;
  /** Reliability failures steps raised outside any check: each makes the verdict false. */
  findings?: readonly StepFinding[];
}

/** CheckOptions with every default applied. */
export interface ResolvedOptions {
  group: string;
  topics: string[];
  maxDuplicates: number;
  /** Infinity when the options said null: a 2xx at any time counts (but a missing one never does). */
  drainEndedAt: number;
  slowAnswerMs: number;
}

export type Validity = true | false | 'unknown';

/** What a check returns. */
export interface CheckOutcome {
  name: string;
  valid: Validity;
  figures: Record<string, number>;
  /** Message ids or "p0@17"-style positions, at most MAX_EXAMPLES. */
  examples: string[];
  /** One sentence. */
  explanation: string;
}

/** A check's outcome in a verdict: judged ones decide `valid`; the others are shown as "not judged". */
export interface CheckResult extends CheckOutcome {
  judged: boolean;
}

export interface Verdict {
  /** false if a judged check is false or a step found a failure; else 'unknown' if a judged check is; else true. */
  valid: Validity;
  /** The checks `valid` is computed over. */
  judged: string[];
  checks: CheckResult[];
  /** Steps' reliability failures (each a violated row of its own). */
  findings: StepFinding[];
  warnings: string[];
}

export const MAX_EXAMPLES = 10;
export const DEFAULT_SLOW_ANSWER_MS = 1000;

/** The evidence does not have the shape the ledger records promise: the checks that need it say 'unknown'. */
export class MalformedEvidenceError extends ChaosError {}

export function resolveOptions(options: CheckOptions): ResolvedOptions {
  return {
    group: options.group,
    topics: options.topics,
    maxDuplicates: options.maxDuplicates ?? Infinity,
    drainEndedAt: options.drainEndedAt ?? Infinity,
    slowAnswerMs: options.slowAnswerMs ?? DEFAULT_SLOW_ANSWER_MS,
  };
}

/** Collects at most MAX_EXAMPLES examples; `add` is cheap to call for every violation. */
export class Examples {
  readonly list: string[] = [];
  add(example: string | (() => string)): void {
    if (this.list.length < MAX_EXAMPLES) this.list.push(typeof example === 'string' ? example : example());
  }
}

/** Delivered, as the checker means it: answered with a 2xx status. */
export function isSuccess(delivery: DeliveryRecord): boolean {
  return delivery.outcome === 'answered' && delivery.status >= 200 && delivery.status < 300;
}
