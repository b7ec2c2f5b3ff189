// Claims about the SUT's consumer group: how often it rebalanced once it was ready, as the broker
// stored it (group.jsonl) — static membership's promise, a member restarted within its session
// timeout keeps its partitions without a rebalance, is checked this way — and its health in
// Burrow's terms after a fault (seed 002's lag monitoring).

import { assertLagStatusOkAfterHeal, assertRebalancesAtMost } from '../src/scenario/scenario-assertions.js';
import { requireInRange } from './support/argument-ranges.js';
import { defineStep } from './support/define-step.js';

defineStep(
  {
    id: 'groupNoRebalance',
    kind: 'assertion',
    pattern: 'the group does not rebalance once it is ready',
    example: 'the group does not rebalance once it is ready',
    summary: "no new generation (or KIP-848 group epoch) in the broker's group records after the group-ready event",
  },
  async function () {
    await assertRebalancesAtMost(this.session, 0);
  },
);

defineStep(
  {
    id: 'groupRebalancesAtMost',
    kind: 'assertion',
    pattern: 'the group rebalances at most {int} time(s) once it is ready',
    example: 'the group rebalances at most 2 times once it is ready',
    summary: "at most N new generations (or KIP-848 group epochs) in the broker's group records after the group-ready event",
    validate: (n: number) => requireInRange(n, 'rebalances', 0, 1000),
  },
  async function (bound: number) {
    await assertRebalancesAtMost(this.session, bound);
  },
);

defineStep(
  {
    id: 'groupLagStatusOk',
    kind: 'assertion',
    pattern: "the group's status is OK within {duration} after the last fault heals",
    example: "the group's status is OK within 60 seconds after the last fault heals",
    summary: "Burrow's lag evaluation rules over the commits: OK at some second within D of the last heal",
  },
  async function (ms: number) {
    await assertLagStatusOkAfterHeal(this.session, ms);
  },
);
