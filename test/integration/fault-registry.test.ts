// Every fault kind the fault families register, on one real environment (3 brokers, Toxiproxy,
// the HTTP target, one forwarder instance): each is injected with its own example, must show
// (the environment is no longer whole), and must heal back to whole — every proxy enabled with
// no toxic, the target listening and answering normally, every broker running with every replica
// in sync, every SUT instance running. A new kind is covered by being registered: no fault can
// escape healing by its name's spelling.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createTopic, underReplicated } from '../../src/environment/kafka-clients.js';
import type { SutFleet } from '../../src/environment/runtime.js';
import { FaultLedger } from '../../src/evidence/fault-ledger.js';
import { readLedgers } from '../../src/evidence/read-ledgers.js';
import { FaultBook } from '../../src/faults/fault-book.js';
import { faultKinds } from '../../src/faults/fault-registry.js';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';
import { waitFor } from '../../src/util/wait-for.js';
import { testFaultContext } from '../support/harness-faults.js';
import { environmentForSuite } from '../support/test-environment.js';

const TOPIC = 'registry';

describe('the fault registry on a real environment', () => {
  const suite = environmentForSuite('fault-registry');
  let fleet: SutFleet | undefined;

  before(async () => {
    await loadHarnessSteps();
    await createTopic(suite.admin, { topic: TOPIC, partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 }, 60_000);
    fleet = await suite.env.startSut({
      sut: 'forwarder',
      topic: TOPIC,
      groupId: 'registry-group',
      instances: 1,
      env: { FORWARDER_ON_ERROR: 'retry' },
    });
  });

  /** What keeps the environment from being whole now (empty: whole). */
  async function problems(): Promise<string[]> {
    const { env, admin } = suite;
    const found: string[] = [];
    for (const [name, proxy] of Object.entries(await env.network.snapshot())) {
      if (!proxy.enabled) found.push(`proxy ${name} disabled`);
      if (proxy.toxics.length > 0) found.push(`proxy ${name} has toxics ${proxy.toxics.join(', ')}`);
    }
    const target = await env.target.control.state();
    if (!target.listening) found.push('the target is not listening');
    if (Object.keys(target.behavior).length > 0) found.push(`the target misbehaves: ${JSON.stringify(target.behavior)}`);
    for (const id of env.cluster.ids)
      if (env.cluster.broker(id).state !== 'running') found.push(`broker ${id} is ${env.cluster.broker(id).state}`);
    for (const instance of fleet?.instances ?? [])
      if (instance.state !== 'running') found.push(`SUT instance ${instance.index} is ${instance.state}`);
    if (found.length === 0) found.push(...(await underReplicated(admin).catch((e: Error) => [`metadata unreadable: ${e.message}`])));
    return found;
  }

  it(
    'injects every registered kind, sees it act, and heals it back to a whole environment',
    suite.track(async () => {
      const { env, admin } = suite;
      const kinds = faultKinds();
      assert.ok(kinds.length >= 16, `${kinds.length} kinds registered`);
      const ledger = new FaultLedger(env.run);
      const book = new FaultBook(ledger);
      const ctx = testFaultContext(env, admin, () => fleet);
      for (const kind of kinds) {
        const fault = await book.inject(kind, await kind.example(ctx), ctx);
        if (book.list().includes(fault)) {
          assert.notDeepEqual(await problems(), [], `${kind.name} left no trace: it did not act`);
          await fault.heal();
        }
        let left: string[] = [];
        await waitFor(async () => (left = await problems()).length === 0, {
          what: () => `the environment to be whole after ${kind.name} (${left.join('; ')})`,
          timeoutMs: 90_000,
          intervalMs: 500,
        });
      }
      assert.deepEqual(book.list(), [], 'nothing left active');
      ledger.close();
      const { faults } = await readLedgers(env.run.root);
      assert.deepEqual(
        kinds.filter((k) => !faults.some((f) => f.fault === k.name && f.healedAt !== null)).map((k) => k.name),
        [],
        'kinds without a healed record in faults.jsonl',
      );
    }),
  );
});
