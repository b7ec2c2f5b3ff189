// Ctrl-C (SIGINT) or SIGTERM to a runner mid-run: it tears its environment down itself —
// brokers, Toxiproxy, target and SUT, as processes or as containers with their network — and
// exits with the signal's conventional code. A run that ends normally leaves nothing either.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '../../src/util/wait-for.js';
import { leftoversOfRun, runnerExit, startHeldRunner } from '../support/held-runner.js';
import { removeIfPassed, runtimesUnderTest, tempRunsRoot, testEnvironment } from '../support/test-environment.js';

describe('a runner interrupted mid-run', () => {
  for (const runtime of runtimesUnderTest()) {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`${runtime} runtime: removes everything of its run on ${signal} and exits ${code}`, async () => {
        const runsRoot = tempRunsRoot('interrupt');
        const runner = await startHeldRunner(runsRoot, runtime);
        try {
          assert.ok((await leftoversOfRun(runner.runId, runtime)).length >= 6, 'the environment is up');
          runner.process.kill(signal);
          assert.equal(await runnerExit(runner.process, 60_000), code);
          await waitFor(async () => (await leftoversOfRun(runner.runId, runtime)).length === 0, {
            what: `nothing of run ${runner.runId} to be left after ${signal}`,
            timeoutMs: 10_000,
            intervalMs: 200,
          });
          removeIfPassed(runsRoot, true);
        } finally {
          await runner.killAll();
        }
      });
    }
  }
});

describe('a run that ends', () => {
  for (const runtime of runtimesUnderTest()) {
    it(`${runtime} runtime: records what ran in run.json, and leaves no process, container or network behind`, async () => {
      const runsRoot = tempRunsRoot('ends');
      const env = await testEnvironment(runsRoot, runtime).start();
      const runId = env.run.runId;
      // Stopped also when an assertion fails: an environment left up would hold the machine
      // until the file's timeout, and fail the next test for ports.
      try {
        const info = env.run.info();
        assert.equal(info.runtime, runtime);
        assert.equal(info.kafkaVersion, env.cluster.kafkaVersion);
        if (runtime === 'container') {
          const images = info.images as Record<string, string>;
          assert.equal(Object.keys(images).length, 3, 'Kafka, Toxiproxy and target images');
          for (const [name, id] of Object.entries(images)) assert.match(id, /^sha256:[0-9a-f]{64}$/, `${name} has an image id`);
        }
        assert.ok((await leftoversOfRun(runId, runtime)).length >= 5, 'the environment is up');
      } finally {
        await env.stop();
      }
      assert.deepEqual(await leftoversOfRun(runId, runtime), []);
      removeIfPassed(runsRoot, true);
    });
  }
});
