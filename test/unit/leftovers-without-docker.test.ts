// The clean-up tests' leftover check never passes without looking: with no Docker daemon at
// DOCKER_HOST it fails, naming the run, instead of reporting "no container left".

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leftoversOfRun } from '../support/held-runner.js';

describe('leftoversOfRun', () => {
  it('fails when the Docker daemon does not answer, never returning an empty list', async () => {
    process.env.DOCKER_HOST = 'unix:///tmp/kafka-chaos-no-such-docker-daemon.sock';
    await assert.rejects(
      leftoversOfRun('20261202-000000-abcdef'),
      /Docker daemon did not answer.*run 20261202-000000-abcdef could not be listed/,
    );
  });
});
