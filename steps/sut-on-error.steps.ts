// "The system under test … and stops on the first error / retries on errors": the default SUT
// (the one `--sut` names, the forwarder when none) started with the knobs every reference
// consumer shares — FORWARDER_ON_ERROR and its retry backoff (docs/sut-contract.md). A scenario
// written with these runs unchanged against each client in `kafka-chaos matrix`; "the forwarder
// consumes …" (environment.steps.ts) always means the TypeScript reference forwarder.

import { FORWARDER_RETRYING, FORWARDER_STOPPING } from '../src/scenario/default-sut.js';
import { instances } from './support/argument-ranges.js';
import { defineStep } from './support/define-step.js';

defineStep(
  {
    id: 'sutStops',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string} and stops on the first error',
    example: 'the system under test consumes "orders" as group "billing" and stops on the first error',
    summary: 'the default SUT with FORWARDER_ON_ERROR=stop (seed 000): any reference consumer, or yours if it takes it',
    sut: 'default',
  },
  async function (topic: string, group: string) {
    await this.session.startSut({ topic, group, instances: 1, env: FORWARDER_STOPPING });
  },
);

defineStep(
  {
    id: 'sutRetries',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string} and retries on errors',
    example: 'the system under test consumes "orders" as group "billing" and retries on errors',
    summary: 'the default SUT with FORWARDER_ON_ERROR=retry (backoff 100 ms doubling to 1 s)',
    sut: 'default',
  },
  async function (topic: string, group: string) {
    await this.session.startSut({ topic, group, instances: 1, env: FORWARDER_RETRYING });
  },
);

defineStep(
  {
    id: 'sutRetriesInstances',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string} with {int} instance(s) and retries on errors',
    example: 'the system under test consumes "orders" as group "billing" with 2 instances and retries on errors',
    summary: 'the same, K instances',
    sut: 'default',
    validate: (_t: string, _g: string, n: number) => instances(n),
  },
  async function (topic: string, group: string, count: number) {
    await this.session.startSut({ topic, group, instances: count, env: FORWARDER_RETRYING });
  },
);
