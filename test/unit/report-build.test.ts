// `kafka-chaos report`'s file handling, without running Allure: no results is a one-line error that
// says to run the chaos command first (as the user runs it: command-hint.ts); the previous
// report's history replaces the results' own.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { NoResultsError, buildAllureReport, carryHistory, countResults } from '../../src/report/allure-report.js';
import { hint } from '../../src/setup/command-hint.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-build-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('buildAllureReport', () => {
  it('refuses a missing or empty results directory with a one-line error saying to run the chaos command first', async () => {
    const resultsDir = path.join(dir, 'allure-results');
    const reportDir = path.join(dir, 'allure-report');
    for (const prepare of [
      () => undefined,
      () => fs.mkdirSync(resultsDir),
      () => fs.writeFileSync(path.join(resultsDir, 'categories.json'), '[]'),
    ]) {
      prepare();
      await assert.rejects(buildAllureReport({ resultsDir, reportDir }), (error: Error) => {
        assert.ok(error instanceof NoResultsError);
        assert.match(error.message, /no scenario results to report: .*allure-results (does not exist|holds no Allure results) — fix: /);
        assert.ok(error.message.endsWith(`— fix: run \`${hint('chaos')}\` first`), error.message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    }
    assert.equal(fs.existsSync(reportDir), false, 'nothing was generated');
  });

  it('counts only Allure test results', () => {
    fs.writeFileSync(path.join(dir, 'a-result.json'), '{}');
    fs.writeFileSync(path.join(dir, 'b-container.json'), '{}');
    fs.writeFileSync(path.join(dir, 'c-attachment.svg'), '<svg/>');
    assert.equal(countResults(dir), 1);
    assert.equal(countResults(path.join(dir, 'absent')), 0);
  });
});

describe('carryHistory', () => {
  it('replaces the results\u2019 history with the previous report\u2019s, so trends continue', () => {
    const reportDir = path.join(dir, 'report');
    const resultsDir = path.join(dir, 'results');
    fs.mkdirSync(path.join(reportDir, 'history'), { recursive: true });
    fs.mkdirSync(path.join(resultsDir, 'history'), { recursive: true });
    fs.writeFileSync(path.join(reportDir, 'history', 'history-trend.json'), '[{"data":{"passed":2}},{"data":{"passed":1}}]');
    fs.writeFileSync(path.join(resultsDir, 'history', 'stale.json'), '{}');
    assert.equal(carryHistory(reportDir, resultsDir), true);
    assert.deepEqual(fs.readdirSync(path.join(resultsDir, 'history')), ['history-trend.json']);
    assert.match(fs.readFileSync(path.join(resultsDir, 'history', 'history-trend.json'), 'utf8'), /"passed":2/);
  });

  it('leaves the results alone when there is no previous report', () => {
    const resultsDir = path.join(dir, 'results');
    fs.mkdirSync(resultsDir);
    assert.equal(carryHistory(path.join(dir, 'no-report'), resultsDir), false);
    assert.deepEqual(fs.readdirSync(resultsDir), []);
  });
});
