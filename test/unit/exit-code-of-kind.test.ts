// The exit code follows the failure's kind, chosen in one place (src/cli/exit-codes.ts): an
// error that ends a command, a run's failed scenarios and verify's judged directories all map
// through EXIT_OF_KIND, so only a verdict on the SUT ever exits 1.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT, EXIT_OF_KIND, exitCodeOfError, exitCodeOfFailures } from '../../src/cli/exit-codes.js';
import { RunFileError } from '../../src/evidence/run-json.js';
import { DockerUnavailableError } from '../../src/images/docker-client.js';
import { NoResultsError } from '../../src/report/allure-report.js';
import { CATEGORIES, ReliabilityAssertionError, classifyStepError } from '../../src/scenario/failure-category.js';
import { runFacts } from '../../src/scenario/run-facts.js';
import { ConfigError, EnvironmentError, ReliabilityError, TimeoutError, UsageError } from '../../src/util/errors.js';

describe('the exit code of a failure', () => {
  it('is 1 for the reliability kind only, 2 for environment and usage', () => {
    assert.deepEqual(EXIT_OF_KIND, { reliability: EXIT.reliabilityFailure, environment: EXIT.notJudged, usage: EXIT.notJudged });
  });

  it('follows the kind of the error that ended the command', () => {
    const cases: [unknown, number][] = [
      [new ReliabilityError('x'), 1],
      [new ReliabilityAssertionError(CATEGORIES.loss, '1 lost'), 1],
      [new ReliabilityAssertionError(CATEGORIES.order, 'b before a'), 1],
      // Missing evidence: not a finding.
      [new ReliabilityAssertionError(CATEGORIES.undecided, 'no ledger'), 2],
      [new EnvironmentError('x'), 2],
      [new TimeoutError('x'), 2],
      [new DockerUnavailableError('x'), 2],
      [new RunFileError('x'), 2],
      [classifyStepError(new Error('boom')), 2],
      [new UsageError('x'), 2],
      [new ConfigError('x'), 2],
      [new NoResultsError('x'), 2],
      // Not a ChaosError at all: a harness bug, never a verdict.
      [new TypeError('x'), 2],
      ['a string', 2],
    ];
    for (const [error, code] of cases) assert.equal(exitCodeOfError(error), code, String(error));
  });

  it('of a run is 1 if any failure was the SUT\u2019s, else 2 — also with none recorded', () => {
    assert.equal(exitCodeOfFailures(['environment', 'reliability', 'usage']), 1);
    assert.equal(exitCodeOfFailures(['environment', 'usage']), 2);
    assert.equal(exitCodeOfFailures([]), 2);
  });
});

describe("a chaos run's failed scenarios", () => {
  const ended = (status: string, category?: string) =>
    runFacts.scenarioEnded({ feature: 'f', scenario: `s${runFacts.scenarios.length}`, status, category, durationMs: 1, endedAt: 1 });

  it('count as the SUT\u2019s only when their category is a decided verdict', () => {
    runFacts.reset();
    ended('PASSED');
    ended('FAILED', CATEGORIES.environment);
    ended('FAILED', CATEGORIES.undecided);
    ended('FAILED');
    ended('UNDEFINED');
    assert.deepEqual(runFacts.failureKinds(), ['environment', 'environment', 'environment']);
    assert.equal(exitCodeOfFailures(runFacts.failureKinds()), 2);
    ended('FAILED', CATEGORIES.unsafeCommit);
    assert.deepEqual(runFacts.failureKinds(), ['environment', 'environment', 'environment', 'reliability']);
    assert.equal(exitCodeOfFailures(runFacts.failureKinds()), 1);
    runFacts.reset();
  });
});
