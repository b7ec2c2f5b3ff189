// Wait steps: time passing, the final drain, the commit drain, and the pipeline stopping.

import { awaitStopped, drain, drainLag, pass } from '../src/scenario/scenario-waits.js';
import { defineStep } from './support/define-step.js';

/** How long "the system under test has stopped" (without "within") waits at most. */
const DEFAULT_STOP_MS = 30_000;

defineStep('pass', async function (ms: number) {
  await pass(this.session, ms);
});
defineStep('deliveredWithin', async function (ms: number) {
  await drain(this.session, ms);
});
defineStep('lagZeroWithin', async function (ms: number) {
  await drainLag(this.session, ms);
});
defineStep('stoppedWithin', async function (ms: number) {
  await awaitStopped(this.session, ms);
});
defineStep('forwarderStoppedWithin', async function (ms: number) {
  await awaitStopped(this.session, ms);
});
defineStep('sutStopped', async function () {
  await awaitStopped(this.session, DEFAULT_STOP_MS);
});
defineStep('forwarderStopped', async function () {
  await awaitStopped(this.session, DEFAULT_STOP_MS);
});
