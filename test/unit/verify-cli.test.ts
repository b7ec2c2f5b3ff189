// `kafka-chaos verify <run-dir>` on hand-written run directories: exit 0 when the promise holds,
// 1 when it is violated, 2 when the evidence cannot be judged; verdict.json is written; a torn
// last line (a killed run) is skipped with a warning rather than failing the verdict.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { LEDGER_FILES } from '../../src/evidence/ledger-records.js';
import { projectRoot } from '../../src/setup/project-paths.js';
import { GROUP, TOPIC, answered, commit, finalOffsets, logged, produced } from '../support/verify-fixtures.js';

const exec = promisify(execFile);
const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-verify-cli-'));

function runDir(name: string, files: Record<string, unknown[] | object | string>, facts: object = { group: GROUP, topics: [TOPIC] }): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ runId: name, ...facts }));
  for (const [file, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((r) => JSON.stringify(r)).join('\n') + '\n' : JSON.stringify(content);
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function verifyCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, 'verify', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Two messages on p0, both delivered, each committed after its delivery. */
const healthy = {
  [LEDGER_FILES.produced]: [produced('a', 0, 0, 10), produced('b', 0, 1, 11)],
  [LEDGER_FILES.log]: [logged('a', 0, 0), logged('b', 0, 1)],
  [LEDGER_FILES.delivered]: [answered('a', 100), answered('b', 200)],
  [LEDGER_FILES.commits]: [commit(0, 1, 150), commit(0, 2, 250)],
  [LEDGER_FILES.offsets]: finalOffsets({ 0: 2 }, { 0: 2 }),
};

describe('kafka-chaos verify', () => {
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('exits 0 and writes verdict.json and timeline.json when the run holds', async () => {
    const dir = runDir('holds', healthy);
    const { code, stdout } = await verifyCli(dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^verdict: holds/);
    const verdict = JSON.parse(fs.readFileSync(path.join(dir, 'verdict.json'), 'utf8')) as { valid: unknown };
    assert.equal(verdict.valid, true);
    const timeline = JSON.parse(fs.readFileSync(path.join(dir, 'timeline.json'), 'utf8')) as { seconds: { delivered: number }[] };
    assert.equal(timeline.seconds.reduce((sum, s) => sum + s.delivered, 0), 2, 'timeline.json charts both deliveries');
  });

  it('exits 1 and names the violated check when a commit ran ahead of delivery', async () => {
    const dir = runDir('unsafe', { ...healthy, [LEDGER_FILES.commits]: [commit(0, 2, 50)] });
    const { code, stdout } = await verifyCli(dir);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /unsafe-commit\s+VIOLATED/);
  });

  it('judges a killed run: a torn last line is a warning, not a failure', async () => {
    const delivered = healthy[LEDGER_FILES.delivered].map((r) => JSON.stringify(r)).join('\n') + '\n{"id":"c","receiv';
    const dir = runDir('killed', { ...healthy, [LEDGER_FILES.delivered]: delivered });
    const { code, stdout } = await verifyCli(dir);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /warning: .*delivered\.jsonl:3: skipped an unreadable line/);
  });

  it('applies --max-duplicates', async () => {
    const twice = { ...healthy, [LEDGER_FILES.delivered]: [answered('a', 100), answered('b', 200), answered('b', 300)] };
    assert.equal((await verifyCli(runDir('dup-ok', twice), '--max-duplicates', '1')).code, 0);
    const { code, stdout } = await verifyCli(runDir('dup-over', twice), '--max-duplicates', '0');
    assert.equal(code, 1);
    assert.match(stdout, /duplicates\s+VIOLATED/);
  });

  it('exits 2 with one line naming the cause when the evidence cannot be judged', async () => {
    const missing = await verifyCli(path.join(scratch, 'no-such-run'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^kafka-chaos: .*is not a run directory \(it has no run\.json\)\n$/);
    const noGroup = await verifyCli(runDir('no-group', healthy, {}));
    assert.equal(noGroup.code, 2);
    assert.match(noGroup.stderr, /names no consumer group — fix: pass --group/);
  });

  it('exits 2, never 0, when a ledger is malformed: the checks that need it are unknown', async () => {
    const dir = runDir('malformed', { ...healthy, [LEDGER_FILES.log]: [{ id: 'a', topic: TOPIC }, logged('b', 0, 1)] });
    const { code, stdout } = await verifyCli(dir);
    assert.equal(code, 2, stdout);
    assert.match(stdout, /^verdict: unknown/);
    assert.match(stdout, /lost\s+unknown/);
  });
});
