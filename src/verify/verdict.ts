// The verdict: every check run over one shared index of the evidence, each marked judged or not.
// A check whose ledger is missing or corrupt says 'unknown' without running; one that throws says
// 'unknown' (with the error); one violated only by what a torn last line may have carried says
// 'unknown' too. Judged are the asserted checks (all of them when nothing says which), never a
// check without what it is judged against (duplicates without a bound). The verdict is false if
// a judged check is false or a step found a failure, else unknown if a judged check is, else
// true — Jepsen's three-valued outcome over exactly what the scenario claimed.

import { isViolation } from '../evidence/run-json.js';
import { unusableLedger } from '../evidence/ledger-status.js';
import { describeError } from '../util/errors.js';
import { CHECKS } from './check-registry.js';
import type { Check } from './define-check.js';
import { EvidenceIndex } from './evidence-index.js';
import type { AnyLedgers } from '../evidence/columns/column-ledgers.js';
import {
  resolveOptions,
  type CheckOptions,
  type CheckOutcome,
  type CheckResult,
  type ResolvedOptions,
  type Validity,
  type Verdict,
} from './types.js';

// The checks come from the registry, which discovers src/verify/checks/.
export { CHECKS };

/** Whether a check has what it is judged against (duplicates: a bound); each check says for itself. */
export function judgeable(check: Check, options: ResolvedOptions): boolean {
  return check.judgeable?.(options) ?? true;
}

const unknown = (name: string, explanation: string, figures: Record<string, number> = {}): CheckOutcome => ({
  name,
  valid: 'unknown',
  figures,
  examples: [],
  explanation,
});

/** Runs one check: 'unknown' when its evidence is unusable, when it throws, or when a torn line may explain its violation. */
export function runCheck(check: Check, index: EvidenceIndex): CheckOutcome {
  const unusable = unusableLedger(index.ledgers.evidence, check.needs);
  if (unusable)
    return unknown(
      check.name,
      `Not decided: it needs ${unusable.file}, and ${unusable.problem ?? `${unusable.file} is ${unusable.state}`}.`,
    );
  let outcome: CheckOutcome;
  try {
    outcome = { ...check.run(index), name: check.name };
  } catch (error) {
    return unknown(check.name, `The check could not decide: ${describeError(error)}`);
  }
  if (outcome.valid !== false || !check.doubt) return outcome;
  const doubt = check.doubt(outcome, index);
  return doubt === undefined ? outcome : { ...outcome, valid: 'unknown', explanation: `Not decided: ${doubt}` };
}

export function combine(validities: readonly Validity[]): Validity {
  if (validities.includes(false)) return false;
  if (validities.includes('unknown')) return 'unknown';
  return true;
}

/** The names `options` asks to judge: asserted ones, else every check but the opt-in ones (--all: every check). */
function chosenNames(checks: readonly Check[], options: CheckOptions): Set<string> {
  if (options.judgeAll) return new Set(checks.map((c) => c.name));
  if (options.assertedChecks === undefined) return new Set(checks.filter((c) => !c.onlyWhenAsserted).map((c) => c.name));
  return new Set(options.assertedChecks);
}

export function verify(ledgers: AnyLedgers, options: CheckOptions, checks: readonly Check[] = CHECKS): Verdict {
  const resolved = resolveOptions(options);
  const index = new EvidenceIndex(ledgers, resolved);
  const chosen = chosenNames(checks, options);
  const results: CheckResult[] = checks.map((check) => ({
    ...runCheck(check, index),
    judged: chosen.has(check.name) && judgeable(check, resolved),
  }));
  for (const name of chosen) {
    if (!checks.some((c) => c.name === name))
      results.push({ ...unknown(name, `A step asserted ${name}, but the checker has no check of that name.`), judged: true });
  }
  const judged = results.filter((r) => r.judged);
  const findings = [...(options.findings ?? [])];
  const warnings = index.warnings();
  if (judged.length === 0 && findings.length === 0)
    warnings.push('no check was asserted: nothing was judged, so the verdict claims nothing');
  return {
    // A finding that could not be decided adds doubt, not a violation.
    valid: findings.some(isViolation)
      ? false
      : combine([...judged.map((r) => r.valid), ...(findings.length > 0 ? (['unknown'] as const) : [])]),
    judged: judged.map((r) => r.name),
    checks: results,
    findings,
    warnings,
  };
}
