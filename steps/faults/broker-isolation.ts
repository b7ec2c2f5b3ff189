// A broker cut off from everyone — clients, controllers, replicas — by disabling every Toxiproxy
// proxy to and from it: it is fenced and leadership moves away, while its process runs on. It
// heals by restoring exactly those proxies and waiting until the broker is registered again.

import { brokerCut } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import {
  coordinatorOf,
  injectFault,
  ON_GROUP_COORDINATOR,
  leaderOf,
  leaderOtherThanCoordinator,
} from '../../src/scenario/scenario-faults.js';
import { ConfigError } from '../../src/util/errors.js';
import { partitionNumber } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

export const isolateBroker = defineFault<{ broker: number }>({
  name: 'isolate-broker',
  layer: 'network',
  summary: 'every proxy to and from a broker disabled',
  ...brokerCut((env, broker) => env.network.isolate(broker)),
});

defineStep(
  {
    id: 'brokerIsolated',
    kind: 'fault',
    pattern: '{broker} is isolated',
    example: 'broker 2 is isolated',
    summary: 'every proxy to and from it cut: fenced, leadership moves',
  },
  async function (broker: number) {
    await injectFault(this.session, isolateBroker, { broker });
  },
);
defineStep(
  {
    id: 'brokerIsolatedFor',
    kind: 'fault',
    pattern: '{broker} is isolated for {duration}',
    example: 'broker 2 is isolated for 15 seconds',
    summary: 'isolated for D, then rejoins',
  },
  async function (broker: number, ms: number) {
    await injectFault(this.session, isolateBroker, { broker }, ms);
  },
);
defineStep(
  {
    id: 'brokerRejoins',
    kind: 'fault',
    pattern: '{broker} rejoins',
    example: 'broker 2 rejoins',
    summary: 'its proxies restored; waits until it is registered again',
  },
  async function (broker: number) {
    await this.session.environment();
    const healed = await this.session.faults.healKinds([isolateBroker], (s) => s.on === 'broker' && s.broker === broker);
    if (healed === 0)
      throw new ConfigError(`broker ${broker} is not isolated in this scenario`, {
        fix: `isolate it first ("broker ${broker} is isolated")`,
      });
  },
);
defineStep(
  {
    id: 'leaderIsolated',
    kind: 'fault',
    pattern: 'the leader of partition {int} of {string} is isolated',
    example: 'the leader of partition 0 of "orders" is isolated',
    summary: 'whichever broker leads it now',
    validate: (p: number) => partitionNumber(p),
  },
  async function (partition: number, topic: string) {
    await injectFault(this.session, isolateBroker, { broker: await leaderOf(this.session, topic, partition) });
  },
);
defineStep(
  {
    id: 'leaderIsolatedFor',
    kind: 'fault',
    pattern: 'the leader of partition {int} of {string} is isolated for {duration}',
    example: 'the leader of partition 0 of "orders" is isolated for 15 seconds',
    summary: 'the same, then it rejoins',
    validate: (p: number) => partitionNumber(p),
  },
  async function (partition: number, topic: string, ms: number) {
    await injectFault(this.session, isolateBroker, { broker: await leaderOf(this.session, topic, partition) }, ms);
  },
);
defineStep(
  {
    id: 'otherLeaderIsolatedFor',
    kind: 'fault',
    pattern: 'a leader of {string} other than the group coordinator is isolated for {duration}',
    example: 'a leader of "orders" other than the group coordinator is isolated for 15 seconds',
    summary: 'a partition leader failover that leaves the group coordinator alone',
  },
  async function (topic: string, ms: number) {
    await injectFault(this.session, isolateBroker, { broker: await leaderOtherThanCoordinator(this.session, topic) }, ms);
  },
);
defineStep(
  {
    id: 'coordinatorIsolatedFor',
    kind: 'fault',
    pattern: 'the group coordinator is isolated for {duration}',
    example: 'the group coordinator is isolated for 15 seconds',
    summary: "the broker holding the SUT group's offsets (leader of its __consumer_offsets partition)",
  },
  async function (ms: number) {
    await injectFault(this.session, isolateBroker, { broker: await coordinatorOf(this.session) }, ms, ON_GROUP_COORDINATOR);
  },
);
