// One SUT instance frozen (SIGSTOP) and thawed (SIGCONT): the zombie consumer. Paused longer than
// its session timeout, it is evicted from the group while holding fetched records and an HTTP
// request in flight; its partitions move to the others. Resumed, it wakes up believing it still
// owns them — what it delivers and commits then is what the checker judges (librdkafka#5604,
// spring-kafka#2543: an evicted consumer that keeps processing and committing).

import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import { ConfigError } from '../../src/util/errors.js';
import { instances } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

export const pauseSut = defineFault<{ instance: number }>({
  name: 'sut-pause',
  layer: 'sut',
  summary: 'one SUT instance paused with SIGSTOP (connections held, nothing answered); healed by SIGCONT',
  subject: ({ instance }) => ({ on: 'sut-instance', instance }),
  async inject(ctx, { instance: index }) {
    const instance = ctx.sut().instance(index);
    await instance.pause();
    return { details: { signal: 'SIGSTOP' }, heal: () => instance.resume() };
  },
  example: () => ({ instance: 1 }),
});

defineStep(
  {
    id: 'sutPausedFor',
    kind: 'fault',
    pattern: 'SUT instance {int} is paused for {duration}',
    example: 'SUT instance 1 is paused for 15 seconds',
    summary: 'SIGSTOP for D, then SIGCONT: beyond the session timeout, a zombie',
    validate: (i: number) => instances(i),
  },
  async function (instance: number, ms: number) {
    await injectFault(this.session, pauseSut, { instance }, ms);
  },
);
defineStep(
  {
    id: 'sutPaused',
    kind: 'fault',
    pattern: 'SUT instance {int} is paused',
    example: 'SUT instance 1 is paused',
    summary: 'SIGSTOP until resumed (or the scenario ends)',
    validate: (i: number) => instances(i),
  },
  async function (instance: number) {
    await injectFault(this.session, pauseSut, { instance });
  },
);
defineStep(
  {
    id: 'sutResumed',
    kind: 'fault',
    pattern: 'SUT instance {int} is resumed',
    example: 'SUT instance 1 is resumed',
    summary: 'SIGCONT',
    validate: (i: number) => instances(i),
  },
  async function (instance: number) {
    const healed = await this.session.faults.healKinds([pauseSut], (s) => s.on === 'sut-instance' && s.instance === instance);
    if (healed === 0)
      throw new ConfigError(`SUT instance ${instance} is not paused in this scenario`, {
        fix: `pause it first ("SUT instance ${instance} is paused")`,
      });
  },
);
