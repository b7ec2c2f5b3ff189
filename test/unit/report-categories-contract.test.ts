// The contract between the cucumber layer and the report's categories: the errors its steps
// throw (src/scenario/failure-category.ts), passed through cucumber-js and allure-cucumberjs as
// they really are, land in the intended Allure category with the intended status — a verdict
// as "failed" under its reliability category, anything else as "Environment failure", never
// as a SUT defect.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryOf } from '../../src/report/categories.js';
import { CATEGORIES, ReliabilityAssertionError, classifyStepError, failureFor } from '../../src/scenario/failure-category.js';
import { ConfigError, EnvironmentError } from '../../src/util/errors.js';
import { verify } from '../../src/verify/index.js';
import { OPTIONS, answered, commit, healthy, ledgers, messages } from '../support/verify-fixtures.js';
import { allureViewOf } from '../support/report-cucumber-error.js';

const REPORT_CATEGORY: Record<string, string> = {
  'Message loss': 'Message loss',
  'Duplicates over bound': 'Duplicates over bound',
  'Unsafe offset commit': 'Unsafe offset commit',
  'Ordering violation': 'Ordering violation',
  'Pipeline did not stop': 'Pipeline did not stop',
  'Checker could not decide': 'Checker could not decide',
  'Reliability check failed': 'Other reliability failure',
};

describe('a step\u2019s error, as Allure sees it, lands in its category', () => {
  it('files every reliability failure as failed, under the category its message names', () => {
    for (const category of Object.values(CATEGORIES).filter((c) => c !== CATEGORIES.environment)) {
      const view = allureViewOf(new ReliabilityAssertionError(category, '3 of 100 messages never got a 2xx.\nsecond line'));
      assert.equal(view.status, 'failed', category);
      assert.equal(categoryOf(view.message, view.status), REPORT_CATEGORY[category], `${category}: ${view.message}`);
    }
  });

  it('files a real verdict\u2019s loss and unsafe commit under Message loss', () => {
    // a, b, c produced; only a delivered; the group committed all three.
    const history = ledgers({ ...messages(['a', 'b', 'c']), delivered: [answered('a', 10)], commits: [commit(0, 3, 40)] });
    const failure = failureFor(verify(history, OPTIONS), ['lost', 'unsafe-commit']);
    assert.ok(failure);
    const view = allureViewOf(failure);
    assert.equal(view.status, 'failed');
    assert.equal(categoryOf(view.message, view.status), 'Message loss');
    assert.equal(failureFor(verify(healthy(), OPTIONS), ['lost']), undefined);
  });

  it('files an environment failure, and any other error a step throws, as broken Environment failure', () => {
    for (const error of [
      classifyStepError(new EnvironmentError('broker 2 did not become ready within 60 s')),
      classifyStepError(new EnvironmentError('Docker is not running', { fix: 'start dockerd' })),
      classifyStepError(new ConfigError('no SUT named "x"'), 'the environment did not start'),
      classifyStepError(new TypeError("Cannot read properties of undefined (reading 'topic')")),
    ]) {
      const view = allureViewOf(error);
      assert.equal(view.status, 'broken', view.message);
      assert.equal(categoryOf(view.message, view.status), 'Environment failure', view.message);
    }
  });
});
