// Each broken forwarder mode, run on a real cluster and judged by the checker, shows the bug it
// models; the correct forwarder holds under the same faults. One environment for the file; each
// case has its own topic, group and case directory (produced, faults, read-back, commits), and
// judges only the target's deliveries of its own messages.

import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { committedOffsets, createTopic, endOffsets } from '../../src/environment/kafka-clients.js';
import type { ExitInfo } from '../../src/environment/lifecycle.js';
import type { SutFleet } from '../../src/environment/runtime.js';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import { JsonlWriter } from '../../src/evidence/jsonl-writer.js';
import { LEDGER_FILES, type DeliveryRecord, type EventRecord, type ProducedRecord } from '../../src/evidence/ledger-records.js';
import { readLedgers } from '../../src/evidence/read-ledgers.js';
import { RunDirectory } from '../../src/evidence/run-directory.js';
import { FaultLedger } from '../../src/evidence/fault-ledger.js';
import { awaitDelivery } from '../../src/traffic/await-delivery.js';
import { collectEvidence } from '../../src/traffic/collect-evidence.js';
import { HarnessProducer } from '../../src/traffic/harness-producer.js';
import { waitFor } from '../../src/util/wait-for.js';
import { verify, type CheckResult, type Verdict } from '../../src/verify/index.js';
import { targetOutage } from '../support/harness-faults.js';
import { environmentForSuite } from '../support/test-environment.js';

const PARTITIONS = 2;
const DUPLICATE_BOUND = 10;

describe('forwarder modes on a real pipeline, judged by the checker', () => {
  const suite = environmentForSuite('forwarder-modes');

  /** One case: its topic and group, its own ledgers, a producer and the target outage fault. */
  async function openCase(label: string) {
    const { env, admin } = suite;
    const topic = `modes-${label}`;
    const group = `${topic}-group`;
    await createTopic(admin, { topic, partitions: PARTITIONS });
    const run = RunDirectory.create(path.join(env.run.root, 'cases'), label);
    const produced = new JsonlWriter<ProducedRecord>(run.file(LEDGER_FILES.produced));
    const faults = new FaultLedger(run);
    const producer = new HarnessProducer(env.kafka(`producer-${label}`), { topic, partitions: PARTITIONS, ledger: produced });
    const outage = await targetOutage(env, faults);
    let fleet: SutFleet | undefined;
    const ok = (records: ProducedRecord[]) => records.filter((r) => r.outcome === 'ok').map((r) => r.id);
    return {
      topic,
      outage,
      producer,
      ok,
      get fleet(): SutFleet {
        assert.ok(fleet, 'the forwarder was started');
        return fleet;
      },
      async startForwarder(mode: string, extra: Record<string, string> = {}): Promise<void> {
        fleet = await env.startSut({ sut: 'forwarder', topic, groupId: group, instances: 1, env: { FORWARDER_MODE: mode, ...extra } });
      },
      /** The group has committed every partition up to its log end: the forwarder went through everything. */
      async drained(timeoutMs = 60_000): Promise<number> {
        const ends = await endOffsets(admin, topic);
        await waitFor(
          async () => {
            const committed = await committedOffsets(admin, group, topic);
            return [...ends].every(([p, end]) => committed.get(p) === end);
          },
          { what: `group ${group} to commit up to the log end of ${topic}`, timeoutMs },
        );
        await sleep(500); // a mode that commits before delivering may still be posting
        return Date.now();
      },
      async committedSum(): Promise<number> {
        return [...(await committedOffsets(admin, group, topic)).values()].reduce((sum, o) => sum + Math.max(0, o), 0);
      },
      /** Stops everything of the case, reads Kafka's side and judges the case's evidence. */
      async judge(drainEndedAt: number): Promise<Verdict> {
        await fleet?.stopAll();
        await producer.disconnect();
        await outage.heal();
        produced.close();
        faults.close();
        await collectEvidence(env.kafka(`evidence-${label}`), run, { topic, group, drainEndedAt });
        // The case folder holds no deliveries or events of its own: they come from the environment's.
        const ledgers = await readLedgers(run.root, { expectedLedgers: ['produced', 'log', 'commits', 'offsets'] });
        const mine = new Set([...ledgers.produced].map((r) => r.id));
        const delivered = (await readJsonl<DeliveryRecord>(env.target.ledgerPath)).records.filter((d) => d.id !== null && mine.has(d.id));
        const events = (await readJsonl<EventRecord>(env.run.file(LEDGER_FILES.events))).records;
        return verify({ ...ledgers, delivered, events }, { group, topics: [topic], drainEndedAt, maxDuplicates: DUPLICATE_BOUND });
      },
      async close(): Promise<void> {
        await fleet?.stopAll();
        await producer.disconnect();
        await outage.heal();
        produced.close();
        faults.close();
      },
    };
  }
  type Case = Awaited<ReturnType<typeof openCase>>;

  const check = (verdict: Verdict, name: string): CheckResult => {
    const found = verdict.checks.find((c) => c.name === name);
    assert.ok(found, `the verdict has a ${name} check`);
    return found;
  };
  const summary = (verdict: Verdict) => verdict.checks.map((c) => `${c.name}=${String(c.valid)} ${JSON.stringify(c.figures)}`).join('\n');

  /** 1,000 messages at 400/s through a retrying forwarder; the target is down for 3 s from the first second. */
  async function throughOutage(c: Case, mode: string, extra: Record<string, string> = {}): Promise<Verdict> {
    await c.startForwarder(mode, { FORWARDER_ON_ERROR: 'retry', FORWARDER_RETRY_MAX_MS: '500', ...extra });
    const production = c.producer.start({ count: 1000, ratePerSecond: 400, maxDurationMs: 30_000 });
    await sleep(1000);
    await c.outage.inject();
    await sleep(3000);
    await c.outage.heal();
    const records = await production.done;
    assert.equal(c.ok(records).length, 1000, 'every send was acked');
    return c.judge(await c.drained());
  }

  /**
   * Seed 000's story with a forwarder that stops on error: one message delivered, the target goes
   * down, 20 more are produced, the forwarder stops (exit 3); the target comes back and the
   * forwarder is restarted. Returns what the group had committed when it stopped, and the verdict.
   */
  async function stopAndRestart(c: Case, mode: string): Promise<{ committedAtStop: number; verdict: Verdict }> {
    await c.startForwarder(mode, { FORWARDER_ON_ERROR: 'stop' });
    await awaitDelivery(suite.env.target.ledgerPath, c.ok(await c.producer.produce({ count: 1 })), 30_000);
    // The forwarder commits after the target's answer, so the delivery is seen before its commit:
    // the baseline is taken once that commit has landed, or it would count against the stop.
    await waitFor(async () => (await c.committedSum()) === 1, { what: "the first message's commit", timeoutMs: 30_000 });
    const committedBefore = await c.committedSum();
    await c.outage.inject();
    await c.producer.produce({ count: 20 });
    let exit: ExitInfo | undefined;
    void c.fleet.instance(1).exited.then((info) => (exit = info));
    await waitFor(() => exit, { what: 'the forwarder to stop on the failed delivery', timeoutMs: 30_000 });
    assert.equal(exit?.code, 3, 'stopped on a record error');
    const committedAtStop = (await c.committedSum()) - committedBefore;
    await c.outage.heal();
    await c.fleet.instance(1).start();
    return { committedAtStop, verdict: await c.judge(await c.drained()) };
  }

  it(
    'correct, retrying through a 3 s target outage: every check holds',
    suite.track(async () => {
      const c = await openCase('correct-retry');
      try {
        const verdict = await throughOutage(c, 'correct');
        assert.equal(verdict.valid, true, summary(verdict));
        assert.equal(check(verdict, 'lost').figures.logged, 1000);
        assert.equal(check(verdict, 'commit-during-outage').figures.outages, 1);
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'correct, stopping on error: no commit while stopped, nothing lost after the restart',
    suite.track(async () => {
      const c = await openCase('correct-stop');
      try {
        const { committedAtStop, verdict } = await stopAndRestart(c, 'correct');
        assert.equal(committedAtStop, 0, 'nothing committed for the undelivered messages');
        assert.equal(verdict.valid, true, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'ignore-errors: the messages sent during the outage are skipped, committed and lost',
    suite.track(async () => {
      const c = await openCase('ignore-errors');
      try {
        const verdict = await throughOutage(c, 'ignore-errors');
        assert.ok(check(verdict, 'lost').figures.lost! > 0, summary(verdict));
        assert.equal(check(verdict, 'commit-during-outage').valid, false, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'skip-after-retries: three attempts and a skip lose what a 3 s outage holds',
    suite.track(async () => {
      const c = await openCase('skip-after-retries');
      try {
        const verdict = await throughOutage(c, 'skip-after-retries', { FORWARDER_RETRY_INITIAL_MS: '100' });
        assert.ok(check(verdict, 'lost').figures.lost! > 0, summary(verdict));
        assert.equal(check(verdict, 'unsafe-commit').valid, false, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'auto-commit: the fetched batch is committed before the failed delivery stops it, and lost',
    suite.track(async () => {
      const c = await openCase('auto-commit');
      try {
        const { committedAtStop, verdict } = await stopAndRestart(c, 'auto-commit');
        assert.ok(committedAtStop > 0, 'offsets were committed for messages never delivered');
        assert.ok(check(verdict, 'lost').figures.lost! > 0, summary(verdict));
        assert.equal(check(verdict, 'unsafe-commit').valid, false, summary(verdict));
        assert.equal(check(verdict, 'commit-during-outage').valid, false, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'commit-before-send: the record that stopped the pipeline was committed first, and lost',
    suite.track(async () => {
      const c = await openCase('commit-before-send');
      try {
        const { committedAtStop, verdict } = await stopAndRestart(c, 'commit-before-send');
        assert.equal(committedAtStop, 1, 'exactly the failed record was committed');
        assert.equal(check(verdict, 'lost').figures.lost, 1, summary(verdict));
        assert.equal(check(verdict, 'unsafe-commit').valid, false, summary(verdict));
        assert.equal(check(verdict, 'commit-during-outage').valid, false, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'unordered-parallel: a backlog arrives complete but out of partition order',
    suite.track(async () => {
      const c = await openCase('unordered-parallel');
      try {
        const ids = c.ok(await c.producer.produce({ count: 1000 }));
        await c.startForwarder('unordered-parallel', { FORWARDER_ON_ERROR: 'retry' });
        await awaitDelivery(suite.env.target.ledgerPath, ids, 60_000);
        const verdict = await c.judge(await c.drained());
        assert.equal(check(verdict, 'order').valid, false, summary(verdict));
        assert.ok(check(verdict, 'order').figures.outOfOrder! > 0);
        assert.equal(check(verdict, 'lost').figures.lost, 0, 'still at-least-once');
        assert.equal(check(verdict, 'unsafe-commit').valid, true, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );

  it(
    'double-send: every message arrives twice, far over the duplicate bound',
    suite.track(async () => {
      const c = await openCase('double-send');
      try {
        await c.startForwarder('double-send');
        const ids = c.ok(await c.producer.produce({ count: 300 }));
        await awaitDelivery(suite.env.target.ledgerPath, ids, 60_000);
        const verdict = await c.judge(await c.drained());
        const duplicates = check(verdict, 'duplicates');
        assert.equal(duplicates.valid, false, summary(verdict));
        assert.equal(duplicates.figures.duplicateDeliveries, 300);
        assert.equal(duplicates.figures.worstMultiplicity, 2);
        assert.equal(check(verdict, 'lost').figures.lost, 0);
        assert.equal(check(verdict, 'order').valid, true, summary(verdict));
      } finally {
        await c.close();
      }
    }),
  );
});
