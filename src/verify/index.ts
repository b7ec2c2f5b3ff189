// The checker's public surface: pure functions from in-memory ledgers to a verdict. It never
// talks to Kafka, Docker or the network.

export { verify, runCheck, combine, judgeable, CHECKS } from './verdict.js';
export { judgeRun, optionsFromFacts, type JudgeOverrides } from './judge-run.js';
export { EvidenceIndex, doubtFromTorn, isRewindEvent, TARGET_DOWN_FAULT, type Check, type Window } from './evidence-index.js';
export {
  commitsDuring,
  mergeWindows,
  checkCommitDuringOutage,
  commitDuringOutageCheck,
  type CommitsDuring,
} from './commit-during-outage.js';
export { checkLost, lostCheck } from './lost.js';
export { checkDuplicates, duplicatesCheck, type DuplicateCause } from './duplicates.js';
export { checkUnsafeCommit, unsafeCommitCheck } from './unsafe-commit.js';
export { checkCommitRegression, commitRegressionCheck } from './commit-regression.js';
export { checkOrder, orderCheck } from './order.js';
export { checkPhantomCorrupt, phantomCorruptCheck } from './phantom-corrupt.js';
export { checkBrokerSideLoss, brokerSideLossCheck } from './broker-side-loss.js';
export { checkIndeterminate, indeterminateCheck } from './indeterminate.js';
export { checkRecovery, recoveryCheck } from './recovery.js';
export type { Ledgers, CheckOptions, ResolvedOptions, CheckOutcome, CheckResult, Verdict, Validity, StepFinding } from './types.js';
export { MalformedEvidenceError, MAX_EXAMPLES, DEFAULT_SLOW_ANSWER_MS, isSuccess, resolveOptions } from './types.js';
export { CATEGORIES, type FailureCategory } from './check-category.js';
export { buildTimeline, type Timeline, type TimelineSecond } from './timeline.js';
