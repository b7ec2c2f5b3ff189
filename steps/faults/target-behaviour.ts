// The HTTP target misbehaves while listening: it answers an error status (to every request or
// a deterministic share), answers late, or reads requests and drops the connection unanswered.
// One behaviour at a time: a new one replaces the last.

import type { TargetBehavior } from '../../src/target/target-behavior.js';
import type { AnyFaultKind, FaultKind } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import type { ScenarioSession } from '../../src/scenario/scenario-session.js';
import { defineStep } from '../support/define-step.js';

function behaviour<Params extends TargetBehavior>(name: string, summary: string, example: Params): FaultKind<Params> {
  return defineFault<Params>({
    name,
    layer: 'target',
    summary,
    subject: () => ({ on: 'target' }),
    async inject({ env }, params) {
      await env.target.control.setBehavior(params);
      return {
        heal: async () => {
          await env.target.control.setBehavior({});
        },
      };
    },
    example: () => example,
  });
}

export const targetStatus = behaviour<{ status: number; fraction?: number }>(
  'target-status',
  'every (or a share of) requests answered with a status',
  {
    status: 503,
  },
);
export const targetSlow = behaviour<{ delayMs: number }>('target-slow', 'every answer delayed', { delayMs: 200 });
export const targetDrop = behaviour<{ drop: true }>('target-drop', 'requests read, connections closed unanswered', { drop: true });
const BEHAVIOURS: AnyFaultKind[] = [targetStatus, targetSlow, targetDrop];

/** Replaces any behaviour of the scenario with this one (for `forMs`, then normal again). */
async function misbehave<Params extends TargetBehavior>(session: ScenarioSession, kind: FaultKind<Params>, params: Params, forMs?: number) {
  await session.environment();
  await session.faults.healKinds(BEHAVIOURS);
  await injectFault(session, kind, params, forMs);
}

defineStep(
  {
    id: 'targetStatus',
    kind: 'fault',
    pattern: 'the HTTP target answers {status}',
    example: 'the HTTP target answers 503',
    summary: 'every request gets that status',
  },
  async function (status: number) {
    await misbehave(this.session, targetStatus, { status });
  },
);
defineStep(
  {
    id: 'targetStatusFor',
    kind: 'fault',
    pattern: 'the HTTP target answers {status} for {duration}',
    example: 'the HTTP target answers 503 for 10 seconds',
    summary: 'for D, then normal again',
  },
  async function (status: number, ms: number) {
    await misbehave(this.session, targetStatus, { status }, ms);
  },
);
defineStep(
  {
    id: 'targetStatusShare',
    kind: 'fault',
    pattern: 'the HTTP target answers {status} for {percentage} of requests',
    example: 'the HTTP target answers 429 for 30% of requests',
    summary: 'a deterministic share of requests gets that status',
  },
  async function (status: number, fraction: number) {
    await misbehave(this.session, targetStatus, { status, fraction });
  },
);
defineStep(
  {
    id: 'targetStatusShareFor',
    kind: 'fault',
    pattern: 'the HTTP target answers {status} for {percentage} of requests for {duration}',
    example: 'the HTTP target answers 429 for 30% of requests for 10 seconds',
    summary: 'the same, for D',
  },
  async function (status: number, fraction: number, ms: number) {
    await misbehave(this.session, targetStatus, { status, fraction }, ms);
  },
);
defineStep(
  {
    id: 'targetSlow',
    kind: 'fault',
    pattern: 'the HTTP target answers after {duration}',
    example: 'the HTTP target answers after 2 seconds',
    summary: 'every answer delayed',
  },
  async function (delayMs: number) {
    await misbehave(this.session, targetSlow, { delayMs });
  },
);
defineStep(
  {
    id: 'targetSlowFor',
    kind: 'fault',
    pattern: 'the HTTP target answers after {duration} for {duration}',
    example: 'the HTTP target answers after 2 seconds for 10 seconds',
    summary: 'slow answers for D',
  },
  async function (delayMs: number, ms: number) {
    await misbehave(this.session, targetSlow, { delayMs }, ms);
  },
);
defineStep(
  {
    id: 'targetDropsFor',
    kind: 'fault',
    pattern: 'the HTTP target drops connections for {duration}',
    example: 'the HTTP target drops connections for 5 seconds',
    summary: 'requests read, connections closed unanswered',
  },
  async function (ms: number) {
    await misbehave(this.session, targetDrop, { drop: true }, ms);
  },
);
defineStep(
  {
    id: 'targetNormal',
    kind: 'fault',
    pattern: 'the HTTP target answers normally again',
    example: 'the HTTP target answers normally again',
    summary: 'ends a status, slow or drop fault',
  },
  async function () {
    const { env } = await this.session.environment();
    const healed = await this.session.faults.healKinds(BEHAVIOURS);
    if (healed === 0) await env.target.control.setBehavior({});
  },
);
