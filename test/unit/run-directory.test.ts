// The run directory: run.json names its runner (pid + start ticks); log tails for messages.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { RunDirectory, newRunId, processStartTicks, tailLines } from '../../src/evidence/run-directory.js';

const which = (name: string): string => {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not on PATH`);
};

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-run-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('RunDirectory', () => {
  it('records this process as the runner in run.json', () => {
    const run = RunDirectory.create(scratch);
    assert.equal(run.root, path.join(scratch, run.runId));
    assert.ok(fs.statSync(run.logsDir).isDirectory());
    const info = JSON.parse(fs.readFileSync(path.join(run.root, 'run.json'), 'utf8'));
    assert.equal(info.runId, run.runId);
    assert.equal(info.runnerPid, process.pid);
    assert.equal(typeof info.runnerStartTicks, 'number');
    assert.ok(Number.isInteger(info.runnerStartTicks) && info.runnerStartTicks > 0);
    assert.equal(info.runnerStartTicks, processStartTicks(process.pid));
    assert.ok(!Number.isNaN(Date.parse(info.startedAt)));
  });

  it('annotate merges facts into run.json', () => {
    const run = RunDirectory.create(scratch, 'annotated');
    run.annotate({ runtime: 'process' });
    run.annotate({ kafkaVersion: '3.9.1' });
    const info = RunDirectory.open(run.root).info();
    assert.equal(info.runId, 'annotated');
    assert.equal(info.runnerPid, process.pid);
    assert.equal(info.runtime, 'process');
    assert.equal(info.kafkaVersion, '3.9.1');
  });
});

describe('newRunId', () => {
  it('is YYYYMMDD-HHMMSS-xxxxxx, stamped in UTC, and unique', () => {
    const id = newRunId(new Date('2024-03-05T07:08:09.123Z'));
    assert.match(id, /^20240305-070809-[0-9a-f]{6}$/);
    assert.match(newRunId(), /^\d{8}-\d{6}-[0-9a-f]{6}$/);
    assert.notEqual(newRunId(), newRunId());
  });
});

describe('processStartTicks', () => {
  it('is null for a process that does not exist', () => {
    assert.equal(processStartTicks(2 ** 22 + 1), null);
  });

  it('is stable for a live process and not earlier than its parent’s', () => {
    const own = processStartTicks(process.pid);
    assert.equal(processStartTicks(process.pid), own);
    const parent = processStartTicks(process.ppid);
    assert.ok(parent !== null && own !== null && parent <= own, `parent ${parent}, own ${own}`);
  });

  it('reads a process whose command name contains spaces and parentheses', async () => {
    const program = path.join(scratch, 'x) y (z');
    fs.copyFileSync(which('sleep'), program);
    fs.chmodSync(program, 0o755);
    const child = spawn(program, ['5'], { stdio: 'ignore' });
    try {
      await once(child, 'spawn');
      assert.match(fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8'), /^\d+ \(x\) y \(z\) /);
      const own = processStartTicks(process.pid)!;
      const ticks = processStartTicks(child.pid!);
      assert.ok(ticks !== null && Number.isInteger(ticks) && ticks >= own, `child ${ticks}, own ${own}`);
    } finally {
      child.kill();
    }
  });
});

describe('tailLines', () => {
  it('returns the last N non-empty lines', () => {
    const file = path.join(scratch, 'broker.log');
    fs.writeFileSync(file, 'one\ntwo\n\nthree\n   \nfour\n');
    assert.equal(tailLines(file, 3), 'two\nthree\nfour');
    assert.equal(tailLines(file), 'one\ntwo\nthree\nfour');
  });

  it('returns "" for a missing file', () => {
    assert.equal(tailLines(path.join(scratch, 'absent.log')), '');
  });
});
