// `kafka-chaos verify <dir>` through the compiled CLI, on hand-written run directories and run
// roots: exit 0 when every judged check holds, 1 when one is violated (or a step found a failure),
// 2 when the evidence is missing, corrupt or undecided — each problem one line naming its file
// (and line). A torn last line is dropped and the rest judged; unasserted checks are "not judged".

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { LEDGER_FILES } from '../../src/evidence/ledger-records.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { GROUP, TOPIC, answered, commit, finalOffsets, logged, produced } from '../support/verify-fixtures.js';

const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-verify-cli-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const FACTS = { group: GROUP, topics: [TOPIC] };

function runDir(name: string, files: Record<string, unknown[] | object | string>, facts: object | string = FACTS): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'run.json'), typeof facts === 'string' ? facts : JSON.stringify({ runId: name, ...facts }));
  for (const [file, content] of Object.entries(files)) {
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? content.map((r) => JSON.stringify(r) + '\n').join('')
          : JSON.stringify(content);
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function verifyCli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, 'verify', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

/** Two messages on p0, both delivered, each committed after its delivery. */
const healthy = {
  [LEDGER_FILES.produced]: [produced('a', 0, 0, 10), produced('b', 0, 1, 11)],
  [LEDGER_FILES.log]: [logged('a', 0, 0), logged('b', 0, 1)],
  [LEDGER_FILES.delivered]: [answered('a', 100), answered('b', 200)],
  [LEDGER_FILES.commits]: [commit(0, 1, 150), commit(0, 2, 250)],
  [LEDGER_FILES.offsets]: finalOffsets({ 0: 2 }, { 0: 2 }),
};

const without = (...names: string[]) => Object.fromEntries(Object.entries(healthy).filter(([file]) => !names.includes(file)));

describe('kafka-chaos verify', () => {
  it('exits 0 and writes verdict.json and timeline.json when the run holds', () => {
    const dir = runDir('holds', healthy);
    const { code, stdout } = verifyCli(dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^verdict: holds/);
    const verdict = JSON.parse(fs.readFileSync(path.join(dir, 'verdict.json'), 'utf8')) as { valid: unknown; judged: string[] };
    assert.equal(verdict.valid, true);
    assert.ok(verdict.judged.includes('lost') && !verdict.judged.includes('duplicates'));
    const timeline = JSON.parse(fs.readFileSync(path.join(dir, 'timeline.json'), 'utf8')) as { seconds: { delivered: number }[] };
    assert.equal(
      timeline.seconds.reduce((sum, s) => sum + s.delivered, 0),
      2,
      'timeline.json charts both deliveries',
    );
  });

  it('exits 1 and names the violated check when a commit ran ahead of delivery', () => {
    const { code, stdout } = verifyCli(runDir('unsafe', { ...healthy, [LEDGER_FILES.commits]: [commit(0, 2, 50)] }));
    assert.equal(code, 1, stdout);
    assert.match(stdout, /unsafe-commit\s+VIOLATED/);
  });

  it('exits 2 naming every missing ledger when a folder holds only run.json and offsets.json', () => {
    const { code, stdout } = verifyCli(runDir('only-offsets', { [LEDGER_FILES.offsets]: healthy[LEDGER_FILES.offsets] }));
    assert.equal(code, 2, stdout);
    assert.match(stdout, /^verdict: unknown — Checker could not decide/);
    for (const file of ['produced.jsonl', 'log.jsonl', 'delivered.jsonl', 'commits.jsonl'])
      assert.match(stdout, new RegExp(`warning: ${file} is missing`));
    assert.doesNotMatch(stdout, /holds|VIOLATED/);
  });

  it('exits 2, not 1, for a missing delivered.jsonl, commits.jsonl, or produced.jsonl and log.jsonl', () => {
    for (const [name, missing] of [
      ['no-delivered', ['delivered.jsonl']],
      ['no-commits', ['commits.jsonl']],
      ['no-produced-log', ['produced.jsonl', 'log.jsonl']],
    ] as const) {
      const { code, stdout } = verifyCli(runDir(name, without(...missing)));
      assert.equal(code, 2, `${name}: ${stdout}`);
      assert.match(stdout, new RegExp(`it needs ${missing[0]!.replace('.', '\\.')}, and ${missing[0]!.replace('.', '\\.')} is missing`));
      assert.doesNotMatch(stdout, /VIOLATED/, name);
    }
  });

  it('judges the remaining lines when the last line of delivered.jsonl or log.jsonl is torn: holds stays holds', () => {
    const tornDelivery = lines(healthy[LEDGER_FILES.delivered]) + '\n' + JSON.stringify(answered('b', 300)).slice(0, 30);
    let run = verifyCli(runDir('torn-delivered', { ...healthy, [LEDGER_FILES.delivered]: tornDelivery }));
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /warning: delivered\.jsonl:3: dropped a torn last line .*it carried b/);
    // The torn line was b's only 2xx: b is excused, not lost, and its commit is not unsafe.
    const onlyA = lines([answered('a', 100)]) + '\n' + JSON.stringify(answered('b', 200)).slice(0, 40);
    run = verifyCli(runDir('torn-only-delivery', { ...healthy, [LEDGER_FILES.delivered]: onlyA }));
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /lost\s+holds .*excused=1/);
    const tornLog = lines(healthy[LEDGER_FILES.log]).slice(0, -10);
    run = verifyCli(runDir('torn-log', { ...healthy, [LEDGER_FILES.log]: tornLog }));
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /warning: log\.jsonl:2: dropped a torn last line .*it carried b/);
  });

  it('says unknown when a torn line lost its id and the violation is no bigger than that', () => {
    const cutBeforeId = lines([answered('a', 100)]) + '\n{"i';
    const { code, stdout } = verifyCli(runDir('torn-no-id', { ...healthy, [LEDGER_FILES.delivered]: cutBeforeId }));
    assert.equal(code, 2, stdout);
    assert.match(stdout, /lost\s+unknown .*torn last line of delivered\.jsonl lost its id/);
  });

  it('exits 2 naming file:line for garbage mid-file, a null line, or a {} line (with the reason)', () => {
    const cases = [
      [
        'garbage',
        `${JSON.stringify(answered('a', 100))}\ngarbage{\n${JSON.stringify(answered('b', 200))}\n`,
        /delivered\.jsonl:2: not JSON: "garbage\{"/,
      ],
      ['null', `null\n${lines(healthy[LEDGER_FILES.delivered])}\n`, /delivered\.jsonl:1: the line is null, not a record/],
      [
        'empty-object',
        `${JSON.stringify(answered('a', 100))}\n{}\n${JSON.stringify(answered('b', 200))}\n`,
        /delivered\.jsonl:2: the record has no id/,
      ],
    ] as const;
    for (const [name, text, reason] of cases) {
      const { code, stdout, stderr } = verifyCli(runDir(`corrupt-${name}`, { ...healthy, [LEDGER_FILES.delivered]: text }));
      assert.equal(code, 2, `${name}: ${stdout}`);
      assert.equal(stderr, '', name);
      assert.match(stdout, reason, name);
      assert.match(stdout, /lost\s+unknown/, name);
      assert.match(stdout, /commit-regression\s+holds/, `${name}: checks that do not read delivered.jsonl still judge`);
    }
  });

  it('exits 2 with one line naming run.json when it is garbage', () => {
    const { code, stdout, stderr } = verifyCli(runDir('garbage-run-json', healthy, 'garbage\n{'));
    assert.equal(code, 2, stdout);
    assert.match(stderr, /^kafka-chaos: \S+run\.json is not JSON \(it does not parse\) — fix: .*\n$/);
  });

  it('exits 2 with one line for a directory that is neither a run directory nor a run root', () => {
    const dir = path.join(scratch, 'plain');
    fs.mkdirSync(dir, { recursive: true });
    const { code, stderr } = verifyCli(dir);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^kafka-chaos: \S+plain is neither a run directory \(it has no run\.json\) nor a run root \(it has no scenarios\/\*\/run\.json\) — fix: .*\n$/,
    );
    assert.match(verifyCli(path.join(scratch, 'no-such-dir')).stderr, /no-such-dir is not a directory/);
    assert.match(verifyCli(runDir('no-group', healthy, {})).stderr, /run\.json names no consumer group — fix: pass --group/);
  });

  it('judges a run root scenario by scenario, one table each, exiting with the worst', () => {
    const root = runDir('root', { [LEDGER_FILES.delivered]: [answered('x', 1)] }, { runId: 'root' });
    const scenario = (name: string, files: Record<string, unknown[] | object>) => runDir(path.join('root', 'scenarios', name), files);
    scenario('01-holds', healthy);
    scenario('02-undecided', without('commits.jsonl'));
    let run = verifyCli(root);
    assert.equal(run.code, 2, run.stdout);
    assert.equal(run.stdout.match(/^verdict: /gm)?.length, 2);
    assert.match(run.stdout, /scenario 01-holds[^\n]*\nverdict: holds/);
    assert.match(run.stdout, /2 scenarios: 1 hold, 0 violated, 1 undecided/);
    assert.doesNotMatch(run.stdout, /phantom-corrupt\s+VIOLATED/, "the root's own delivered.jsonl is not judged");
    scenario('03-violated', { ...healthy, [LEDGER_FILES.commits]: [commit(0, 2, 50)] });
    run = verifyCli(root);
    assert.equal(run.code, 1, run.stdout);
  });

  it('shows an unasserted check as "not judged", failing or not, and --all judges it', () => {
    const undelivered = {
      ...healthy,
      [LEDGER_FILES.delivered]: [answered('a', 100)],
      [LEDGER_FILES.commits]: [commit(0, 1, 150)],
      [LEDGER_FILES.offsets]: finalOffsets({ 0: 1 }, { 0: 2 }),
    };
    const dir = runDir('not-asserted', undelivered, { ...FACTS, assertedChecks: ['unsafe-commit'] });
    let run = verifyCli(dir);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /recovery\s+not judged \(would fail\)/);
    assert.match(run.stdout, /lost\s+not judged \(would fail\)/);
    assert.match(run.stdout, /order\s+not judged /);
    const verdict = JSON.parse(fs.readFileSync(path.join(dir, 'verdict.json'), 'utf8')) as {
      judged: string[];
      checks: { name: string; judged: boolean; valid: unknown }[];
    };
    assert.deepEqual(verdict.judged, ['unsafe-commit']);
    assert.deepEqual(
      verdict.checks.find((c) => c.name === 'recovery'),
      { ...verdict.checks.find((c) => c.name === 'recovery'), judged: false, valid: false },
    );
    run = verifyCli(dir, '--all');
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /recovery\s+VIOLATED/);
  });

  it('does not judge duplicates without a bound; --max-duplicates or run.json gives one', () => {
    const twice = { ...healthy, [LEDGER_FILES.delivered]: [answered('a', 100), answered('b', 200), answered('b', 300)] };
    const run = verifyCli(runDir('dup-unbounded', twice));
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /duplicates\s+not judged\s+duplicateDeliveries=1/);
    assert.doesNotMatch(run.stdout, /duplicates\s+holds/);
    assert.equal(verifyCli(runDir('dup-ok', twice), '--max-duplicates', '1').code, 0);
    const over = verifyCli(runDir('dup-over', twice), '--max-duplicates', '0');
    assert.equal(over.code, 1);
    assert.match(over.stdout, /duplicates\s+VIOLATED/);
    assert.equal(verifyCli(runDir('dup-bound-in-run-json', twice, { ...FACTS, maxDuplicates: 0 })).code, 1);
  });

  it('makes each step finding a violated row, and says so when nothing was asserted', () => {
    const finding = {
      category: 'Pipeline did not stop',
      detail: 'the forwarder still ran after 30 s',
      step: 'Then within 30 seconds the forwarder has stopped',
    };
    let run = verifyCli(runDir('finding', healthy, { ...FACTS, assertedChecks: [], stepFindings: [finding] }));
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /^verdict: VIOLATED/);
    assert.match(run.stdout, /step\s+VIOLATED\s+Pipeline did not stop: the forwarder still ran after 30 s \(Then within 30 seconds/);
    run = verifyCli(runDir('nothing-asserted', healthy, { ...FACTS, assertedChecks: [] }));
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /warning: no check was asserted/);
  });

  it('prints its options for --help and exits 0', () => {
    const { code, stdout } = verifyCli('--help');
    assert.equal(code, 0);
    for (const flag of ['--all', '--group', '--topic', '--max-duplicates']) assert.ok(stdout.includes(flag), flag);
  });
});
