// A rolling restart of the system under test, as a deployment rolls out a new version: one
// instance at a time is stopped cleanly (SIGTERM: it may commit what it delivered and leave the
// group), started again, and waited for until the group holds every partition once more — only
// then the next. Each step is two rebalances; a correct consumer loses nothing through any of
// them and redelivers only what it had not committed when its partitions moved.

import { defineFault } from '../../src/faults/fault-registry.js';
import { awaitSutReady } from '../../src/scenario/group-readiness.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import { defineStep } from '../support/define-step.js';

export const rollingRestartSut = defineFault<Record<string, never>>({
  name: 'sut-rolling-restart',
  layer: 'sut',
  summary: 'each SUT instance in turn stopped cleanly and started, its group holding every partition again before the next',
  subject: () => ({ on: 'sut' }),
  async inject(ctx) {
    const fleet = ctx.sut();
    const restarts: Array<{ instance: number; stoppedAt: number; readyAt: number }> = [];
    for (const instance of fleet.instances) {
      const stoppedAt = Date.now();
      await instance.restart();
      await awaitSutReady(ctx, fleet);
      restarts.push({ instance: instance.index, stoppedAt, readyAt: Date.now() });
    }
    // Over when it returns: no heal owed. Its window in faults.jsonl spans the whole roll.
    return { details: { restarts } };
  },
  example: () => ({}),
});

defineStep(
  {
    id: 'sutRollingRestart',
    kind: 'fault',
    pattern: 'the system under test is restarted one instance at a time',
    example: 'the system under test is restarted one instance at a time',
    summary: 'a rolling deployment: each instance stopped, started, and the group whole again before the next',
  },
  async function () {
    await injectFault(this.session, rollingRestartSut, {});
  },
);
