// What a check is, and how one is declared. A check is a pure function of the evidence with the
// ledgers it rests on; a declared one (defineCheck) also carries its failure category and its
// place in the verdict, so that one file in src/verify/checks/ is all a new check needs. The
// registry (check-registry.ts) collects exactly the values defineCheck produced.

import type { LedgerName } from '../evidence/ledger-records.js';
import type { FailureCategory } from './check-category.js';
import type { CheckName } from './check-name.js';
import type { EvidenceIndex } from './evidence-index.js';
import type { CheckOutcome, ResolvedOptions } from './types.js';

/** A check: a pure function of the evidence. It may throw; the verdict turns that into 'unknown'. */
export interface Check {
  name: string;
  /** The ledgers its validity rests on: one missing or corrupt makes it 'unknown' without running. */
  needs: readonly LedgerName[];
  run(index: EvidenceIndex): CheckOutcome;
  /**
   * For a violated outcome: why it might rest only on evidence lost with a torn last line whose id
   * could not be recovered (then the check says 'unknown'), or undefined when it cannot.
   */
  doubt?(outcome: CheckOutcome, index: EvidenceIndex): string | undefined;
  /** Whether it has what it is judged against (duplicates: a bound); absent: always. */
  judgeable?(options: ResolvedOptions): boolean;
  /**
   * A claim stricter than at-least-once needs (duplicates-explained): judged only when a step
   * asserts it (or --all), never by default in a run that recorded no assertions.
   */
  onlyWhenAsserted?: boolean;
}

/** A check of src/verify/checks/, as defineCheck made it. */
export interface DefinedCheck extends Check {
  readonly name: CheckName;
  /** The category its violation files under (the failure message's prefix). */
  readonly category: FailureCategory;
  /** One sentence: what holds when it holds (the checks table of docs/evidence-and-checks.md). */
  readonly summary: string;
  /** Its place in the verdict, ascending; Infinity (none given) sorts after every numbered one. */
  readonly order: number;
}

/** What a check file passes to defineCheck. */
export interface CheckDefinition<N extends CheckName> extends Omit<Check, 'name'> {
  /** Must be declared in CheckNames (the file's `declare module '../check-name.js'`). */
  name: N;
  category: FailureCategory;
  summary: string;
  /** Only the original ten checks number themselves (10, 20, …) to keep their order; leave it out. */
  order?: number;
}

// Identity, not shape: the registry must not mistake a look-alike export for a check.
const defined = new WeakSet<object>();

export function defineCheck<N extends CheckName>(definition: CheckDefinition<N>): DefinedCheck {
  const check: DefinedCheck = Object.freeze({ ...definition, order: definition.order ?? Infinity });
  defined.add(check);
  return check;
}

/** Whether `value` is a check defineCheck produced. */
export function isDefinedCheck(value: unknown): value is DefinedCheck {
  return typeof value === 'object' && value !== null && defined.has(value);
}

/** The registry's order: by `order`, then by name (so checks without one sort alphabetically, last). */
export function compareChecks(a: DefinedCheck, b: DefinedCheck): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
