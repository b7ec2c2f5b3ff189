// A runner killed with SIGKILL cannot stop what it started; `chaos:clean` must — processes, or
// containers and the run's network — and must leave a live run alone. On both runtimes.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/setup/project-paths.js';
import { leftoversOfRun, runnerExit, startHeldRunner } from '../support/held-runner.js';
import { removeIfPassed, runtimesUnderTest, tempRunsRoot } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');

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
        const before = await leftoversOfRun(runId);
        assert.ok(before.length >= 6, `3 brokers, toxiproxy, target and a SUT carry the label (found: ${before.join(', ')})`);

        const live = await exec(process.execPath, [cli, 'clean', '--run', runId]);
        assert.match(live.stdout, /still running/);
        assert.deepEqual(await leftoversOfRun(runId), before, 'a live run is left alone');

        runner.process.kill('SIGKILL');
        await runnerExit(runner.process, 10_000);
        assert.deepEqual((await leftoversOfRun(runId)).sort(), before.sort(), 'the orphans survive their runner');

        const cleaned = await exec(process.execPath, [cli, 'clean', '--run', runId]);
        assert.match(cleaned.stdout, CLEANED[runtime](runId, before.length));
        assert.deepEqual(await leftoversOfRun(runId), [], 'nothing of the run is left: no process, container or network');
        removeIfPassed(runsRoot, true);
      } finally {
        await runner.killAll();
      }
    });
  }
});
