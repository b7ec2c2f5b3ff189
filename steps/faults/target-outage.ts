// The HTTP target goes down — its listener closed, connections refused, as seed 000's
// `docker stop httpserver` — and comes back. Its name, TARGET_DOWN_FAULT, is the one the
// checker's commit-during-outage check reads from faults.jsonl.

import { TARGET_DOWN_FAULT } from '../../src/evidence/ledger-records.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import { defineStep } from '../support/define-step.js';

export const targetDown = defineFault<Record<string, never>>({
  name: TARGET_DOWN_FAULT,
  layer: 'target',
  summary: 'the target closes its listener: connections refused',
  subject: () => ({ on: 'target' }),
  async inject({ env }) {
    await env.target.control.down();
    return {
      heal: async () => {
        await env.target.control.up();
      },
    };
  },
  example: () => ({}),
});

defineStep(
  {
    id: 'targetDown',
    kind: 'fault',
    pattern: 'the HTTP target goes down',
    example: 'the HTTP target goes down',
    summary: 'listener closed: connections refused (docker stop)',
  },
  async function () {
    await injectFault(this.session, targetDown, {});
  },
);

defineStep(
  {
    id: 'targetDownFor',
    kind: 'fault',
    pattern: 'the HTTP target goes down for {duration}',
    example: 'the HTTP target goes down for 10 seconds',
    summary: 'down, then back after D (the step lasts D)',
  },
  async function (ms: number) {
    await injectFault(this.session, targetDown, {}, ms);
  },
);

defineStep(
  {
    id: 'targetBack',
    kind: 'fault',
    pattern: 'the HTTP target comes back',
    example: 'the HTTP target comes back',
    summary: 'listening again',
  },
  async function () {
    const { env } = await this.session.environment();
    const healed = await this.session.faults.healKinds([targetDown]);
    if (healed === 0) await env.target.control.up(); // taken down some other way: bring it up all the same
  },
);
