// What the container runtime says when it cannot run, each provoked for real: no Docker daemon
// (with the fix), a SUT image that is missing and cannot be pulled or built, and a container that
// exits at start (its last log lines shown) — each on one line, none a verdict on the SUT. The
// first needs no daemon; the other two belong to the container half (test-plan.ts).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { ImageUnavailableError } from '../../src/images/image-store.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { EnvironmentError, ProcessExitedError } from '../../src/util/errors.js';
import { leftoversOfRun } from '../support/held-runner.js';
import { removeIfPassed, runtimesUnderTest, tempRunsRoot, testEnvironment } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');

describe('container runtime errors', () => {
  it('no Docker daemon: one line naming where it looked and the fix, exit 2', async () => {
    const env = { ...process.env, CHAOS_RUNTIME: 'container', DOCKER_HOST: 'unix:///tmp/kafka-chaos-no-docker.sock' };
    const failed = await exec(process.execPath, [cli, 'up'], { env }).then(
      () => assert.fail('up must fail without a daemon'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed.code, 2);
    const lines = failed.stderr.trim().split('\n');
    assert.equal(lines.length, 1, failed.stderr);
    assert.match(lines[0]!, /no Docker daemon answers at unix:\/\/\/tmp\/kafka-chaos-no-docker\.sock/);
    assert.match(lines[0]!, /fix: .*dockerd.*CHAOS_RUNTIME=process/);
  });
});

// Defined only when the run includes the container half: npm test names it otherwise.
if (runtimesUnderTest().includes('container'))
  describe('container runtime errors with a daemon', () => {
    it('a SUT image that is missing and cannot be pulled: one line with the fix', async () => {
      const runsRoot = tempRunsRoot('missing-image');
      const env = await testEnvironment(runsRoot, 'container').withSut('mine', { image: 'kafka-chaos-test/no-such-image:1' }).start();
      try {
        await assert.rejects(env.startSut({ sut: 'mine', topic: 't', groupId: 'g', instances: 1 }), (error: unknown) => {
          assert.ok(error instanceof ImageUnavailableError && error instanceof EnvironmentError);
          assert.match(error.message, /SUT image kafka-chaos-test\/no-such-image:1 is missing and could not be pulled/);
          assert.match(error.message, /fix: build it first/);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        });
      } finally {
        await env.stop();
      }
      removeIfPassed(runsRoot, true);
    });

    it('a broker container that exits at start: named, with its last log lines, and removed', async () => {
      const runsRoot = tempRunsRoot('broker-exits');
      const environment = testEnvironment(runsRoot, 'container')
        .withTuning({ overrides: { 'num.io.threads': 'not-a-number' } })
        .withStartupTimeout(60_000);
      await assert.rejects(environment.start(), (error: unknown) => {
        assert.ok(error instanceof ProcessExitedError, String(error));
        assert.match(error.message, /broker-\d exited during startup/);
        assert.match(error.message, /num\.io\.threads/);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
      const runId = path.basename((await import('node:fs')).readdirSync(runsRoot)[0]!);
      assert.deepEqual(await leftoversOfRun(runId), [], 'a failed start leaves nothing behind');
      removeIfPassed(runsRoot, true);
    });
  });
