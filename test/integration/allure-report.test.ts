// The Allure report, built for real and read in a real browser: Debian's Chromium, headless,
// driven by playwright-core (no browser download), opening the report from a loopback server
// and refusing any request beyond it.
//  1. Hand-built results (test/support/allure-results-fixture.ts: a passing scenario, a "Message loss:" failure
//     and an "Environment failure:" broken one) go through `buildAllureReport` — what `npm run
//     report` runs — twice, the second keeping the first's history. The Categories page must
//     group the two failures apart; the failing scenario's page must show the timeline chart and
//     the verdict table.
//  2. One scenario really fails under cucumber: `kafka-chaos chaos` runs a story on a real cluster
//     against the forwarder in its ignore-errors mode; the report must file it under Message loss
//     and show its chart and verdict.
// Screenshots go to each test's temp directory (kept, with everything else, when the test fails)
// and are copied to reports/screenshots/.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildAllureReport } from '../../src/report/allure-report.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { FAILING, writeFixtureResults } from '../support/allure-results-fixture.js';
import { chromiumExecutable, planOfRun } from '../support/test-plan.js';
import { serve } from '../support/serve-directory.js';

const CHROMIUM = chromiumExecutable();
const SCREENSHOTS = path.join(packageRoot, 'reports', 'screenshots');

async function launchChromium(userDataDir: string): Promise<BrowserContext> {
  if (CHROMIUM === undefined || !fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium (${CHROMIUM ?? 'none on PATH'}) — fix: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Nothing but loopback resolves: the report must need nothing from outside.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

async function keepScreenshot(page: Page, dir: string, name: string): Promise<void> {
  const file = path.join(dir, name);
  await page.screenshot({ path: file, fullPage: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.copyFileSync(file, path.join(SCREENSHOTS, name));
}

/** Serves the report on loopback, opens a page in Chromium, and proves nothing outside was asked for. */
async function withReportPage(reportDir: string, dir: string, use: (page: Page, url: string) => Promise<void>): Promise<void> {
  const server = await serve(reportDir);
  const context = await launchChromium(path.join(dir, 'chromium-profile'));
  const outside: string[] = [];
  try {
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    await use(await context.newPage(), `${server.url}index.html`);
    assert.deepEqual(outside, [], 'the report asked for nothing beyond loopback');
  } finally {
    await context.close();
    await server.close();
  }
}

/** The Categories page lists `expected` (and no failure fell through to Allure's defaults). */
async function assertCategories(page: Page, url: string, expected: string[]): Promise<void> {
  await page.goto(`${url}#categories`);
  const tree = page.locator('.tree__content');
  for (const name of expected) await tree.getByText(name, { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await tree.getByText('Product defects').count(), 0, 'no failure fell through to Allure’s default category');
  assert.equal(await tree.getByText('Test defects').count(), 0, 'no broken result reads as a "test defect"');
}

/**
 * A failed scenario's page, with its After hook's attachments opened: the timeline chart (an <img>
 * of the SVG, loaded at the chart's size) and the verdict table (in Allure's sandboxed frame) with
 * `check` VIOLATED.
 */
async function assertScenarioPage(page: Page, url: string, uid: string, check: string): Promise<void> {
  await page.goto(`${url}#testresult/${uid}`);
  const tearDown = page.getByText('Tear down', { exact: true });
  await tearDown.waitFor({ timeout: 30_000 });
  const svgRow = page.locator('.attachment-row[data-type="image/svg+xml"]');
  // Allure folds a passed After hook away, and a named hook's steps once more: open the folds
  // (Tear down, then the hook that holds the attachments) until the chart's row shows.
  const hookWithAttachments = page.locator('.step__title_hasContent', { hasText: /\d+ attachments?/ }).last();
  for (const fold of [tearDown, hookWithAttachments]) {
    if (await svgRow.isVisible()) break;
    await fold.click();
  }
  await svgRow.click();
  await page.locator('.attachment-row[data-type="text/html"]').click();
  const chart = page.locator('img.attachment-preview__media');
  await chart.waitFor({ timeout: 15_000 });
  await page.waitForFunction((img) => (img as ImageLike).complete && (img as ImageLike).naturalWidth > 0, await chart.elementHandle(), {
    timeout: 15_000,
  });
  assert.equal(await chart.evaluate((img) => (img as ImageLike).naturalWidth), 960);
  const verdict = page.frameLocator('iframe.attachment-preview_html');
  const row = verdict.locator(`tr[data-check="${check}"]`);
  await row.waitFor({ timeout: 15_000 });
  assert.equal(await row.getAttribute('data-valid'), 'false');
  assert.match(await row.innerText(), /VIOLATED/);
  assert.match(await verdict.locator('body').innerText(), /Verdict: VIOLATED/);
  await page.setViewportSize({ width: 1400, height: 2700 });
  await page.locator('.test-result__name').scrollIntoViewIfNeeded();
}

/** What a report's categories tree holds: category → message → scenario (with its uid). */
function scenariosByCategory(reportDir: string): Map<string, CategoryNode[]> {
  const tree = JSON.parse(fs.readFileSync(path.join(reportDir, 'data', 'categories.json'), 'utf8')) as CategoryNode;
  return new Map((tree.children ?? []).map((c) => [c.name, (c.children ?? []).flatMap((m) => m.children ?? [])]));
}

/** Runs `body` in a fresh temp directory, removed if it passes and kept (and named) if it fails. */
async function inTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let passed = false;
  try {
    await body(dir);
    passed = true;
  } finally {
    if (passed) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`allure-report test: results, report, logs and screenshots kept in ${dir}`);
  }
}

interface ImageLike {
  complete: boolean;
  naturalWidth: number;
}

interface CategoryNode {
  name: string;
  uid: string;
  children?: CategoryNode[];
}

/** A story the cucumber layer runs for real against a forwarder that skips what it cannot send. */
const LOSS_FEATURE = `Feature: The reliability report of a forwarder that skips what it cannot send

  Scenario: A forwarder that ignores failed POSTs loses what is produced while the HTTP server is down
    Given a Kafka cluster of 3 brokers
    And a topic "orders" with 2 partitions
    And the HTTP target is up
    And the system under test consumes "orders" as group "billing"
    And 40 messages are produced to "orders"
    And 3 seconds pass
    When the HTTP target goes down
    And 40 more messages are produced to "orders"
    And 5 seconds pass
    And the HTTP target comes back
    And 40 more messages are produced to "orders"
    And 3 seconds pass
    Then no message is lost
`;

/** `kafka-chaos chaos` in a child process, bounded in time; its exit code. Output goes to `logFile`. */
function runChaos(args: string[], env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [path.join(packageRoot, 'dist', 'src', 'cli', 'main.js'), 'chaos', ...args], {
      cwd: packageRoot,
      env,
      stdio: ['ignore', log, log],
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM'); // the runner disposes its environment on SIGTERM
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      reject(new Error(`kafka-chaos chaos did not finish within ${timeoutMs / 1000} s; see ${logFile}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fs.closeSync(log);
      resolve(code);
    });
  });
}

// Defined only when Chromium is there or npm test's plan says so: npm test names it otherwise.
if (planOfRun()?.browser ?? true)
  describe('the Allure report in headless Chromium', () => {
    it('groups failures by category and shows a failing scenario’s timeline chart and verdict table', { timeout: 300_000 }, async () => {
      await inTempDir('allure-report-', async (dir) => {
        const resultsDir = path.join(dir, 'allure-results');
        const reportDir = path.join(dir, 'allure-report');
        writeFixtureResults(resultsDir);
        const first = await buildAllureReport({ resultsDir, reportDir });
        assert.deepEqual([first.results, first.historyKept], [3, false]);
        const second = await buildAllureReport({ resultsDir, reportDir });
        assert.equal(second.historyKept, true);
        const trend = JSON.parse(fs.readFileSync(path.join(reportDir, 'history', 'history-trend.json'), 'utf8')) as unknown[];
        assert.equal(trend.length, 2, 'the second report carries the first run in its trend');
        assert.doesNotMatch(
          fs.readFileSync(path.join(reportDir, 'index.html'), 'utf8'),
          /googletagmanager|gtag/,
          'no outside analytics script',
        );

        const scenarios = scenariosByCategory(reportDir);
        assert.deepEqual([...scenarios.keys()].sort(), ['Environment failure', 'Message loss']);
        const failing = scenarios.get('Message loss')![0]!;
        assert.equal(failing.name, FAILING);

        await withReportPage(reportDir, dir, async (page, url) => {
          await assertCategories(page, url, ['Message loss', 'Environment failure']);
          // Open both categories down to their scenarios, for the screenshot.
          const tree = page.locator('.tree__content');
          for (const name of ['Environment failure', 'Message loss']) await tree.getByText(name, { exact: true }).click();
          for (const prefix of ['EnvironmentError: Environment failure:', 'ReliabilityAssertionError: Message loss:'])
            await tree.getByText(prefix).click();
          await tree.getByText(FAILING).waitFor({ timeout: 5000 });
          await keepScreenshot(page, dir, 'allure-categories.png');
          await assertScenarioPage(page, url, failing.uid, 'lost');
          await keepScreenshot(page, dir, 'allure-failing-scenario.png');
        });
      });
    });

    it(
      'shows a scenario that really failed under cucumber (`kafka-chaos chaos`): a forwarder that ignores errors loses messages',
      { timeout: 420_000 },
      async () => {
        await inTempDir('allure-cucumber-', async (dir) => {
          const resultsDir = path.join(dir, 'allure-results');
          const reportDir = path.join(dir, 'allure-report');
          const feature = path.join(dir, 'ignore-errors-loses.feature');
          fs.writeFileSync(feature, LOSS_FEATURE);
          const config = path.join(dir, 'kafka-chaos.config.json');
          fs.writeFileSync(config, JSON.stringify({ sut: { forwarder: { env: { FORWARDER_MODE: 'ignore-errors' } } } }));
          const env = {
            ...process.env,
            CHAOS_RUNTIME: 'process',
            KAFKA_CHAOS_CONFIG: config,
            KAFKA_CHAOS_RUNS_DIR: path.join(dir, 'runs'),
          };
          const log = path.join(dir, 'chaos.log');
          const code = await runChaos(['--format-options', JSON.stringify({ resultsDir }), feature], env, log, 300_000);
          assert.equal(
            code,
            1,
            `exit 1 (a reliability check failed), not 2 (environment); see ${log}:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`,
          );

          const built = await buildAllureReport({ resultsDir, reportDir });
          assert.equal(built.results, 1);
          const environment = fs.readFileSync(path.join(resultsDir, 'environment.properties'), 'utf8');
          assert.match(environment, /^runtime=process$/m);
          assert.match(environment, /^kafka\.version=\S+$/m);
          const failing = scenariosByCategory(reportDir).get('Message loss')?.[0];
          assert.ok(
            failing,
            `the failed scenario is filed under Message loss: ${JSON.stringify([...scenariosByCategory(reportDir).keys()])}`,
          );

          await withReportPage(reportDir, dir, async (page, url) => {
            await assertCategories(page, url, ['Message loss']);
            await assertScenarioPage(page, url, failing.uid, 'lost');
            await keepScreenshot(page, dir, 'allure-cucumber-scenario.png');
          });
        });
      },
    );
  });
