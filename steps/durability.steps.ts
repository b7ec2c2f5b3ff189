// Producer durability (seeds 002 and 004): how many replicas the harness's writes wait for, and
// the claims about writes the brokers acknowledged — kept by the log, or lost by the brokers
// themselves (the broker-side-loss check), which is never the consumer pipeline's doing.

import { assertAckedWritesLost, assertChecks } from '../src/scenario/scenario-assertions.js';
import { defineStep } from './support/define-step.js';

defineStep(
  {
    id: 'acksLeader',
    kind: 'traffic',
    pattern: 'the harness produces with acks=1',
    example: 'the harness produces with acks=1',
    summary: "from now on each write waits for the partition leader's acknowledgement alone (before the first message)",
  },
  async function () {
    (await this.session.environment(), this.session.traffic).useAcks('leader');
  },
);

defineStep(
  {
    id: 'acksAll',
    kind: 'traffic',
    pattern: 'the harness produces with acks=all',
    example: 'the harness produces with acks=all',
    summary: 'each write waits for every in-sync replica (the default, said out loud)',
  },
  async function () {
    (await this.session.environment(), this.session.traffic).useAcks('all');
  },
);

defineStep(
  {
    id: 'noAckedWriteLost',
    kind: 'assertion',
    pattern: 'every acknowledged write is in the log',
    example: 'every acknowledged write is in the log',
    summary: 'checks broker-side-loss: no acked message is missing from the topic at the end',
  },
  async function () {
    await assertChecks(this.session, ['broker-side-loss']);
  },
);

defineStep(
  {
    id: 'ackedWritesLost',
    kind: 'assertion',
    pattern: 'the brokers lose acknowledged writes',
    example: 'the brokers lose acknowledged writes',
    summary: 'a durability demonstration: broker-side-loss finds acked messages missing from the log (fails when none is)',
  },
  async function () {
    const said = await assertAckedWritesLost(this.session);
    process.stderr.write(`kafka-chaos: ${said}\n`);
    this.attach(said, { mediaType: 'text/plain', fileName: 'acked-writes-lost.txt' });
  },
);
