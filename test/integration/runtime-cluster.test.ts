// Each runtime's cluster, for real: three KRaft brokers (local JVMs, or containers) behind the
// real Toxiproxy, probed with the harness's clients through the proxies — boot, throughput and read-back, a cut
// client path, an isolated broker losing and regaining its partitions, a kill -9 and a restart.
// The same tests on both runtimes: a fault means the same wherever it runs.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { createTopic, harnessClients, partitionsOf } from '../../src/environment/kafka-clients.js';
import { produceMessages } from '../../src/traffic/produce-messages.js';
import { readBack } from '../../src/traffic/read-back.js';
import { isListening } from '../../src/util/ports.js';
import { waitFor } from '../../src/util/wait-for.js';
import { kafkajsOf } from '../support/kafkajs-client.js';
import { environmentForSuite, runtimesUnderTest } from '../support/test-environment.js';

for (const runtime of runtimesUnderTest())
  describe(`${runtime} runtime: a 3-node KRaft cluster behind Toxiproxy`, () => {
    const suite = environmentForSuite(`cluster-${runtime}`, undefined, runtime);
    const track = suite.track;
    let env: StartedEnvironment;
    let admin: AdminClient;
    before(() => ({ env, admin } = suite));

    /** An admin that bootstraps only from brokers other than `excluded`. */
    async function adminAvoiding(excluded: number): Promise<AdminClient> {
      const bootstrap = env.cluster.ids.filter((id) => id !== excluded).map((id) => env.cluster.address('harness', id));
      const other = harnessClients(bootstrap, `avoiding-${excluded}`, env.run.log('harness-kafkajs')).admin();
      await other.connect();
      return other;
    }

    it(
      'boots 3 brokers and creates a topic replicated on all of them',
      track(async () => {
        const brokers = await admin.brokers();
        assert.deepEqual(brokers.map((b) => b.nodeId).sort(), [1, 2, 3]);
        // Every advertised address is a harness proxy: no direct broker address leaks.
        const proxies = new Set(env.cluster.bootstrap('harness'));
        for (const broker of brokers) assert.ok(proxies.has(`${broker.host}:${broker.port}`), `${broker.host}:${broker.port} is a proxy`);
        await createTopic(admin, { topic: 'replicated', partitions: 3, replicationFactor: 3 });
        const partitions = await partitionsOf(admin, 'replicated');
        assert.equal(partitions.length, 3);
        for (const p of partitions) {
          assert.equal(p.replicas.length, 3);
          assert.equal(p.isr.length, 3);
        }
      }),
    );

    it(
      'carries 10,000 acked messages through the proxies and reads every one back',
      track(async () => {
        await createTopic(admin, { topic: 'throughput', partitions: 3 });
        const produced = await produceMessages(env.kafka('producer'), { topic: 'throughput', count: 10_000, partitions: 3 });
        assert.equal(produced.length, 10_000);
        const logged = await readBack(env.kafka('reader'), 'throughput');
        assert.equal(logged.length, 10_000);
        const where = new Map(logged.map((m) => [m.id, `${m.partition}/${m.offset}`]));
        for (const m of produced) assert.equal(where.get(m.id), `${m.partition}/${m.offset}`, `message ${m.id} is where its ack said`);
      }),
    );

    it(
      "cuts one broker's client proxies: that broker is unreachable, the others keep serving",
      track(async () => {
        await createTopic(admin, { topic: 'cut-clients', partitions: 6 });
        const cut = 2;
        const cutAddress = env.cluster.address('harness', cut);
        const [host, port] = cutAddress.split(':') as [string, string];
        const names = await env.network.cutClients(cut);
        try {
          assert.deepEqual(names.sort(), ['harness-b2', 'sut-b2']);
          assert.equal(await isListening(Number(port), host), false, `${cutAddress} refuses connections`);
          const direct = harnessClients([cutAddress], 'direct-to-cut', env.run.log('harness-kafkajs')).admin();
          await assert.rejects(direct.connect(), 'a client bootstrapping only from the cut broker cannot connect');
          const other = await adminAvoiding(cut);
          try {
            const brokers = await other.brokers();
            assert.equal(brokers.length, 3, 'the cut broker is still in the cluster (only clients are cut)');
            const partitions = await partitionsOf(other, 'cut-clients');
            const servable = partitions.filter((p) => p.leader !== cut).map((p) => p.partitionId);
            assert.ok(servable.length > 0 && servable.length < 6, `some partitions are led elsewhere: ${servable}`);
            const producer = kafkajsOf(
              env,
              'p',
              env.cluster.bootstrap('harness').filter((a) => a !== cutAddress),
            ).producer();
            await producer.connect();
            for (const partition of servable) {
              const [ack] = await producer.send({ topic: 'cut-clients', acks: -1, messages: [{ value: 'x', partition }] });
              assert.equal(ack?.errorCode, 0);
            }
            await producer.disconnect();
          } finally {
            await other.disconnect();
          }
        } finally {
          await env.network.restore(names);
        }
        assert.equal(await isListening(Number(port), host), true, `${cutAddress} accepts again after the heal`);
      }),
    );

    it(
      'isolates a broker: it is fenced and loses leadership; healed, it rejoins the ISR',
      track(async () => {
        await createTopic(admin, { topic: 'isolation', partitions: 3 });
        const victim = (await partitionsOf(admin, 'isolation'))[0]!.leader;
        const names = await env.network.isolate(victim);
        assert.equal(names.length, 2 + 4 + 4, 'client proxies plus replication and controller links in both directions');
        const other = await adminAvoiding(victim);
        try {
          await waitFor(async () => (await partitionsOf(other, 'isolation')).every((p) => p.leader !== victim && !p.isr.includes(victim)), {
            what: `leadership of every partition to move off isolated broker ${victim}`,
            timeoutMs: 45_000,
            intervalMs: 500,
          });
          await env.network.heal();
          await waitFor(async () => (await partitionsOf(other, 'isolation')).every((p) => p.isr.includes(victim)), {
            what: `broker ${victim} to rejoin the ISR of every partition after the heal`,
            timeoutMs: 60_000,
            intervalMs: 500,
          });
        } finally {
          await env.network.heal();
          await other.disconnect();
        }
      }),
    );

    it(
      'kill -9 of a leader moves leadership; restarted, the broker rejoins the ISR',
      track(async () => {
        await createTopic(admin, { topic: 'crash', partitions: 3 });
        const victim = (await partitionsOf(admin, 'crash'))[0]!.leader;
        const broker = env.cluster.broker(victim);
        const exit = await broker.kill();
        assert.equal(exit.signal, 'SIGKILL');
        assert.equal(broker.state, 'stopped');
        const other = await adminAvoiding(victim);
        try {
          await waitFor(async () => (await partitionsOf(other, 'crash')).every((p) => p.leader !== victim), {
            what: `leadership to move off killed broker ${victim}`,
            timeoutMs: 45_000,
            intervalMs: 500,
          });
          await broker.start();
          await env.cluster.waitForBroker(victim);
          await waitFor(async () => (await partitionsOf(other, 'crash')).every((p) => p.isr.includes(victim)), {
            what: `restarted broker ${victim} to rejoin the ISR of every partition`,
            timeoutMs: 60_000,
            intervalMs: 500,
          });
        } finally {
          await other.disconnect();
        }
      }),
    );
  });
