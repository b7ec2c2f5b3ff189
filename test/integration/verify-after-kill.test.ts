// A runner killed with SIGKILL mid-scenario leaves its ledgers half-written (a torn last line
// at worst) and never collects the end-of-run evidence. `verify` still reads what is there from
// the run directory alone, and says — without crashing, without claiming a violation it cannot
// prove — that the checks needing what the run never collected (the read-back, the commits, the
// final offsets) are unknown: exit 2. `chaos:clean` stops the orphans.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import { waitFor } from '../../src/util/wait-for.js';
import type { Verdict } from '../../src/verify/index.js';
import { pidsOfRun, runnerExit } from '../support/held-runner.js';
import { removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');

describe('verify after the runner was killed mid-scenario', () => {
  it('judges the run directory it left, and clean stops what it left running', async () => {
    const runsRoot = tempRunsRoot('killed-scenario');
    const runner = spawn(process.execPath, [path.join(packageRoot, 'dist', 'test', 'fixtures', 'scenario-until-killed.js'), runsRoot], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    readline.createInterface({ input: runner.stdout! }).on('line', (line) => lines.push(line));
    let runId = '';
    try {
      const ready = await waitFor(
        () => {
          if (runner.exitCode !== null) throw new Error(`the runner exited with ${runner.exitCode} before it was ready`);
          const line = lines.find((l) => l.startsWith('{"runId"'));
          return line ? (JSON.parse(line) as { runId: string; root: string }) : undefined;
        },
        { what: 'the scenario to reach its outage', timeoutMs: 180_000 },
      );
      runId = ready.runId;
      await sleep(2000); // producing on, the target down
      runner.kill('SIGKILL');
      await runnerExit(runner, 10_000);

      let code = 0;
      let stdout = '';
      try {
        ({ stdout } = await exec(process.execPath, [cli, 'verify', ready.root]));
      } catch (error) {
        ({ code, stdout } = error as { code: number; stdout: string });
      }
      assert.match(stdout, /^verdict: unknown — Checker could not decide/, 'a verdict, not a crash');
      assert.match(stdout, /warning: log\.jsonl is missing/);
      const verdict = JSON.parse(fs.readFileSync(path.join(ready.root, 'verdict.json'), 'utf8')) as Verdict;
      assert.equal(verdict.valid, 'unknown');
      const lost = verdict.checks.find((c) => c.name === 'lost')!;
      assert.equal(lost.valid, 'unknown', 'without the read-back, loss can be neither proved nor ruled out');
      assert.match(lost.explanation, /it needs log\.jsonl, and log\.jsonl is missing/);
      const outage = verdict.checks.find((c) => c.name === 'commit-during-outage')!;
      assert.match(outage.explanation, /commits\.jsonl is missing/);
      assert.equal(code, 2);

      await exec(process.execPath, [cli, 'clean', '--run', runId]);
      assert.deepEqual(pidsOfRun(runId), []);
      removeIfPassed(runsRoot, true);
    } finally {
      runner.kill('SIGKILL');
      for (const pid of runId ? pidsOfRun(runId) : []) process.kill(pid, 'SIGKILL');
    }
  });
});
