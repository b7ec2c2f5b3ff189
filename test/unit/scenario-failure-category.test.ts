// From a verdict to a failure message: each violated check files under its category (the
// prefix categories.json matches), a violated check outranks an undecided one, and anything
// that is not a verdict reads "Environment failure:".

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryOf } from '../../src/report/categories.js';
import {
  CATEGORIES,
  ReliabilityAssertionError,
  categoryOfCheck,
  classifyStepError,
  kindOfCategory,
  failureFor,
  failureOfTimeout,
} from '../../src/scenario/failure-category.js';
import { categoryOfMessage } from '../../src/scenario/run-facts.js';
import { ChaosError, ConfigError, EnvironmentError, ReliabilityError, TimeoutError } from '../../src/util/errors.js';
import { CHECKS, type CheckResult, type Validity, type Verdict } from '../../src/verify/index.js';

const result = (name: string, valid: Validity, figures: Record<string, number> = {}): CheckResult => ({
  name,
  valid,
  figures,
  examples: valid === false ? ['ab12-3', 'ab12-4'] : [],
  explanation: `${name} explained.`,
  judged: true,
});

const verdictOf = (...checks: CheckResult[]): Verdict => ({
  valid: true,
  judged: checks.map((c) => c.name),
  checks,
  findings: [],
  warnings: [],
});

describe('verdict → failure category', () => {
  it('maps each check to its category', () => {
    const expected: Record<string, string> = {
      lost: 'Message loss',
      'broker-side-loss': 'Message loss',
      duplicates: 'Duplicates over bound',
      'unsafe-commit': 'Unsafe offset commit',
      'commit-during-outage': 'Unsafe offset commit',
      'commit-regression': 'Unsafe offset commit',
      order: 'Ordering violation',
      recovery: 'Reliability check failed',
      'phantom-corrupt': 'Reliability check failed',
    };
    for (const [check, category] of Object.entries(expected)) assert.equal(categoryOfCheck(check), category, check);
  });

  it('reads each category from the check file that declares it, and files an unknown name under "other"', () => {
    for (const check of CHECKS) assert.equal(categoryOfCheck(check.name), check.category, check.name);
    assert.equal(categoryOfCheck('no-such-check'), CATEGORIES.other);
  });

  it('holds when every asserted check holds, whatever the others say', () => {
    assert.equal(failureFor(verdictOf(result('lost', true), result('order', false)), ['lost']), undefined);
  });

  it('starts the message with the category of the first violated check, with figures and examples', () => {
    const failure = failureFor(
      verdictOf(result('lost', true), result('unsafe-commit', false, { unsafeCommits: 3 }), result('lost2', true)),
      ['lost', 'unsafe-commit'],
    )!;
    assert.ok(failure instanceof ReliabilityAssertionError);
    assert.match(
      failure.message,
      /^Unsafe offset commit: unsafe-commit explained\. \[unsafe-commit: unsafeCommits=3; e\.g\. ab12-3, ab12-4\]$/,
    );
    assert.deepEqual(failure.checks, ['unsafe-commit']);
  });

  it('lets a violated check outrank an undecided one, and reports undecided ones alone otherwise', () => {
    const both = failureFor(verdictOf(result('order', 'unknown'), result('duplicates', false)), ['order', 'duplicates'])!;
    assert.match(both.message, /^Duplicates over bound: /);
    const undecided = failureFor(verdictOf(result('order', 'unknown')), ['order'])!;
    assert.match(undecided.message, /^Checker could not decide: order explained/);
    const missing = failureFor(verdictOf(), ['lost'])!;
    assert.match(missing.message, /^Checker could not decide: The verdict has no check named lost/);
  });

  it('files a timed-out wait under the violated check the verdict names, never a default category', () => {
    const own = failureOfTimeout(verdictOf(result('lost', false), result('order', false)), ['lost'], 'the drain timed out');
    assert.equal(own.category, CATEGORIES.loss);
    assert.ok(own.fromVerdict);
    const other = failureOfTimeout(verdictOf(result('lost', true), result('unsafe-commit', false)), ['lost'], 'the drain timed out');
    assert.equal(other.category, CATEGORIES.unsafeCommit, 'the check that is violated, not the claim’s');
    assert.deepEqual(other.checks, ['unsafe-commit']);
    const none = failureOfTimeout(verdictOf(result('lost', true), result('order', true)), ['lost'], 'the drain timed out');
    assert.equal(none.category, CATEGORIES.undecided);
    assert.ok(!none.fromVerdict, 'a step finding: verify must see it too');
    assert.match(none.message, /^Checker could not decide: the drain timed out, yet no check of the verdict is violated \(lost hold\)/);
    const unknown = failureOfTimeout(verdictOf(result('lost', 'unknown')), ['lost'], 'the drain timed out');
    assert.equal(unknown.category, CATEGORIES.undecided);
  });

  it('names every violated check when several fail', () => {
    const failure = failureFor(verdictOf(result('lost', false), result('broker-side-loss', false)), ['lost', 'broker-side-loss'])!;
    assert.match(failure.message, /^Message loss: lost explained.*; also broker-side-loss explained/);
  });

  it('turns everything that is not a verdict into an environment failure, once', () => {
    for (const error of [
      new EnvironmentError('broker 2 did not start'),
      new TimeoutError('timed out'),
      new ConfigError('no such SUT'),
      new Error('boom'),
    ]) {
      const classified = classifyStepError(error);
      assert.ok(classified instanceof EnvironmentError && classified.kind === 'environment', String(classified));
      assert.equal(classified.message, `Environment failure: ${error.message}`);
      assert.equal(classified.cause, error);
      assert.equal(classifyStepError(classified), classified, 'classifying twice changes nothing');
      assert.equal(classifyStepError(classified, 'after the scenario'), classified);
    }
    const verdictFailure = new ReliabilityAssertionError(CATEGORIES.loss, '1 lost');
    assert.equal(classifyStepError(verdictFailure), verdictFailure);
    assert.equal(classifyStepError(verdictFailure, 'after the scenario'), verdictFailure);
    // A plain error that already reads "Environment failure:" gets no second prefix.
    assert.equal(classifyStepError(new Error('Environment failure: twice?')).message, 'Environment failure: twice?');
  });

  it('puts what was being done between the prefix and the cause, which it keeps', () => {
    const cause = new TimeoutError('broker 2 not ready', { cause: new Error('ECONNREFUSED') });
    const classified = classifyStepError(cause, 'the environment did not start');
    assert.equal(classified.message, 'Environment failure: the environment did not start: broker 2 not ready (cause: ECONNREFUSED)');
    assert.equal(classified.cause, cause);
  });

  it('makes a verdict a ReliabilityError whose kind is the SUT\u2019s, except when undecided', () => {
    for (const category of Object.values(CATEGORIES).filter((c) => c !== CATEGORIES.environment)) {
      const failure = new ReliabilityAssertionError(category, 'x');
      assert.ok(failure instanceof ReliabilityError && failure instanceof ChaosError, category);
      // Missing evidence says nothing about the SUT: like an environment failure, it exits 2.
      assert.equal(failure.kind, category === CATEGORIES.undecided ? 'environment' : 'reliability', category);
      assert.equal(failure.kind, kindOfCategory(category));
    }
    assert.equal(kindOfCategory(CATEGORIES.environment), 'environment');
    assert.equal(kindOfCategory(undefined), 'environment');
    assert.equal(kindOfCategory(CATEGORIES.duplicates), 'reliability');
  });

  it('produces messages the report’s categories.json files where the scenario meant', () => {
    const loss = new ReliabilityAssertionError(CATEGORIES.loss, '1 of 2 never got a 2xx');
    assert.equal(categoryOf(`${loss.name}: ${loss.message}\n    at Then`, 'failed'), 'Message loss');
    const env = classifyStepError(new EnvironmentError('the environment did not start'));
    assert.equal(categoryOf(`${env.name}: ${env.message}`, 'broken'), 'Environment failure');
    assert.equal(categoryOfMessage(`${loss.name}: ${loss.message}`), 'Message loss');
    assert.equal(categoryOfMessage(env.message), 'Environment failure');
    assert.equal(categoryOfMessage('Undefined. Implement with the following snippet'), undefined);
  });

  it('names its errors so Allure counts a verdict "failed" and the environment "broken"', () => {
    assert.match(new ReliabilityAssertionError(CATEGORIES.order, 'x').name, /assert/i);
    assert.doesNotMatch(classifyStepError(new Error('x')).name, /assert|expectation/i);
  });
});
