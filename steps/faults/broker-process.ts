// A broker's process killed (SIGKILL: no controlled shutdown, as a crashed machine) and started
// again, or restarted cleanly (stopped with a controlled shutdown, then started). Each heal waits
// until the broker is registered again.

import { BROKER_WAIT_MS, requireBroker, touchesBroker } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import {
  coordinatorOf,
  injectFault,
  ON_GROUP_COORDINATOR,
  leaderOf,
  leaderOtherThanCoordinator,
} from '../../src/scenario/scenario-faults.js';
import type { ScenarioSession } from '../../src/scenario/scenario-session.js';
import { partitionNumber } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

export const killBroker = defineFault<{ broker: number }>({
  name: 'kill-broker',
  layer: 'broker',
  summary: 'a broker process killed with SIGKILL; healed by starting it',
  subject: ({ broker }) => ({ on: 'broker', broker }),
  async inject({ env }, { broker: id }) {
    const broker = env.cluster.broker(requireBroker(env, id));
    await broker.kill();
    return {
      details: { signal: 'SIGKILL' },
      heal: async () => {
        await broker.start();
        await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
      },
    };
  },
  example: () => ({ broker: 3 }),
});

export const restartBroker = defineFault<{ broker: number }>({
  name: 'restart-broker',
  layer: 'broker',
  summary: 'a broker stopped cleanly (controlled shutdown); healed by starting it',
  subject: ({ broker }) => ({ on: 'broker', broker }),
  async inject({ env }, { broker: id }) {
    const broker = env.cluster.broker(requireBroker(env, id));
    await broker.stop();
    return {
      heal: async () => {
        await broker.start();
        await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
      },
    };
  },
  example: () => ({ broker: 1 }),
});

/**
 * Ends whatever acts on a broker's process (killed, paused, …: every broker-layer fault on it);
 * a broker with none is stopped (controlled shutdown) and started.
 */
async function restart(session: ScenarioSession, broker: number): Promise<void> {
  await session.environment();
  const healed = await session.faults.healWhere((f) => f.kind.layer === 'broker' && touchesBroker(f.subject, broker));
  if (healed === 0) await (await injectFault(session, restartBroker, { broker })).heal();
}

defineStep(
  {
    id: 'brokerKilled',
    kind: 'fault',
    pattern: '{broker} is killed',
    example: 'broker 2 is killed',
    summary: 'kill -9: no controlled shutdown',
  },
  async function (broker: number) {
    await injectFault(this.session, killBroker, { broker });
  },
);
defineStep(
  {
    id: 'leaderKilled',
    kind: 'fault',
    pattern: 'the leader of partition {int} of {string} is killed',
    example: 'the leader of partition 0 of "orders" is killed',
    summary: 'kill -9 of whichever broker leads it',
    validate: (p: number) => partitionNumber(p),
  },
  async function (partition: number, topic: string) {
    await injectFault(this.session, killBroker, { broker: await leaderOf(this.session, topic, partition) });
  },
);
defineStep(
  {
    id: 'otherLeaderKilled',
    kind: 'fault',
    pattern: 'a leader of {string} other than the group coordinator is killed',
    example: 'a leader of "orders" other than the group coordinator is killed',
    summary: 'kill -9 of a partition leader that is not the coordinator',
  },
  async function (topic: string) {
    await injectFault(this.session, killBroker, { broker: await leaderOtherThanCoordinator(this.session, topic) });
  },
);
defineStep(
  {
    id: 'coordinatorKilled',
    kind: 'fault',
    pattern: 'the group coordinator is killed',
    example: 'the group coordinator is killed',
    summary: 'kill -9 of the broker coordinating the SUT group',
  },
  async function () {
    await injectFault(this.session, killBroker, { broker: await coordinatorOf(this.session) }, undefined, ON_GROUP_COORDINATOR);
  },
);
defineStep(
  {
    id: 'brokerRestarted',
    kind: 'fault',
    pattern: '{broker} is restarted',
    example: 'broker 2 is restarted',
    summary: 'started again (stopped first if running); waits until registered',
  },
  async function (broker: number) {
    await restart(this.session, broker);
  },
);
defineStep(
  {
    id: 'stoppedBrokersRestarted',
    kind: 'fault',
    pattern: 'every stopped broker is restarted',
    example: 'every stopped broker is restarted',
    summary: 'starts each killed broker; waits until registered',
  },
  async function () {
    const { env } = await this.session.environment();
    await this.session.faults.healKinds([killBroker]);
    for (const id of env.cluster.ids) if (env.cluster.broker(id).state === 'stopped') await restart(this.session, id);
  },
);
