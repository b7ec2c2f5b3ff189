// Wait steps: time passing, the final drain, the commit drain, and the pipeline stopping.

import { awaitStopped, drain, drainLag, pass } from '../src/scenario/scenario-waits.js';
import { defineStep } from './support/define-step.js';

/** How long "the system under test has stopped" (without "within") waits at most. */
const DEFAULT_STOP_MS = 30_000;

defineStep(
  {
    id: 'pass',
    kind: 'wait',
    pattern: '{duration} pass(es)',
    example: '10 seconds pass',
    summary: 'waits (showing progress)',
  },
  async function (ms: number) {
    await pass(this.session, ms);
  },
);
defineStep(
  {
    id: 'deliveredWithin',
    kind: 'wait',
    pattern: 'within {duration} every produced message is delivered',
    example: 'within 60 seconds every produced message is delivered',
    summary:
      'the final drain: stops production, waits for a 2xx for every acked message (else: Message loss); ends early once the group committed past the missing ones and none came for 10 s',
  },
  async function (ms: number) {
    await drain(this.session, ms);
  },
);
defineStep(
  {
    id: 'lagZeroWithin',
    kind: 'wait',
    pattern: "the group's lag drops to 0 within {duration}",
    example: "the group's lag drops to 0 within 30 seconds",
    summary: 'committed offsets reach the log end (a drain of the commits)',
  },
  async function (ms: number) {
    await drainLag(this.session, ms);
  },
);
defineStep(
  {
    id: 'stoppedWithin',
    kind: 'wait',
    pattern: 'within {duration} the system under test has stopped',
    example: 'within 30 seconds the system under test has stopped',
    summary: 'every instance exited, or none makes progress while messages wait',
  },
  async function (ms: number) {
    await awaitStopped(this.session, ms);
  },
);
defineStep(
  {
    id: 'forwarderStoppedWithin',
    kind: 'wait',
    pattern: 'within {duration} the forwarder has stopped',
    example: 'within 30 seconds the forwarder has stopped',
    summary: "the same, in the forwarder scenarios' words",
  },
  async function (ms: number) {
    await awaitStopped(this.session, ms);
  },
);
defineStep(
  {
    id: 'sutStopped',
    kind: 'wait',
    pattern: 'the system under test has stopped',
    example: 'the system under test has stopped',
    summary: 'the same, within 30 seconds',
  },
  async function () {
    await awaitStopped(this.session, DEFAULT_STOP_MS);
  },
);
defineStep(
  {
    id: 'forwarderStopped',
    kind: 'wait',
    pattern: 'the forwarder has stopped',
    example: 'the forwarder has stopped',
    summary: 'the same, within 30 seconds',
  },
  async function () {
    await awaitStopped(this.session, DEFAULT_STOP_MS);
  },
);
