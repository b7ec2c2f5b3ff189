// The checker's public surface: pure functions from in-memory ledgers to a verdict. It never
// talks to Kafka, Docker or the network.

export { verify, runCheck, combine, judgeable, CHECKS } from './verdict.js';
export { judgeRun, optionsFromFacts, type JudgeOverrides } from './judge-run.js';
export { EvidenceIndex, doubtFromTorn, isRewindEvent, TARGET_DOWN_FAULT, type Window } from './evidence-index.js';
export { defineCheck, isDefinedCheck, type Check, type CheckDefinition, type DefinedCheck } from './define-check.js';
export { CHECK_FILES, checkNamed, isCheckName } from './check-registry.js';
export { checkRows, checksMarkdown, CHECK_TABLE_HEADER } from './check-catalogue.js';
export type { CheckName } from './check-name.js';
export { commitsDuring, mergeWindows, type CommitsDuring } from './checks/commit-during-outage.js';
export type { DuplicateCause } from './checks/duplicates.js';
export type {
  Ledgers,
  AnyLedgers,
  ColumnLedgers,
  CheckOptions,
  ResolvedOptions,
  CheckOutcome,
  CheckResult,
  Verdict,
  Validity,
  StepFinding,
} from './types.js';
export { MalformedEvidenceError, MAX_EXAMPLES, DEFAULT_SLOW_ANSWER_MS, isSuccess, resolveOptions } from './types.js';
export { CATEGORIES, type FailureCategory } from './check-category.js';
export { buildTimeline, type Timeline, type TimelineSecond } from './timeline.js';
export { rebalancesSince } from './group-history.js';
export { groupStatus, LagEvaluator, partitionStatus, BURROW_WINDOW, type GroupLagStatus, type PartitionLagStatus } from './lag-status.js';
