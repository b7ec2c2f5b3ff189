// Assertion steps: every one decided by the checker's verdict over the scenario's evidence.

import * as assertions from '../src/scenario/scenario-assertions.js';
import { defineStep } from './support/define-step.js';

defineStep('noLoss', async function () {
  await assertions.assertChecks(this.session, ['lost', 'broker-side-loss']);
});
defineStep('duplicatesAtMost', async function (bound: number) {
  await assertions.assertDuplicatesAtMost(this.session, bound);
});
defineStep('duplicatesShare', async function (fraction: number) {
  await assertions.assertDuplicateShare(this.session, fraction);
});
defineStep('noDuplicates', async function () {
  await assertions.assertDuplicatesAtMost(this.session, 0);
});
defineStep('noUnsafeCommit', async function () {
  await assertions.assertChecks(this.session, ['unsafe-commit']);
});
defineStep('noCommitDuringOutage', async function () {
  await assertions.assertNoCommitDuringOutage(this.session);
});
defineStep('inOrder', async function () {
  await assertions.assertChecks(this.session, ['order']);
});
defineStep('noRegression', async function () {
  await assertions.assertChecks(this.session, ['commit-regression']);
});
defineStep('intact', async function () {
  await assertions.assertChecks(this.session, ['phantom-corrupt']);
});
defineStep('committedToEnd', async function () {
  await assertions.assertChecks(this.session, ['recovery']);
});
defineStep('waiting', async function (count: number, topic: string) {
  await assertions.assertWaiting(this.session, count, topic);
});
defineStep('allHold', async function () {
  await assertions.assertAllHold(this.session);
});
