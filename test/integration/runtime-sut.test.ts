// The system under test on each runtime: the reference forwarder carries 1,000 messages end to
// end with commits that match the log; SUT instances start, crash and restart on command; a SUT
// that dies at start is reported with its last log lines. Processes are commands; containers are
// images (the forwarder's image serves as the long-running SUT, and with an invalid mode as the
// one that dies at start).

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { committedOffsets, createTopic, endOffsets } from '../../src/environment/kafka-clients.js';
import { awaitDelivery } from '../../src/traffic/await-delivery.js';
import { produceMessages } from '../../src/traffic/produce-messages.js';
import { ProcessExitedError } from '../../src/util/errors.js';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import { LEDGER_FILES, type EventRecord } from '../../src/evidence/ledger-records.js';
import { waitFor } from '../../src/util/wait-for.js';
import { IMAGE_NAMES } from '../../src/images/image-source.js';
import type { RuntimeKind, SutDefinition } from '../../src/environment/runtime.js';
import { environmentForSuite, runtimesUnderTest } from '../support/test-environment.js';

const SUTS: Record<RuntimeKind, { exitsAtOnce: SutDefinition; sleeper: SutDefinition; exit: RegExp; lastLine: RegExp }> = {
  process: {
    exitsAtOnce: { command: [process.execPath, '-e', "console.error('boom: MY_SERVICE_URL is not set'); process.exit(3)"] },
    sleeper: {
      command: [process.execPath, '-e', 'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000)'],
      startupGraceMs: 300,
    },
    exit: /exited at start with code 3/,
    lastLine: /boom: MY_SERVICE_URL is not set/,
  },
  container: {
    exitsAtOnce: { image: IMAGE_NAMES.forwarder, env: { FORWARDER_MODE: 'no-such-mode' } },
    sleeper: { image: IMAGE_NAMES.forwarder, startupGraceMs: 1000 },
    exit: /exited at start with code 2/,
    lastLine: /FORWARDER_MODE/,
  },
};

for (const runtime of runtimesUnderTest())
  describe(`${runtime} runtime: systems under test`, () => {
    const suts = SUTS[runtime];
    const suite = environmentForSuite(
      `sut-${runtime}`,
      (environment) => environment.withSut('exits-at-once', suts.exitsAtOnce).withSut('sleeper', suts.sleeper),
      runtime,
    );
    const track = suite.track;
    let env: StartedEnvironment;
    let admin: AdminClient;
    before(() => ({ env, admin } = suite));

    it(
      'the forwarder delivers 1,000 messages and commits exactly the log-end offsets',
      track(async () => {
        const topic = 'forward-1000';
        const groupId = 'forwarder-1000';
        await createTopic(admin, { topic, partitions: 2 });
        const produced = await produceMessages(env.kafka('producer'), { topic, count: 1000, partitions: 2 });
        await using _fleet = await env.startSut({ sut: 'forwarder', topic, groupId, instances: 1 });
        const delivered = await awaitDelivery(
          env.target.ledgerPath,
          produced.map((m) => m.id),
          90_000,
        );
        assert.equal(produced.filter((m) => delivered.has(m.id)).length, 1000, 'every produced id is in delivered.jsonl with a 2xx');
        const ends = await endOffsets(admin, topic);
        assert.deepEqual(
          [...ends.values()].reduce((a, b) => a + b, 0),
          1000,
        );
        await waitFor(
          async () => {
            const committed = await committedOffsets(admin, groupId, topic);
            return [...ends].every(([partition, end]) => committed.get(partition) === end);
          },
          { what: `group ${groupId} to commit the log-end offsets`, timeoutMs: 30_000 },
        );
      }),
    );

    it(
      'starts, kills and restarts SUT instances, and scales the fleet',
      track(async () => {
        await createTopic(admin, { topic: 'idle', partitions: 1 });
        const fleet = await env.startSut({ sut: 'sleeper', topic: 'idle', groupId: 'g', instances: 2 });
        try {
          assert.deepEqual(
            fleet.instances.map((i) => i.state),
            ['running', 'running'],
          );
          const first = fleet.instance(1);
          const killed = await first.kill();
          assert.equal(killed.signal, 'SIGKILL');
          assert.equal(first.state, 'stopped');
          await first.restart();
          assert.equal(first.state, 'running');
          await first.pause();
          assert.equal(first.state, 'paused');
          await first.resume();
          const stopped = await first.stop();
          assert.equal(stopped.code, 0, 'SIGTERM lets the instance exit cleanly');
          await first.start();
          await fleet.scaleTo(3);
          assert.equal(fleet.instances.length, 3);
          assert.ok(fleet.instances.every((i) => i.state === 'running'));
          await fleet.scaleTo(1);
          assert.deepEqual(
            fleet.instances.map((i) => i.index),
            [1],
          );
          const { records } = await readJsonl<EventRecord>(env.run.file(LEDGER_FILES.events));
          const lifecycle = records.filter((e) => e.subject === 'sut-sleeper-1').map((e) => e.kind);
          assert.deepEqual(
            lifecycle,
            ['sut-start', 'sut-kill', 'sut-exit', 'sut-start', 'sut-pause', 'sut-resume', 'sut-stop', 'sut-exit', 'sut-start'],
            'every lifecycle change of instance 1 is in events.jsonl, in order',
          );
        } finally {
          await fleet.stopAll();
        }
      }),
    );

    it(
      'reports a SUT command that exits at once, with its last log lines, on one line',
      track(async () => {
        await assert.rejects(env.startSut({ sut: 'exits-at-once', topic: 't', groupId: 'g', instances: 1 }), (error: unknown) => {
          assert.ok(error instanceof ProcessExitedError);
          assert.match(error.message, suts.exit);
          assert.match(error.message, suts.lastLine);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        });
      }),
    );
  });
