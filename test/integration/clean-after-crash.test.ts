// A runner killed with SIGKILL cannot stop what it started; `chaos:clean` must — processes, or
// containers and the run's network — and must leave a live run alone. On both runtimes. And it
// stays in its lane: without --run it touches only runs of its own project's runs directory.

import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import { RUNNER_ENV, RUNS_ROOT_ENV, RUN_ID_ENV } from '../../src/evidence/run-directory.js';
import { waitFor } from '../../src/util/wait-for.js';
import { leftoversOfRun, pidsOfRun, runnerExit, startHeldRunner } from '../support/held-runner.js';
import { removeIfPassed, runtimesUnderTest, tempRunsRoot } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');

/** What clean says it did, per runtime: processes stopped, or containers and networks removed. */
const CLEANED = {
  process: (runId: string, count: number) => new RegExp(`run ${runId}: stopped ${count} processes`),
  container: (runId: string, count: number) => new RegExp(`run ${runId}: removed ${count - 1} containers and 1 networks`),
};

describe('chaos:clean after a runner is killed with SIGKILL', () => {
  for (const runtime of runtimesUnderTest()) {
    it(`${runtime} runtime: finds everything of the crashed run by its labels and removes it all`, async () => {
      const runsRoot = tempRunsRoot('clean');
      const runner = await startHeldRunner(runsRoot, runtime);
      try {
        const { runId } = runner;
        const before = await leftoversOfRun(runId, runtime);
        assert.ok(before.length >= 6, `3 brokers, toxiproxy, target and a SUT carry the label (found: ${before.join(', ')})`);

        const live = await exec(process.execPath, [cli, 'clean', '--run', runId]);
        assert.match(live.stdout, /still running/);
        assert.deepEqual(await leftoversOfRun(runId, runtime), before, 'a live run is left alone');

        runner.process.kill('SIGKILL');
        await runnerExit(runner.process, 10_000);
        assert.deepEqual((await leftoversOfRun(runId, runtime)).sort(), before.sort(), 'the orphans survive their runner');

        // Every process and container names its runs directory: another project's clean leaves them be…
        const otherRoot = tempRunsRoot('clean-other');
        await exec(process.execPath, [cli, 'clean'], { env: { ...process.env, KAFKA_CHAOS_RUNS_DIR: otherRoot } });
        assert.deepEqual((await leftoversOfRun(runId, runtime)).sort(), before.sort(), "another project's clean leaves the run alone");
        removeIfPassed(otherRoot, true);
        // …and its own project's clean, without --run, finds them all.
        const cleaned = await exec(process.execPath, [cli, 'clean'], { env: { ...process.env, KAFKA_CHAOS_RUNS_DIR: runsRoot } });
        assert.match(cleaned.stdout, CLEANED[runtime](runId, before.length));
        assert.deepEqual(await leftoversOfRun(runId, runtime), [], 'nothing of the run is left: no process, container or network');
        removeIfPassed(runsRoot, true);
      } finally {
        await runner.killAll();
      }
    });
  }
});

/** An orphan as a killed runner leaves it: a labelled process whose runner is dead (no pid 999999999 with 0 ticks). */
function orphan(runId: string, runsRoot: string): ChildProcess {
  return spawn('sleep', ['60'], {
    env: { PATH: process.env.PATH, [RUN_ID_ENV]: runId, [RUNNER_ENV]: '999999999:0', [RUNS_ROOT_ENV]: runsRoot },
    stdio: 'ignore',
  });
}

describe('chaos:clean stays in its lane', () => {
  it("without --run it stops only its own project's orphans; another runs directory's are left running", async () => {
    const [rootA, rootB] = [tempRunsRoot('lane-a'), tempRunsRoot('lane-b')];
    const tag = crypto.randomBytes(3).toString('hex');
    const [runA, runB] = [`lane-a-${tag}`, `lane-b-${tag}`];
    const children = [orphan(runA, rootA), orphan(runB, rootB)];
    try {
      await waitFor(() => pidsOfRun(runA).length === 1 && pidsOfRun(runB).length === 1, {
        what: 'both orphans to carry their labels',
        timeoutMs: 10_000,
        intervalMs: 50,
      });
      const clean = await exec(process.execPath, [cli, 'clean'], { env: { ...process.env, KAFKA_CHAOS_RUNS_DIR: rootA } });
      assert.match(clean.stdout, new RegExp(`run ${runA}: stopped 1 processes`));
      assert.match(
        clean.stdout,
        new RegExp(`left alone \\d+ runs? of other runs directories than ${rootA}: .*${runB} \\(${rootB}\\).*--all-projects`),
      );
      assert.deepEqual(pidsOfRun(runA), [], "project A's orphan is stopped");
      assert.deepEqual(pidsOfRun(runB), [children[1]!.pid], "project B's orphan is left running");

      // Named by --run, a run is cleaned whichever project it belongs to.
      const named = await exec(process.execPath, [cli, 'clean', '--run', runB], { env: { ...process.env, KAFKA_CHAOS_RUNS_DIR: rootA } });
      assert.match(named.stdout, new RegExp(`run ${runB}: stopped 1 processes`));
      assert.deepEqual(pidsOfRun(runB), []);
      removeIfPassed(rootA, true);
      removeIfPassed(rootB, true);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
