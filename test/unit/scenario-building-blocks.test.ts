// The scenario layer's small parts: scoped names, the fault book (with its ledger), the fault
// log as the report shows it, the progress line on a terminal and in a log, the chaos
// command's own flags, and the results directory kept for Allure's history.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { clearResults, splitChaosArgs } from '../../src/cli/commands/chaos.js';
import { readLedgers } from '../../src/evidence/read-ledgers.js';
import { FaultLedger } from '../../src/evidence/fault-ledger.js';
import { defaultSut } from '../../src/scenario/default-sut.js';
import { FaultBook } from '../../src/faults/fault-book.js';
import type { FaultContext, FaultKind, FaultLayer, FaultSubject } from '../../src/faults/fault-kind.js';
import { formatSeconds, withProgress } from '../../src/scenario/progress-line.js';
import { scenarioFolderName } from '../../src/scenario/scenario-evidence.js';
import { ScenarioNames } from '../../src/scenario/scenario-names.js';
import { describeFaults } from '../../src/scenario/scenario-report.js';
import { ConfigError } from '../../src/util/errors.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-scenario-'));

/** A hand-made fault kind: its inject does nothing (or throws `failure`), its heal calls `onHeal`. */
function kind<Params extends object>(
  name: string,
  layer: FaultLayer,
  subject: (params: Params) => FaultSubject,
  onHeal?: () => unknown,
  failure?: string,
): FaultKind<Params> {
  return {
    name,
    layer,
    summary: name,
    subject,
    example: () => ({}) as Params,
    async inject() {
      if (failure) throw new Error(failure);
      return onHeal ? { heal: async () => void onHeal() } : {};
    },
  };
}
const CTX = {} as FaultContext; // the hand-made kinds act on nothing

describe('scenario building blocks', () => {
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('scopes topic and group names per scenario and refuses undeclared topics', () => {
    const names = new ScenarioNames(7, 'beef');
    const topic = names.declareTopic('orders', 3, 3);
    assert.equal(topic.real, 'orders-s07beef');
    assert.equal(names.topic('orders'), topic);
    assert.equal(names.group('billing'), 'billing-s07beef');
    assert.equal(names.group('billing'), 'billing-s07beef', 'stable');
    assert.deepEqual(names.mapping(), { 'topic orders': 'orders-s07beef', 'group billing': 'billing-s07beef' });
    assert.throws(
      () => names.topic('payments'),
      (e: unknown) => e instanceof ConfigError && /not declared.*Given a topic "payments"/.test(e.message),
    );
    assert.throws(() => names.declareTopic('orders', 1, 1), /declared twice/);
    assert.throws(() => names.group('no spaces allowed'), /not usable/);
    // The random tag keeps two runs of scenario 7 apart: 16 draws of 2 random bytes all alike is ~2^-240.
    const suffixes = new Set(Array.from({ length: 16 }, () => new ScenarioNames(7).suffix));
    assert.ok(suffixes.size > 1, `16 suffixes of scenario 7 were all ${[...suffixes][0]}`);
    assert.match([...suffixes][0]!, /^s07[0-9a-f]{4}$/);
  });

  it('names a scenario folder by number and slug', () => {
    assert.equal(scenarioFolderName(3, 'Everything works, and a commit follows!'), '03-everything-works-and-a-commit-follows');
    assert.equal(scenarioFolderName(12, '???'), '12-scenario');
  });

  it('books faults with their heals, heals by kind and subject or all, and records both in faults.jsonl', async () => {
    const dir = path.join(scratch, 'book');
    fs.mkdirSync(dir);
    const ledger = new FaultLedger({ file: (name: string) => path.join(dir, name) });
    const book = new FaultBook(ledger);
    const undone: string[] = [];
    const targetDown = kind<object>(
      'target-down',
      'target',
      () => ({ on: 'target' }),
      () => undone.push('target'),
    );
    const isolate = kind<{ broker: number }>(
      'isolate-broker',
      'network',
      (p) => ({ on: 'broker', broker: p.broker }),
      () => undone.push('broker'),
    );
    const scale = kind<{ to: number }>('sut-scale', 'sut', () => ({ on: 'sut' }));
    const failing = kind<object>('kill-broker', 'broker', () => ({ on: 'broker', broker: 1 }), undefined, 'no such broker');
    const down = await book.inject(targetDown, {}, CTX);
    await book.inject(isolate, { broker: 2 }, CTX);
    await book.inject(isolate, { broker: 3 }, CTX);
    await book.inject(scale, { to: 3 }, CTX);
    assert.match(book.describeActive(), /^target-down target \ds, isolate-broker broker-2 \ds, isolate-broker broker-3 \ds$/);
    assert.ok(book.actsOn('network') && book.actsOn('target') && !book.actsOn('broker'), 'a scale-out is over at once');
    await assert.rejects(book.inject(failing, {}, CTX), /no such broker/);
    assert.equal(book.list().length, 3, 'a fault whose inject failed is not booked');
    assert.equal(await book.healKinds([isolate], (s) => s.on === 'broker' && s.broker === 2), 1);
    assert.equal(await book.healKinds([targetDown], (s) => s.on === 'broker'), 0, 'kind and subject must both match');
    await down.heal();
    await down.heal();
    assert.equal(await book.healAll(), 1);
    assert.deepEqual(undone, ['broker', 'target', 'broker']);
    assert.equal(book.describeActive(), 'none');
    ledger.close();
    const { faults } = await readLedgers(dir);
    assert.deepEqual(faults.map((f) => [f.fault, f.subject, f.healedAt !== null]).sort(), [
      ['isolate-broker', 'broker-2', true],
      ['isolate-broker', 'broker-3', true],
      ['sut-scale', 'sut', true],
      ['target-down', 'target', true],
    ]);
    const text = describeFaults(faults, faults[0]!.injectedAt);
    assert.match(text, /^target-down target: 0\.0s → \d+\.\ds \(\d+\.\ds\)$/m);
    assert.match(text, /isolate-broker broker-2: .* \{"broker":2\}/);
    assert.equal(describeFaults([], 0), 'No fault was injected in this scenario.');
  });

  it('keeps healing the others when one heal fails, then reports it', async () => {
    const book = new FaultBook(new FaultLedger({ file: (name: string) => path.join(scratch, `heal-${name}`) }));
    const healed: string[] = [];
    await book.inject(
      kind<object>(
        'a',
        'target',
        () => ({ on: 'target' }),
        () => healed.push('a'),
      ),
      {},
      CTX,
    );
    await book.inject(
      kind<object>(
        'b',
        'network',
        () => ({ on: 'cluster' }),
        () => {
          throw new Error('toxiproxy gone');
        },
      ),
      {},
      CTX,
    );
    await assert.rejects(book.healAll(), /toxiproxy gone/);
    assert.deepEqual(healed, ['a']);
  });

  it('rewrites one line on a terminal and prints periodic lines elsewhere', async () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 80, write: (t: string) => written.push(t) };
    const value = await withProgress('draining', async () => 'delivered 3/10', new Promise((r) => setTimeout(() => r(42), 130)), {
      output: tty,
      ttyIntervalMs: 20,
    });
    assert.equal(value, 42);
    assert.ok(written.length >= 3, written.join('|'));
    assert.ok(
      written.slice(0, -1).every((t) => t.startsWith('\r\x1b[K  … draining ') && t.includes('delivered 3/10') && !t.includes('\n')),
    );
    assert.equal(written[written.length - 1], '\r\x1b[K', 'cleared at the end');

    const log: string[] = [];
    await withProgress(
      'waiting',
      async () => {
        throw new Error('broker away');
      },
      new Promise((r) => setTimeout(r, 90)),
      { output: { write: (t: string) => log.push(t) }, periodMs: 40 },
    );
    assert.ok(log.length >= 1 && log.every((t) => t.endsWith('\n') && t.includes('(progress unavailable: broker away)')), log.join('|'));
    assert.equal(formatSeconds(4200), '4s');
    assert.equal(formatSeconds(65_000), '1m05s');
  });

  it('takes its own flags out of the cucumber arguments', () => {
    assert.deepEqual(splitChaosArgs(['--tags', '@smoke', '--sut', 'my-fwd', 'features/x.feature']), {
      sut: 'my-fwd',
      cucumberArgs: ['--tags', '@smoke', 'features/x.feature'],
    });
    assert.deepEqual(splitChaosArgs(['--cucumber-config=other.mjs', '--dry-run']), {
      configFile: 'other.mjs',
      cucumberArgs: ['--dry-run'],
    });
    assert.throws(() => splitChaosArgs(['--sut']), /--sut needs a value/);
  });

  it('picks the SUT "the system under test" means', () => {
    assert.equal(defaultSut(undefined, ['forwarder']), 'forwarder');
    assert.equal(defaultSut(undefined, ['forwarder', 'mine']), 'mine');
    assert.throws(() => defaultSut(undefined, ['forwarder', 'a', 'b']), /ambiguous.*2 systems under test \(a, b\).*--sut a/);
    assert.equal(defaultSut('a', ['forwarder', 'a', 'b']), 'a');
    assert.throws(() => defaultSut('c', ['forwarder', 'a']), /no SUT "c".*forwarder, a/);
  });

  it('empties a results directory but keeps Allure history', () => {
    const results = path.join(scratch, 'allure-results');
    fs.mkdirSync(path.join(results, 'history'), { recursive: true });
    fs.writeFileSync(path.join(results, 'history', 'history-trend.json'), '[]');
    fs.writeFileSync(path.join(results, 'old-result.json'), '{}');
    clearResults(results);
    assert.deepEqual(fs.readdirSync(results), ['history']);
    assert.deepEqual(fs.readdirSync(path.join(results, 'history')), ['history-trend.json']);
  });
});

describe('the group coordinator, as Kafka places a group', () => {
  it('hashes like Java String.hashCode and takes Utils.abs of it', async () => {
    const { javaStringHash, groupOffsetsPartition } = await import('../../src/environment/group-coordinator.js');
    assert.equal(javaStringHash('hello'), 99162322);
    assert.equal(javaStringHash(''), 0);
    assert.equal(javaStringHash('polygenelubricants'), -2147483648);
    assert.equal(groupOffsetsPartition('polygenelubricants', 50), 0, 'Integer.MIN_VALUE maps to 0');
    // A negative hash takes Math.abs (142301133 % 5 = 3), not a sign-bit mask (which gives 0).
    assert.equal(javaStringHash('settlement-s0204ec'), -142301133);
    assert.equal(groupOffsetsPartition('settlement-s0204ec', 5), 3);
  });
});
