// Kafka 3.9 on the process runtime, now that 4.4.0 is the default: the same wiring (every path
// through its own proxy, controller endpoints advertised per peer, log4j 1.x) must hold on the
// line many users still run — an isolated broker is fenced and loses leadership, and the
// forwarder carries messages end to end. (Until 4.4.0 became the default this suite ran 4.1.1.)

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { committedOffsets, createTopic, endOffsets, harnessClients, partitionsOf } from '../../src/environment/kafka-clients.js';
import { awaitDelivery } from '../../src/traffic/await-delivery.js';
import { produceMessages } from '../../src/traffic/produce-messages.js';
import { waitFor } from '../../src/util/wait-for.js';
import { environmentForSuite } from '../support/test-environment.js';

const KAFKA_3 = '3.9.1';

describe(`process runtime on Kafka ${KAFKA_3}`, () => {
  const suite = environmentForSuite('kafka3', (environment) => environment.withKafkaVersion(KAFKA_3));
  const track = suite.track;
  let env: StartedEnvironment;
  let admin: AdminClient;
  before(() => ({ env, admin } = suite));

  it(
    'runs the version asked for, isolates a broker until it is fenced, and heals it',
    track(async () => {
      assert.equal(env.cluster.kafkaVersion, KAFKA_3);
      await createTopic(admin, { topic: 'isolation', partitions: 3 });
      const victim = (await partitionsOf(admin, 'isolation'))[0]!.leader;
      await env.network.isolate(victim);
      const others = env.cluster.ids.filter((id) => id !== victim).map((id) => env.cluster.address('harness', id));
      const other = harnessClients(others, 'kafka3-others', env.run.log('harness-kafkajs')).admin();
      await other.connect();
      try {
        await waitFor(async () => (await partitionsOf(other, 'isolation')).every((p) => p.leader !== victim && !p.isr.includes(victim)), {
          what: `leadership to move off isolated broker ${victim}`,
          timeoutMs: 45_000,
          intervalMs: 500,
        });
        await env.network.heal();
        await waitFor(async () => (await partitionsOf(other, 'isolation')).every((p) => p.isr.includes(victim)), {
          what: `broker ${victim} to rejoin the ISR`,
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
    'carries 500 messages through the forwarder with commits equal to the log-end offsets',
    track(async () => {
      const topic = 'forward-kafka3';
      const groupId = 'forwarder-kafka3';
      await createTopic(admin, { topic, partitions: 2 });
      const produced = await produceMessages(env.kafka('producer'), { topic, count: 500, partitions: 2 });
      await using _fleet = await env.startSut({ sut: 'forwarder', topic, groupId, instances: 1 });
      await awaitDelivery(
        env.target.ledgerPath,
        produced.map((m) => m.id),
        90_000,
      );
      const ends = await endOffsets(admin, topic);
      await waitFor(
        async () => {
          const committed = await committedOffsets(admin, groupId, topic);
          return [...ends].every(([partition, end]) => committed.get(partition) === end);
        },
        { what: `group ${groupId} to commit the log-end offsets`, timeoutMs: 30_000 },
      );
    }),
  );
});
