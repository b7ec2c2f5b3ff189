// The verdict: every check run over one shared index of the evidence. A check that throws says
// 'unknown' (with the error), never a pass; the verdict is false if any check is false, else
// unknown if any is unknown, else true — Jepsen's three-valued outcome.

import { describeError } from '../util/errors.js';
import { brokerSideLossCheck } from './broker-side-loss.js';
import { commitDuringOutageCheck } from './commit-during-outage.js';
import { commitRegressionCheck } from './commit-regression.js';
import { duplicatesCheck } from './duplicates.js';
import { EvidenceIndex, type Check } from './evidence-index.js';
import { indeterminateCheck } from './indeterminate.js';
import { lostCheck } from './lost.js';
import { orderCheck } from './order.js';
import { phantomCorruptCheck } from './phantom-corrupt.js';
import { recoveryCheck } from './recovery.js';
import { unsafeCommitCheck } from './unsafe-commit.js';
import { resolveOptions, type CheckOptions, type CheckResult, type Ledgers, type Validity, type Verdict } from './types.js';

export const CHECKS: readonly Check[] = [
  lostCheck,
  duplicatesCheck,
  unsafeCommitCheck,
  commitDuringOutageCheck,
  commitRegressionCheck,
  orderCheck,
  phantomCorruptCheck,
  brokerSideLossCheck,
  indeterminateCheck,
  recoveryCheck,
];

/** Runs one check, turning a throw into 'unknown'. */
export function runCheck(check: Check, index: EvidenceIndex): CheckResult {
  try {
    return { ...check.run(index), name: check.name };
  } catch (error) {
    return { name: check.name, valid: 'unknown', figures: {}, examples: [], explanation: `The check could not decide: ${describeError(error)}` };
  }
}

export function combine(validities: readonly Validity[]): Validity {
  if (validities.includes(false)) return false;
  if (validities.includes('unknown')) return 'unknown';
  return true;
}

export function verify(ledgers: Ledgers, options: CheckOptions, checks: readonly Check[] = CHECKS): Verdict {
  const index = new EvidenceIndex(ledgers, resolveOptions(options));
  const results = checks.map((check) => runCheck(check, index));
  return { valid: combine(results.map((r) => r.valid)), checks: results, warnings: index.warnings() };
}
