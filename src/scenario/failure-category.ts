// How a failed scenario reads: every failure message starts with its category, which the
// report's categories.json matches on. A Then step fails only through the checker's verdict
// (a ReliabilityAssertionError, named so Allure counts it "failed" — a product defect); anything
// else that goes wrong is the harness's or the machine's: classifyStepError makes it an
// EnvironmentError reading "Environment failure:" (which Allure counts "broken") — never a
// verdict on the SUT.

import { EnvironmentError, ReliabilityError, describeError, type ErrorKind } from '../util/errors.js';
import {
  CATEGORIES,
  checkNamed,
  isCheckName,
  type CheckName,
  type CheckResult,
  type FailureCategory,
  type Verdict,
} from '../verify/index.js';

// The categories are the checker's (each check declares its own); re-exported for the steps.
export { CATEGORIES, type FailureCategory };

/** The category a violated check files under: the one its file declares (unknown name: other). */
export function categoryOfCheck(name: string): FailureCategory {
  return checkNamed(name)?.category ?? CATEGORIES.other;
}

/**
 * Whose failure a scenario that failed under `category` is, which its exit code follows: the
 * environment's for "Environment failure", and also for "Checker could not decide" — missing
 * evidence says nothing about the SUT — else the SUT's. Unset (no category): the environment's.
 */
export function kindOfCategory(category: string | undefined): ErrorKind {
  return category === undefined || category === CATEGORIES.environment || category === CATEGORIES.undecided ? 'environment' : 'reliability';
}

/**
 * A Then step's claim about the SUT did not hold (or could not be decided). `fromVerdict`: the
 * claim is the named checks' own verdict, which `kafka-chaos verify` re-judges from the ledgers;
 * any other claim (the pipeline stopped, N messages wait) is recorded in run.json as a step
 * finding, so that verify reaches the same outcome on the same folder.
 */
export class ReliabilityAssertionError extends ReliabilityError {
  /** 'reliability', except for an undecided claim (kindOfCategory): it exits 2, not 1. */
  override readonly kind: ErrorKind;

  constructor(
    readonly category: FailureCategory,
    detail: string,
    readonly checks: readonly CheckName[] = [],
    readonly fromVerdict = false,
  ) {
    super(`${category}: ${detail}`);
    this.kind = kindOfCategory(category);
    // Allure counts an error "failed" (a product defect), not "broken", by an "assert" in its name.
    this.name = 'ReliabilityAssertionError';
    // A verdict on the SUT, not a harness bug: where in the harness it was raised tells a reader
    // nothing, and the report shows the stack as part of the failure message.
    this.stack = `${this.name}: ${this.message}`;
  }
}

const ENVIRONMENT_PREFIX = `${CATEGORIES.environment}:`;

/**
 * What a step's (or a hook's) error means for the scenario: a reliability verdict stays one; all
 * else — the cluster, the machine, the config, the harness — is the environment's, an
 * EnvironmentError whose message leads with "Environment failure:" (and `context`, what was being
 * done, when given) for the report's categories.json. Classifying twice changes nothing.
 */
export function classifyStepError(error: unknown, context?: string): ReliabilityAssertionError | EnvironmentError {
  if (error instanceof ReliabilityAssertionError) return error;
  if (error instanceof EnvironmentError && error.message.startsWith(ENVIRONMENT_PREFIX)) return error;
  const detail = context === undefined ? describeError(error) : `${context}: ${describeError(error)}`;
  return new EnvironmentError(detail.startsWith(ENVIRONMENT_PREFIX) ? detail : `${ENVIRONMENT_PREFIX} ${detail}`, { cause: error });
}

/** One line for a check: its explanation, its figures and a few examples. */
export function describeCheck(check: CheckResult): string {
  const figures = Object.entries(check.figures)
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(1)}`)
    .join(' ');
  const examples = check.examples.length > 0 ? `; e.g. ${check.examples.slice(0, 3).join(', ')}` : '';
  return `${check.explanation} [${check.name}: ${figures}${examples}]`;
}

/**
 * The failure for the checks a step asserts, or undefined when they all hold. A violated check
 * decides the category (the first one asserted); only when none is violated does an undecided
 * one make it "Checker could not decide".
 */
export function failureFor(verdict: Verdict, checkNames: readonly CheckName[]): ReliabilityAssertionError | undefined {
  // Each result keeps the asserted (typed) name: the verdict's own names are plain strings.
  const asserted = checkNames.map((name): CheckResult & { name: CheckName } => {
    const found = verdict.checks.find((c) => c.name === name);
    if (found) return { ...found, name };
    return { name, valid: 'unknown', figures: {}, examples: [], explanation: `The verdict has no check named ${name}.`, judged: true };
  });
  const violated = asserted.filter((c) => c.valid === false);
  if (violated.length > 0) {
    const detail = violated.map(describeCheck).join('; also ');
    return new ReliabilityAssertionError(
      categoryOfCheck(violated[0]!.name),
      detail,
      violated.map((c) => c.name),
      true,
    );
  }
  const undecided = asserted.filter((c) => c.valid === 'unknown');
  if (undecided.length > 0) {
    return new ReliabilityAssertionError(
      CATEGORIES.undecided,
      undecided.map(describeCheck).join('; also '),
      undecided.map((c) => c.name),
      true,
    );
  }
  return undefined;
}

/**
 * Why a bounded wait that the pipeline did not meet failed, in the verdict's words: the claim's
 * own checks if one is violated, else any violated check, else "Checker could not decide" — never
 * a category picked by default, since slowness alone proves nothing.
 */
export function failureOfTimeout(verdict: Verdict, claimed: readonly CheckName[], what: string): ReliabilityAssertionError {
  const own = failureFor(verdict, claimed);
  if (own && own.category !== CATEGORIES.undecided) return own;
  // A verdict's names are data: only registered checks can be claimed.
  const violated = verdict.checks
    .filter((c) => c.valid === false)
    .map((c) => c.name)
    .filter(isCheckName);
  const other = violated.length > 0 ? failureFor(verdict, violated) : undefined;
  if (other) return other;
  const why = own ? own.message.slice(own.category.length + 2) : `no check of the verdict is violated (${claimed.join(', ')} hold)`;
  return new ReliabilityAssertionError(CATEGORIES.undecided, `${what}, yet ${why}`, claimed);
}
