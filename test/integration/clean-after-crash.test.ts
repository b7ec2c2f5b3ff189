// A runner killed with SIGKILL cannot stop its processes; `chaos:clean` must — and must leave
// a live run alone.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/setup/project-paths.js';
import { pidsOfRun, runnerExit, startHeldRunner } from '../support/held-runner.js';
import { removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');

describe('chaos:clean after a runner is killed with SIGKILL', () => {
  it('finds every process of the crashed run by its label and stops them all', async () => {
    const runsRoot = tempRunsRoot('clean');
    const runner = await startHeldRunner(runsRoot);
    try {
      const { runId } = runner;
      const before = pidsOfRun(runId);
      assert.ok(before.length >= 6, `3 brokers, toxiproxy, target and a SUT carry the label (found ${before.length})`);

      const live = await exec(process.execPath, [cli, 'clean', '--run', runId]);
      assert.match(live.stdout, /still running/);
      assert.equal(pidsOfRun(runId).length, before.length, 'a live run is left alone');

      runner.process.kill('SIGKILL');
      await runnerExit(runner.process, 10_000);
      assert.deepEqual(pidsOfRun(runId).sort(), before.sort(), 'the orphans survive their runner');

      const cleaned = await exec(process.execPath, [cli, 'clean', '--run', runId]);
      assert.match(cleaned.stdout, new RegExp(`run ${runId}: stopped ${before.length} processes`));
      assert.deepEqual(pidsOfRun(runId), [], 'no process of the run is left');
      removeIfPassed(runsRoot, true);
    } finally {
      runner.killAll();
    }
  });
});
