// Seed 000 judged end to end on a real cluster. The correct forwarder carries 5,000 messages
// while the HTTP target is down for 10 s mid-stream: `verify` holds, 0 lost, 0 unsafe commits.
// A forwarder that commits before it delivers, crashed while the target is down: `verify`
// finds the unsafe commits and the messages they lost.
//
// On demand (`npm run test:verify-pipeline`), not in npm test: npm test's scenario-smoke runs seed
// 000 through `kafka-chaos chaos` and verifies each scenario's folder with `kafka-chaos verify`,
// passing and failing, and the self-test catches commit-before-send; this drives the same path
// without cucumber, for working on collectEvidence or the checker.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { committedOffsets, createTopic, endOffsets } from '../../src/environment/kafka-clients.js';
import { JsonlWriter } from '../../src/evidence/jsonl-writer.js';
import { LEDGER_FILES, type ProducedRecord } from '../../src/evidence/ledger-records.js';
import { FaultLedger } from '../../src/evidence/fault-ledger.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { awaitDelivery } from '../../src/traffic/await-delivery.js';
import { collectEvidence } from '../../src/traffic/collect-evidence.js';
import { HarnessProducer } from '../../src/traffic/harness-producer.js';
import { waitFor } from '../../src/util/wait-for.js';
import type { CheckResult, Verdict } from '../../src/verify/index.js';
import { targetOutage } from '../support/harness-faults.js';
import { environmentForSuite } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
const topic = 'sdc-test-1';
const group = 'sdc-test-c1';

async function verifyRun(runDir: string): Promise<{ code: number; verdict: Verdict; stdout: string }> {
  let code = 0;
  let stdout: string;
  try {
    stdout = (await exec(process.execPath, [cli, 'verify', runDir])).stdout;
  } catch (error) {
    ({ code, stdout } = error as { code: number; stdout: string });
  }
  const verdict = JSON.parse(fs.readFileSync(path.join(runDir, 'verdict.json'), 'utf8')) as Verdict;
  return { code, verdict, stdout };
}

const check = (verdict: Verdict, name: string): CheckResult => verdict.checks.find((c) => c.name === name)!;

describe('verify on a real pipeline: the correct forwarder through a 10 s target outage', () => {
  const suite = environmentForSuite('verify-ok');

  it(
    'holds: 5,000 messages, 0 lost, 0 unsafe commits, no commit advanced while the target was down',
    suite.track(async () => {
      const { env, admin } = suite;
      await createTopic(admin, { topic, partitions: 2 });
      const produced = new JsonlWriter<ProducedRecord>(env.run.file(LEDGER_FILES.produced));
      const faults = new FaultLedger(env.run);
      const outage = await targetOutage(env, faults);
      const fleet = await env.startSut({
        sut: 'forwarder',
        topic,
        groupId: group,
        instances: 1,
        env: { FORWARDER_ON_ERROR: 'retry', FORWARDER_RETRY_MAX_MS: '1000' },
      });
      const producer = new HarnessProducer(env.kafka('producer'), { topic, partitions: 2, ledger: produced });
      try {
        const production = producer.start({ count: 5000, ratePerSecond: 400, maxDurationMs: 60_000 });
        await sleep(3000);
        await outage.inject();
        await sleep(10_000);
        await outage.heal();
        const records = await production.done;
        const ok = records.filter((r) => r.outcome === 'ok').map((r) => r.id);
        assert.equal(ok.length, 5000, 'every send was acked (the outage is the target’s, not Kafka’s)');
        await awaitDelivery(env.target.ledgerPath, ok, 120_000);
        const drainEndedAt = Date.now();
        await fleet.stopAll();
        produced.close();
        faults.close();
        await collectEvidence(env.kafka('evidence'), env.run, { topic, group, drainEndedAt });
      } finally {
        await producer.disconnect();
        await fleet.stopAll();
      }
      const { code, verdict, stdout } = await verifyRun(env.run.root);
      assert.equal(code, 0, stdout);
      assert.equal(check(verdict, 'lost').figures.lost, 0);
      assert.equal(check(verdict, 'lost').figures.logged, 5000);
      assert.equal(check(verdict, 'unsafe-commit').figures.unsafeCommits, 0);
      assert.ok(check(verdict, 'unsafe-commit').figures.commits! > 0, 'commits were judged');
      assert.equal(check(verdict, 'commit-during-outage').figures.commitsPastDeliveredDuringOutage, 0);
      assert.equal(check(verdict, 'commit-during-outage').figures.outages, 1);
    }),
  );
});

describe('verify on a real pipeline: a forwarder that commits before it delivers', () => {
  const suite = environmentForSuite('verify-unsafe');

  it(
    'is refuted: unsafe commits while the target is down, and the messages a crash then lost',
    suite.track(async () => {
      const { env, admin } = suite;
      await createTopic(admin, { topic, partitions: 2 });
      const produced = new JsonlWriter<ProducedRecord>(env.run.file(LEDGER_FILES.produced));
      const faults = new FaultLedger(env.run);
      const outage = await targetOutage(env, faults);
      const producer = new HarnessProducer(env.kafka('producer'), { topic, partitions: 2, ledger: produced });
      await producer.produce({ count: 200 });
      await producer.disconnect();
      produced.close();

      await outage.inject();
      let skipped: number;
      const fleet = await env.startSut({
        sut: 'forwarder',
        topic,
        groupId: group,
        instances: 1,
        env: { FORWARDER_ON_ERROR: 'retry', FORWARDER_MODE: 'commit-before-send' },
      });
      try {
        // It commits a record's offset, then retries a delivery that cannot succeed.
        await waitFor(async () => [...(await committedOffsets(admin, group, topic)).values()].some((o) => o >= 1), {
          what: 'the broken forwarder to commit while the target is down',
          timeoutMs: 60_000,
        });
        await fleet.instance(1).kill(); // the crash inside the window
        // Nothing was delivered yet, so every offset below a committed one is skipped on restart.
        skipped = [...(await committedOffsets(admin, group, topic)).values()].reduce((sum, o) => sum + Math.max(0, o), 0);
        assert.ok(skipped >= 1);
        await outage.heal();
        await fleet.instance(1).start();
        const ends = await endOffsets(admin, topic);
        await waitFor(
          async () => {
            const committed = await committedOffsets(admin, group, topic);
            return [...ends].every(([p, end]) => committed.get(p) === end);
          },
          { what: 'the restarted forwarder to reach the log end', timeoutMs: 60_000 },
        );
        await sleep(1000); // its last deliveries follow its commits
        const drainEndedAt = Date.now();
        await fleet.stopAll();
        faults.close();
        await collectEvidence(env.kafka('evidence'), env.run, { topic, group, drainEndedAt });
      } finally {
        await fleet.stopAll();
      }
      const { code, verdict, stdout } = await verifyRun(env.run.root);
      assert.equal(code, 1, stdout);
      assert.equal(check(verdict, 'unsafe-commit').valid, false);
      assert.ok(check(verdict, 'unsafe-commit').figures.unsafeCommits! >= 2, stdout);
      assert.equal(check(verdict, 'lost').valid, false);
      assert.equal(check(verdict, 'lost').figures.lost, skipped, 'exactly the messages committed but never delivered before the crash');
      assert.equal(check(verdict, 'commit-during-outage').valid, false);
    }),
  );
});
