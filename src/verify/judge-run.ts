// One verdict, the same everywhere: the scenario layer (from its in-memory ledgers), verdict.json,
// the report and `kafka-chaos verify` (from the run directory) all build it here, from the same
// ledgers and the same run.json facts — group, topics, drain end, the duplicates bound, the
// asserted checks and the steps' findings — so they cannot disagree. Pure: no I/O.

import type { AnyLedgers } from '../evidence/columns/column-ledgers.js';
import type { RunFacts } from '../evidence/run-json.js';
import { ConfigError } from '../util/errors.js';
import { CHECKS } from './check-registry.js';
import type { Check } from './define-check.js';
import { verify } from './verdict.js';
import type { CheckOptions, Verdict } from './types.js';

/** What a caller (the CLI's flags) may set over run.json's facts. */
export interface JudgeOverrides {
  group?: string;
  topics?: string[];
  maxDuplicates?: number;
  /** Judge every check, not only the asserted ones. */
  all?: boolean;
}

/** The checker's options from run.json's facts and the overrides. Throws when no group is known. */
export function optionsFromFacts(facts: RunFacts, overrides: JudgeOverrides = {}, file = 'run.json'): CheckOptions {
  const group = overrides.group ?? facts.group;
  if (!group) throw new ConfigError(`${file} names no consumer group`, { fix: "pass --group <the SUT's group id>" });
  return {
    group,
    topics: overrides.topics ?? facts.topics ?? [],
    maxDuplicates: overrides.maxDuplicates ?? facts.maxDuplicates,
    drainEndedAt: facts.drainEndedAt ?? null,
    assertedChecks: facts.assertedChecks,
    judgeAll: overrides.all,
    findings: facts.stepFindings,
  };
}

/** The verdict over a run's ledgers (with what reading them warned about first). */
export function judgeRun(
  ledgers: AnyLedgers & { warnings?: readonly string[] },
  facts: RunFacts,
  overrides: JudgeOverrides = {},
  checks: readonly Check[] = CHECKS,
): Verdict {
  const verdict = verify(ledgers, optionsFromFacts(facts, overrides), checks);
  verdict.warnings.unshift(...(ledgers.warnings ?? []));
  return verdict;
}
