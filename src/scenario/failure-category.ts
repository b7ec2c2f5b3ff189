// How a failed scenario reads: every failure message starts with its category, which the
// report's categories.json matches on. A Then step fails only through the checker's verdict
// (a ReliabilityAssertionError, named so Allure counts it "failed" — a product defect); anything
// else that goes wrong is the harness's or the machine's, and reads "Environment failure:"
// (an EnvironmentFailure, which Allure counts "broken") — never as a verdict on the SUT.

import { describeError } from '../util/errors.js';
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
 * A Then step's claim about the SUT did not hold (or could not be decided). `fromVerdict`: the
 * claim is the named checks' own verdict, which `kafka-chaos verify` re-judges from the ledgers;
 * any other claim (the pipeline stopped, N messages wait) is recorded in run.json as a step
 * finding, so that verify reaches the same outcome on the same folder.
 */
export class ReliabilityAssertionError extends Error {
  constructor(
    readonly category: FailureCategory,
    detail: string,
    readonly checks: readonly CheckName[] = [],
    readonly fromVerdict = false,
  ) {
    super(`${category}: ${detail}`);
    this.name = 'ReliabilityAssertionError';
    // A verdict on the SUT, not a harness bug: where in the harness it was raised tells a reader
    // nothing, and the report shows the stack as part of the failure message.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The scenario could not run as written: the cluster, the machine, the config, the harness. */
export class EnvironmentFailure extends Error {
  constructor(detail: string, options: { cause?: unknown } = {}) {
    super(detail.startsWith(`${CATEGORIES.environment}:`) ? detail : `${CATEGORIES.environment}: ${detail}`, options);
    this.name = 'EnvironmentFailure';
  }
}

/** What a step's error means for the scenario: a reliability verdict stays one, all else is the environment's. */
export function classifyStepError(error: unknown): Error {
  if (error instanceof ReliabilityAssertionError || error instanceof EnvironmentFailure) return error;
  return new EnvironmentFailure(describeError(error), { cause: error });
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
