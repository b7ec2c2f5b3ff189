// The system under test's own processes: one instance killed (SIGKILL, no shutdown hook) and
// started again, restarted cleanly, or the fleet scaled out or in — each a forced rebalance of
// the group.

import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import type { ScenarioSession } from '../../src/scenario/scenario-session.js';
import { instances, requireInRange } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

export const crashSut = defineFault<{ instance: number }>({
  name: 'sut-crash',
  layer: 'sut',
  summary: 'one SUT instance killed with SIGKILL; healed by starting it',
  subject: ({ instance }) => ({ on: 'sut-instance', instance }),
  async inject(ctx, { instance: index }) {
    const instance = ctx.sut().instance(index);
    await instance.kill();
    return { details: { signal: 'SIGKILL' }, heal: () => instance.start() };
  },
  example: () => ({ instance: 1 }),
});

export const restartSut = defineFault<{ instance: number }>({
  name: 'sut-restart',
  layer: 'sut',
  summary: 'one SUT instance stopped cleanly; healed by starting it',
  subject: ({ instance }) => ({ on: 'sut-instance', instance }),
  async inject(ctx, { instance: index }) {
    const instance = ctx.sut().instance(index);
    await instance.stop();
    return { heal: () => instance.start() };
  },
  example: () => ({ instance: 1 }),
});

export const scaleSut = defineFault<{ to: number }>({
  name: 'sut-scale',
  layer: 'sut',
  summary: 'instances started or stopped until N run: over at once, a window of zero length',
  subject: () => ({ on: 'sut' }),
  async inject(ctx, { to }) {
    const fleet = ctx.sut();
    const from = fleet.instances.length;
    await fleet.scaleTo(to);
    return { details: { from } };
  },
  example: () => ({ to: 2 }),
});

/** Starts a crashed instance; a running (or exited) one is stopped and started. */
async function restartInstance(session: ScenarioSession, instance: number): Promise<void> {
  session.requireSut().fleet.instance(instance); // an unknown index fails before anything is healed
  const healed = await session.faults.healKinds([crashSut], (s) => s.on === 'sut-instance' && s.instance === instance);
  if (healed === 0) await (await injectFault(session, restartSut, { instance })).heal();
}

async function restartAll(session: ScenarioSession): Promise<void> {
  const { fleet } = session.requireSut();
  await session.faults.healKinds([crashSut]);
  for (const instance of fleet.instances) await restartInstance(session, instance.index);
}

defineStep(
  {
    id: 'sutCrashes',
    kind: 'fault',
    pattern: 'SUT instance {int} crashes',
    example: 'SUT instance 1 crashes',
    summary: 'kill -9 of that instance',
    validate: (i: number) => instances(i),
  },
  async function (instance: number) {
    await injectFault(this.session, crashSut, { instance });
  },
);
defineStep(
  {
    id: 'sutInstanceRestarted',
    kind: 'fault',
    pattern: 'SUT instance {int} is restarted',
    example: 'SUT instance 1 is restarted',
    summary: 'started again (stopped first if running)',
    validate: (i: number) => instances(i),
  },
  async function (instance: number) {
    await restartInstance(this.session, instance);
  },
);
defineStep(
  {
    id: 'sutRestarted',
    kind: 'fault',
    pattern: 'the system under test is restarted',
    example: 'the system under test is restarted',
    summary: 'every instance started again',
  },
  async function () {
    await restartAll(this.session);
  },
);
defineStep(
  {
    id: 'forwarderRestarted',
    kind: 'fault',
    pattern: 'the forwarder is restarted',
    example: 'the forwarder is restarted',
    summary: "the same, in the forwarder scenarios' words",
  },
  async function () {
    await restartAll(this.session);
  },
);
defineStep(
  {
    id: 'sutScales',
    kind: 'fault',
    pattern: 'the system under test scales to {int} instance(s)',
    example: 'the system under test scales to 3 instances',
    summary: 'starts or stops instances: a forced rebalance',
    validate: (n: number) => requireInRange(n, 'instances', 0, 20),
  },
  async function (to: number) {
    await injectFault(this.session, scaleSut, { to });
  },
);
