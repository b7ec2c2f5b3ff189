// The rolling-restart fault on a real 3-broker cluster, under traffic: while 100 messages/s go
// to a topic (replication 3, min in-sync 2), the brokers are restarted one at a time — each
// stopped cleanly, started and back in every ISR before the next is touched. Every acked message
// must still be in the log (a clean restart loses nothing Kafka acked), the record in
// faults.jsonl must span the whole restart, and the cluster must be left fully in sync. No SUT
// runs here: how a consumer copes is a scenario's question (the kafkajs forwarder can stall for
// minutes after the group coordinator moves — see the closing note of issue 10), not the fault's.

import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createTopic, underReplicated } from '../../src/environment/kafka-clients.js';
import { FaultLedger } from '../../src/evidence/fault-ledger.js';
import { JsonlWriter } from '../../src/evidence/jsonl-writer.js';
import { LEDGER_FILES, type ProducedRecord } from '../../src/evidence/ledger-records.js';
import { readLedgers } from '../../src/evidence/read-ledgers.js';
import { RunDirectory } from '../../src/evidence/run-directory.js';
import { FaultBook } from '../../src/faults/fault-book.js';
import { HarnessProducer } from '../../src/traffic/harness-producer.js';
import { readBack } from '../../src/traffic/read-back.js';
import { harnessFault, testFaultContext } from '../support/harness-faults.js';
import { environmentForSuite } from '../support/test-environment.js';

const TOPIC = 'rolling';

describe('rolling restart of the brokers', () => {
  const suite = environmentForSuite('rolling-restart');
  before(async () => {
    await createTopic(suite.admin, { topic: TOPIC, partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 }, 60_000);
  });

  it(
    'restarts one broker at a time, each back in sync before the next, and the log keeps every acked message',
    suite.track(async () => {
      const { env, admin } = suite;
      const run = RunDirectory.create(path.join(env.run.root, 'cases'), 'rolling');
      const produced = new JsonlWriter<ProducedRecord>(run.file(LEDGER_FILES.produced));
      const ledger = new FaultLedger(run);
      const producer = new HarnessProducer(env.kafka('producer-rolling'), { topic: TOPIC, partitions: 3, ledger: produced });
      try {
        const production = producer.start({ count: 100_000, ratePerSecond: 100, maxDurationMs: 240_000 });
        const kind = await harnessFault('rolling-restart');
        const fault = await new FaultBook(ledger).inject(kind, {}, testFaultContext(env, admin));
        const records = await production.stop();
        const acked = (await production.done).filter((r) => r.outcome === 'ok').map((r) => r.id);
        assert.ok(records.ok > 1000, `${records.ok} of ${records.sent} sends acked during the restart`);
        const logged = new Set((await readBack(env.kafka('readback-rolling'), TOPIC, { timeoutMs: 60_000 })).map((r) => r.id));
        assert.deepEqual(
          acked.filter((id) => !logged.has(id)),
          [],
          'acked messages missing from the log',
        );

        ledger.close();
        const { faults } = await readLedgers(run.root, { expectedLedgers: ['faults'] });
        assert.equal(faults.length, 1);
        const record = faults[0]!;
        assert.equal(record.fault, 'rolling-restart');
        assert.equal(record.subject, 'cluster');
        const restarts = record.params.restarts as Array<{ broker: number; stoppedAt: number; inSyncAt: number }>;
        assert.deepEqual(
          restarts.map((r) => r.broker),
          [...env.cluster.ids],
          'every broker, in order',
        );
        for (let i = 0; i < restarts.length; i++) {
          assert.ok(restarts[i]!.inSyncAt > restarts[i]!.stoppedAt);
          if (i > 0)
            assert.ok(restarts[i]!.stoppedAt >= restarts[i - 1]!.inSyncAt, `broker ${restarts[i]!.broker} waited for the one before`);
        }
        assert.ok(
          record.injectedAt <= restarts[0]!.stoppedAt && record.healedAt! >= restarts.at(-1)!.inSyncAt,
          'the window spans the restart',
        );
        assert.equal(fault.kind.name, 'rolling-restart');
        assert.deepEqual(await underReplicated(admin), [], 'every replica in sync afterwards');
        for (const id of env.cluster.ids) assert.equal(env.cluster.broker(id).state, 'running');
      } finally {
        await producer.disconnect();
        produced.close();
        ledger.close();
      }
    }),
  );
});
