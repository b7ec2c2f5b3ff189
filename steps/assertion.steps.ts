// Assertion steps: every one decided by the checker's verdict over the scenario's evidence.

import * as assertions from '../src/scenario/scenario-assertions.js';
import { requireInRange } from './support/argument-ranges.js';
import { defineStep } from './support/define-step.js';

defineStep(
  {
    id: 'noLoss',
    kind: 'assertion',
    pattern: 'no message is lost',
    example: 'no message is lost',
    summary: 'checks lost and broker-side-loss',
  },
  async function () {
    await assertions.assertChecks(this.session, ['lost', 'broker-side-loss']);
  },
);
defineStep(
  {
    id: 'duplicatesAtMost',
    kind: 'assertion',
    pattern: 'at most {int} message(s) is/are delivered more than once',
    example: 'at most 5 messages are delivered more than once',
    summary: 'check duplicates, bound N extra deliveries',
    validate: (n: number) => requireInRange(n, 'duplicates', 0, 1_000_000),
  },
  async function (bound: number) {
    await assertions.assertDuplicatesAtMost(this.session, bound);
  },
);
defineStep(
  {
    id: 'duplicatesUnexplainedAtMost',
    kind: 'assertion',
    pattern: 'at most {int} duplicate(s) is/are unexplained',
    example: 'at most 2 duplicates are unexplained',
    summary: "duplicates-explained's figure: at most N extra 2xx deliveries without a rewind, a retry or a coordinator fault",
    validate: (n: number) => requireInRange(n, 'unexplained duplicates', 0, 1_000_000),
  },
  async function (bound: number) {
    await assertions.assertUnexplainedAtMost(this.session, bound);
  },
);

defineStep(
  {
    id: 'duplicatesExplained',
    kind: 'assertion',
    pattern: 'every duplicate is explained by a rewind or a retry',
    example: 'every duplicate is explained by a rewind or a retry',
    summary:
      "checks duplicates-explained: each extra 2xx follows a rewind in the broker's group history, a failed/slow attempt, or a fault on the group coordinator",
  },
  async function () {
    await assertions.assertChecks(this.session, ['duplicates-explained']);
  },
);
defineStep(
  {
    id: 'duplicatesShare',
    kind: 'assertion',
    pattern: 'at most {percentage} of messages are delivered more than once',
    example: 'at most 2% of messages are delivered more than once',
    summary: 'check duplicates, bound a share of the logged messages',
  },
  async function (fraction: number) {
    await assertions.assertDuplicateShare(this.session, fraction);
  },
);
defineStep(
  {
    id: 'noDuplicates',
    kind: 'assertion',
    pattern: 'no message is delivered more than once',
    example: 'no message is delivered more than once',
    summary: 'check duplicates, bound 0',
  },
  async function () {
    await assertions.assertDuplicatesAtMost(this.session, 0);
  },
);
defineStep(
  {
    id: 'noUnsafeCommit',
    kind: 'assertion',
    pattern: 'no offset is committed before its message is delivered',
    example: 'no offset is committed before its message is delivered',
    summary: 'check unsafe-commit',
  },
  async function () {
    await assertions.assertChecks(this.session, ['unsafe-commit']);
  },
);
defineStep(
  {
    id: 'noCommitDuringOutage',
    kind: 'assertion',
    pattern: 'no offset is committed while the HTTP target is down',
    example: 'no offset is committed while the HTTP target is down',
    summary: 'check commit-during-outage (needs a target outage in the scenario)',
  },
  async function () {
    await assertions.assertNoCommitDuringOutage(this.session);
  },
);
defineStep(
  {
    id: 'inOrder',
    kind: 'assertion',
    pattern: 'messages of each partition are delivered in order',
    example: 'messages of each partition are delivered in order',
    summary: 'check order',
  },
  async function () {
    await assertions.assertChecks(this.session, ['order']);
  },
);
defineStep(
  {
    id: 'noRegression',
    kind: 'assertion',
    pattern: 'committed offsets never go backwards',
    example: 'committed offsets never go backwards',
    summary: 'check commit-regression',
  },
  async function () {
    await assertions.assertChecks(this.session, ['commit-regression']);
  },
);
defineStep(
  {
    id: 'intact',
    kind: 'assertion',
    pattern: 'every delivery carries a produced message unchanged',
    example: 'every delivery carries a produced message unchanged',
    summary: 'check phantom-corrupt',
  },
  async function () {
    await assertions.assertChecks(this.session, ['phantom-corrupt']);
  },
);
defineStep(
  {
    id: 'committedToEnd',
    kind: 'assertion',
    pattern: 'the group has committed up to the log end of every partition',
    example: 'the group has committed up to the log end of every partition',
    summary: 'check recovery: final committed offsets equal the log end',
  },
  async function () {
    await assertions.assertChecks(this.session, ['recovery']);
  },
);
defineStep(
  {
    id: 'waiting',
    kind: 'assertion',
    pattern: '{count} message(s) is/are waiting in {string} to be consumed',
    example: '1 message is waiting in "sdc-test-1" to be consumed',
    summary: 'in the log, undelivered, and not committed past (the lag the recovery check measures)',
  },
  async function (count: number, topic: string) {
    await assertions.assertWaiting(this.session, count, topic);
  },
);
defineStep(
  {
    id: 'allHold',
    kind: 'assertion',
    pattern: 'every reliability check holds',
    example: 'every reliability check holds',
    summary: 'the whole verdict',
  },
  async function () {
    await assertions.assertAllHold(this.session);
  },
);
