// An undefined or malformed step fails fast: the preflight compiles the scenarios before any
// cluster starts, names each bad step with its feature:line and the closest known pattern,
// exits 2, and leaves no run directory behind (nothing was started) — also with --dry-run,
// which cucumber alone lets pass.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runChaos } from '../support/chaos-runner.js';
import { removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

describe('the undefined-step preflight', () => {
  it('names the step, where it is and what was probably meant, before starting anything', async () => {
    const runsRoot = tempRunsRoot('chaos-preflight');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-typo-'));
    const feature = path.join(dir, 'typo.feature');
    fs.writeFileSync(
      feature,
      [
        'Feature: Typos',
        '  Scenario: Three mistakes',
        '    Given a Kafka cluster of 3 brokers',
        '    And a topic "orders" with 0 partitions',
        '    When 5 mesages are produced to "orders"',
        '    Then the HTTP target goes dwn for 10 seconds',
        '',
      ].join('\n'),
    );
    let passed = false;
    try {
      const run = await runChaos([feature], { runsRoot, resultsDir: path.join(runsRoot, 'allure-results') });
      assert.equal(run.code, 2, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stderr, /3 steps cannot run — nothing was started/);
      assert.match(run.stderr, /typo\.feature:4 {2}malformed step "a topic "orders" with 0 partitions": 0 partitions is out of range/);
      assert.match(
        run.stderr,
        /typo\.feature:5 {2}undefined step "5 mesages are produced to "orders""\n\s+closest known step: "\{count\} message\(s\) is\/are produced to \{string\}" \(e\.g\. "500 messages are produced to "orders""\)/,
      );
      assert.match(
        run.stderr,
        /typo\.feature:6 {2}undefined step "the HTTP target goes dwn for 10 seconds"\n\s+closest known step: "the HTTP target goes down for \{duration\}"/,
      );
      assert.deepEqual(fs.readdirSync(runsRoot), [], 'no run directory: no environment was started');
      assert.ok(run.durationMs < 30_000, `fast: ${run.durationMs} ms`);

      // cucumber's own --dry-run never fails; through kafka-chaos the preflight makes it (for CI).
      const dry = await runChaos(['--dry-run', feature], { runsRoot, resultsDir: path.join(runsRoot, 'allure-results') });
      assert.equal(dry.code, 2, `${dry.stdout}\n${dry.stderr}`);
      assert.match(dry.stderr, /typo\.feature:5 {2}undefined step "5 mesages are produced to "orders""/);
      passed = true;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      removeIfPassed(runsRoot, passed);
    }
  });
});
