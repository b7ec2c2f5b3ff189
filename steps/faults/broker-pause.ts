// A broker's process paused (SIGSTOP): its connections stay open and nothing answers — the
// slow, silent failure a GC pause or a frozen VM causes — then resumed (SIGCONT).

import { BROKER_WAIT_MS, requireBroker } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import { ConfigError } from '../../src/util/errors.js';
import { defineStep } from '../support/define-step.js';

export const pauseBroker = defineFault<{ broker: number }>({
  name: 'pause-broker',
  layer: 'broker',
  summary: 'a broker process paused with SIGSTOP; healed by SIGCONT',
  subject: ({ broker }) => ({ on: 'broker', broker }),
  async inject({ env }, { broker: id }) {
    const broker = env.cluster.broker(requireBroker(env, id));
    await broker.pause();
    return {
      details: { signal: 'SIGSTOP' },
      heal: async () => {
        await broker.resume();
        await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
      },
    };
  },
  example: () => ({ broker: 2 }),
});

defineStep(
  {
    id: 'brokerPaused',
    kind: 'fault',
    pattern: '{broker} is paused',
    example: 'broker 2 is paused',
    summary: 'SIGSTOP: connections held, nothing answered',
  },
  async function (broker: number) {
    await injectFault(this.session, pauseBroker, { broker });
  },
);
defineStep(
  {
    id: 'brokerPausedFor',
    kind: 'fault',
    pattern: '{broker} is paused for {duration}',
    example: 'broker 2 is paused for 10 seconds',
    summary: 'paused for D, then resumed',
  },
  async function (broker: number, ms: number) {
    await injectFault(this.session, pauseBroker, { broker }, ms);
  },
);
defineStep(
  { id: 'brokerResumed', kind: 'fault', pattern: '{broker} is resumed', example: 'broker 2 is resumed', summary: 'SIGCONT' },
  async function (broker: number) {
    await this.session.environment();
    const healed = await this.session.faults.healKinds([pauseBroker], (s) => s.on === 'broker' && s.broker === broker);
    if (healed === 0)
      throw new ConfigError(`broker ${broker} is not paused in this scenario`, { fix: `pause it first ("broker ${broker} is paused")` });
  },
);
