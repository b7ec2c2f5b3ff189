// Ctrl-C (SIGINT) or SIGTERM to a runner mid-run: it tears its environment down itself —
// brokers, Toxiproxy, target and SUT — and exits with the signal's conventional code.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '../../src/util/wait-for.js';
import { pidsOfRun, runnerExit, startHeldRunner } from '../support/held-runner.js';
import { removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

describe('a runner interrupted mid-run', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`stops every process of its run on ${signal} and exits ${code}`, async () => {
      const runsRoot = tempRunsRoot('interrupt');
      const runner = await startHeldRunner(runsRoot);
      try {
        assert.ok(pidsOfRun(runner.runId).length >= 6, 'the environment is up');
        runner.process.kill(signal);
        assert.equal(await runnerExit(runner.process, 60_000), code);
        await waitFor(() => pidsOfRun(runner.runId).length === 0, {
          what: `every process of run ${runner.runId} to be gone after ${signal}`,
          timeoutMs: 10_000,
          intervalMs: 100,
        });
        removeIfPassed(runsRoot, true);
      } finally {
        runner.killAll();
      }
    });
  }
});
