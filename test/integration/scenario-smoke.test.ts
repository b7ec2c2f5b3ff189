// `kafka-chaos chaos` end to end on a real cluster. The @smoke subset (seed 000's stories
// against the reference forwarder) passes: exit 0, one passed Allure result per scenario with
// its feature, story and severity labels, the verdict table, verdict.json, the timeline chart
// and the fault log attached, categories.json and environment.properties beside them, and a
// verifiable evidence folder per scenario. A scenario whose claim does not hold fails with
// exit 1 as "Message loss" (its verdict attached), and one that cannot run as written is an
// "Environment failure", broken, never a verdict on the SUT; tagged @fresh-cluster, it gets
// an environment of its own instead of sharing the feature's. One verdict everywhere: on every
// scenario's folder `kafka-chaos verify` exits as the scenario ended (0 passed, 1 a reliability
// failure, also one that is not a check's own verdict such as "Pipeline did not stop", 2 one
// that never produced evidence), and the console shows every check of a failure, never log tails.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { categoryOf } from '../../src/report/categories.js';
import type { Verdict } from '../../src/verify/index.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { afterAttachments, label, readResults, runChaos } from '../support/chaos-runner.js';
import { failureTracker, removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

const SMOKE_SCENARIOS = 4;

function evidenceFolders(runsRoot: string): string[] {
  return fs.readdirSync(runsRoot).flatMap((run) => {
    const scenarios = path.join(runsRoot, run, 'scenarios');
    return fs.existsSync(scenarios) ? fs.readdirSync(scenarios).map((s) => path.join(scenarios, s)) : [];
  });
}

/** `kafka-chaos verify <dir>`'s exit code and output, judged from the folder alone. */
function verifyFolder(dir: string): { code: number; output: string } {
  const result = spawnSync(process.execPath, [path.join(packageRoot, 'dist', 'src', 'cli', 'main.js'), 'verify', dir], {
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

describe('kafka-chaos chaos on a real cluster', () => {
  const failures = failureTracker();

  it(
    'passes the @smoke subset and leaves a complete Allure result per scenario',
    failures.track(async () => {
      const runsRoot = tempRunsRoot('chaos-smoke');
      const resultsDir = path.join(runsRoot, 'allure-results');
      const run = await runChaos(['--tags', '@smoke'], { runsRoot, resultsDir });
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, new RegExp(`${SMOKE_SCENARIOS} scenarios \\(${SMOKE_SCENARIOS} passed\\)`));
      assert.match(run.stderr, /per feature:\n\s+\d+s\s+4 scenarios\s+The pipeline stays at-least-once/);

      const results = readResults(resultsDir);
      assert.equal(results.length, SMOKE_SCENARIOS);
      for (const result of results) {
        assert.equal(result.status, 'passed', result.name);
        assert.deepEqual(label(result, 'feature'), ['The pipeline stays at-least-once while its HTTP server is down']);
        assert.deepEqual(label(result, 'story'), [result.name]);
        assert.deepEqual(label(result, 'severity'), ['critical']);
        assert.ok(label(result, 'tag').includes('@smoke'));
        const attached = afterAttachments(resultsDir, result.uuid);
        for (const name of [
          'verdict.html',
          'verdict.json',
          'timeline.svg',
          'faults.txt',
          'scenario.txt',
          'broker-logs.txt',
          'target-log.txt',
          'sut-logs.txt',
          'system-under-test.json',
        ]) {
          assert.ok(attached.has(name), `${result.name}: ${name} attached (has ${[...attached.keys()].join(', ')})`);
        }
        assert.match(attached.get('verdict.html')!, /class="kafka-chaos-verdict"/);
        assert.match(attached.get('timeline.svg')!, /^<svg/);
        const verdict = JSON.parse(attached.get('verdict.json')!) as Verdict;
        assert.equal(verdict.checks.find((c) => c.name === 'unsafe-commit')?.valid, true, result.name);
        // What the self-test's --correct-from reads, and the parameters that keep runtimes and SUTs apart in a report.
        const ran = JSON.parse(attached.get('system-under-test.json')!) as Record<string, unknown>;
        assert.deepEqual(
          { ...ran, kafkaVersion: undefined },
          { sut: 'forwarder', configuredEnv: {}, runtime: 'process', kafkaVersion: undefined, sutFromCommandLine: null },
        );
        assert.match(String(ran.kafkaVersion), /^\d+\.\d+\.\d+$/);
        assert.deepEqual(result.parameters, [
          { name: 'runtime', value: 'process' },
          { name: 'Kafka', value: ran.kafkaVersion },
          { name: 'system under test', value: 'forwarder' },
        ]);
      }
      const outage = results.find((r) => r.name.startsWith('An unreachable HTTP server'))!;
      assert.match(afterAttachments(resultsDir, outage.uuid).get('faults.txt')!, /^target-down target: /);

      assert.ok(fs.existsSync(path.join(resultsDir, 'categories.json')));
      const properties = fs.readFileSync(path.join(resultsDir, 'environment.properties'), 'utf8');
      assert.match(properties, /^runtime=process$/m);
      assert.match(properties, /^kafka\.version=\d+\.\d+\.\d+$/m);
      assert.match(properties, /^sut=forwarder$/m);

      const folders = evidenceFolders(runsRoot);
      assert.equal(folders.length, SMOKE_SCENARIOS, 'one evidence folder per scenario, in one shared environment');
      assert.equal(
        new Set(folders.map((f) => path.dirname(path.dirname(f)))).size,
        1,
        'the scenarios of the feature shared one environment',
      );
      const recovered = folders.find((f) => /restarting-the-server/.test(f))!;
      const verdict = JSON.parse(fs.readFileSync(path.join(recovered, 'verdict.json'), 'utf8')) as Verdict;
      assert.equal(verdict.valid, true);
      assert.equal(
        verdict.checks.find((c) => c.name === 'lost')?.figures.logged,
        2,
        'the failed and the queued message, nothing from the other scenarios',
      );
      for (const folder of folders) {
        const judged = verifyFolder(folder);
        assert.equal(judged.code, 0, `a passed scenario's folder verifies with exit 0: ${folder}\n${judged.output}`);
      }
      assert.match(
        run.stderr,
        /scenario \d+ ".+": "the system under test" \(where a step names none\) is "forwarder"/,
        'each scenario says which SUT it runs',
      );
      removeIfPassed(runsRoot, true);
    }),
  );

  it(
    'fails a scenario whose claim does not hold as Message loss, and one that cannot run as an environment failure',
    failures.track(async () => {
      const runsRoot = tempRunsRoot('chaos-failing');
      const resultsDir = path.join(runsRoot, 'allure-results');
      const featureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-failing-feature-'));
      const feature = path.join(featureDir, 'failing.feature');
      fs.writeFileSync(
        feature,
        [
          'Feature: Claims that do not hold',
          '  Background:',
          '    Given a Kafka cluster of 3 brokers',
          '    And a topic "orders" with 2 partitions',
          '    And the forwarder consumes "orders" as group "billing" and retries on errors',
          '',
          '  Scenario: The server is down for the whole drain',
          '    Given the HTTP target goes down',
          '    When 20 messages are produced to "orders"',
          '    Then within 3 seconds every produced message is delivered',
          '',
          '  Scenario: A retrying forwarder with a healthy server does not stop',
          '    When 5 messages are produced to "orders"',
          '    Then within 30 seconds every produced message is delivered',
          '    And within 3 seconds the forwarder has stopped',
          '',
          '  @fresh-cluster',
          '  Scenario: A topic nobody declared',
          '    When 1 message is produced to "nowhere"',
          '',
        ].join('\n'),
      );
      try {
        const run = await runChaos([feature], { runsRoot, resultsDir });
        assert.equal(run.code, 1, `a reliability failure exits 1\n${run.stdout}\n${run.stderr}`);
        const results = readResults(resultsDir);
        assert.equal(results.length, 3);
        const loss = results.find((r) => r.name === 'The server is down for the whole drain')!;
        assert.equal(loss.status, 'failed');
        assert.match(loss.statusDetails?.message ?? '', /Message loss: 20 of 20 messages/);
        assert.equal(categoryOf(loss.statusDetails!.message!, 'failed'), 'Message loss');
        const attached = afterAttachments(resultsDir, loss.uuid);
        const verdict = JSON.parse(attached.get('verdict.json')!) as Verdict;
        assert.equal(verdict.checks.find((c) => c.name === 'lost')?.figures.lost, 20);
        assert.match(attached.get('timeline.svg')!, /fault window/);

        const broken = results.find((r) => r.name === 'A topic nobody declared')!;
        assert.equal(broken.status, 'broken', 'not a product defect');
        assert.match(broken.statusDetails?.message ?? '', /Environment failure: the topic "nowhere" is not declared in this scenario/);
        assert.equal(categoryOf(broken.statusDetails!.message!, 'broken'), 'Environment failure');
        assert.equal(
          fs.readdirSync(runsRoot).filter((f) => f !== 'allure-results').length,
          2,
          '@fresh-cluster got an environment of its own',
        );

        const running = results.find((r) => r.name === 'A retrying forwarder with a healthy server does not stop')!;
        assert.match(running.statusDetails?.message ?? '', /Pipeline did not stop/);
        // The console: the one-line finding and every check, no broker log tails.
        assert.match(run.stderr, /"The server is down for the whole drain" — every check[^\n]*\n\s+verdict: /);
        assert.match(run.stderr, /\n\s+unsafe-commit\s/);
        assert.doesNotMatch(`${run.stdout}${run.stderr}`, /==== broker \d/);
        assert.doesNotMatch(run.stdout, /INFO \[(?:KafkaServer|BrokerServer|RaftManager)/);
        // verify on each folder agrees with how its scenario ended.
        const folder = (pattern: RegExp) => evidenceFolders(runsRoot).find((f) => pattern.test(path.basename(f)))!;
        assert.equal(verifyFolder(folder(/the-server-is-down/)).code, 1, 'Message loss: exit 1');
        const notStopped = verifyFolder(folder(/with-a-healthy-server/));
        assert.equal(notStopped.code, 1, `a step finding is a violation for verify too\n${notStopped.output}`);
        assert.match(notStopped.output, /Pipeline did not stop/);
        assert.equal(verifyFolder(folder(/a-topic-nobody-declared/)).code, 2, 'no evidence was ever collected: the checker cannot decide');
        removeIfPassed(runsRoot, true);
      } finally {
        fs.rmSync(featureDir, { recursive: true, force: true });
      }
    }),
  );
});
