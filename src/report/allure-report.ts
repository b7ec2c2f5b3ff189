// `npm run report`: builds the Allure report (reports/allure-report) from the results the cucumber
// layer wrote (reports/allure-results) with allure-commandline, keeping history between runs —
// the previous report's history/ is copied into the results before generating, which is how
// Allure 2 draws its trend charts and marks flaky or newly failing scenarios.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { hint } from '../setup/command-hint.js';
import { resolveJava } from '../setup/java.js';
import { stripAnsi } from '../util/ansi.js';
import { ConfigError, EnvironmentError, MissingToolError, TimeoutError } from '../util/errors.js';
import { writeCategories } from './allure-extras.js';

/** The results directory holds no Allure result yet: nothing has run. */
export class NoResultsError extends ConfigError {}

export interface BuildReportOptions {
  resultsDir: string;
  reportDir: string;
  env?: NodeJS.ProcessEnv;
  /** Allure on a few hundred results takes seconds; a hung JVM must not hang CI. */
  timeoutMs?: number;
}

export interface BuiltReport {
  reportDir: string;
  results: number;
  /** Whether the report continues an earlier run's history (trends, flaky and new failures). */
  historyKept: boolean;
}

const DEFAULT_TIMEOUT_MS = 180_000;

/** allure-commandline's launcher script (it runs the report generator on the local JDK). */
export function allureLauncher(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('allure-commandline/package.json');
  } catch (error) {
    throw new MissingToolError('allure-commandline is not installed', { fix: 'run `npm ci` in the project', cause: error });
  }
  return path.join(path.dirname(packageJson), 'dist', 'bin', process.platform === 'win32' ? 'allure.bat' : 'allure');
}

/** How many Allure test results (`<uuid>-result.json`) a directory holds; 0 when it does not exist. */
export function countResults(resultsDir: string): number {
  if (!fs.existsSync(resultsDir)) return 0;
  return fs.readdirSync(resultsDir).filter((name) => name.endsWith('-result.json')).length;
}

/**
 * Gathers the results of several directories — the shards of a split run — into `into` (emptied
 * first): each result file keeps its unique name; the shared files (categories, environment) are
 * the first directory's. A directory without results is an error: a shard that ran nothing
 * would otherwise vanish from the report unnoticed.
 */
export function mergeResults(dirs: readonly string[], into: string): string {
  for (const dir of dirs) {
    if (countResults(dir) === 0) {
      throw new NoResultsError(
        `no scenario results to merge: ${fs.existsSync(dir) ? `${dir} holds no Allure results` : `${dir} does not exist`}`,
        {
          fix: 'name only the results directories of shards that ran (chaos --shard I/N writes reports/allure-results-shard-I-of-N)',
        },
      );
    }
  }
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir)) {
      const target = path.join(into, name);
      if (name === 'history' || fs.existsSync(target)) continue;
      fs.cpSync(path.join(dir, name), target, { recursive: true });
    }
  }
  return into;
}

/** Replaces resultsDir/history with reportDir/history, if the previous report has one. */
export function carryHistory(reportDir: string, resultsDir: string): boolean {
  const previous = path.join(reportDir, 'history');
  if (!fs.existsSync(previous)) return false;
  const target = path.join(resultsDir, 'history');
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(previous, target, { recursive: true });
  return true;
}

/** The last line of the generator's output that says something (Java prints the cause last). */
function lastWords(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => stripAnsi(line).trim())
    .filter((line) => line.length > 0 && !line.startsWith('at '));
  return lines.at(-1) ?? 'no output';
}

function runGenerator(launcher: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(launcher, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new TimeoutError(`allure generate did not finish within ${timeoutMs / 1000} s`, {
          fix: 'look for a hung java process, or raise --timeout-ms',
        }),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EnvironmentError(`could not start ${launcher}: ${error.message}`, { fix: 'run `npm ci` in the project', cause: error }));
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      if (exitCode === 0) resolve(output);
      else reject(new EnvironmentError(`allure generate failed with exit code ${String(exitCode)}: ${lastWords(output)}`));
    });
  });
}

export async function buildAllureReport(options: BuildReportOptions): Promise<BuiltReport> {
  const env = options.env ?? process.env;
  const resultsDir = path.resolve(options.resultsDir);
  const reportDir = path.resolve(options.reportDir);
  const results = countResults(resultsDir);
  if (results === 0) {
    const where = fs.existsSync(resultsDir) ? `${options.resultsDir} holds no Allure results` : `${options.resultsDir} does not exist`;
    throw new NoResultsError(`no scenario results to report: ${where}`, { fix: `run \`${hint('chaos')}\` first` });
  }
  const { javaBin } = await resolveJava(env, 8);
  const launcherEnv = {
    ...env,
    // allure's launcher runs $JAVA_HOME/bin/java, else `java` from PATH: give it the one we checked.
    JAVA_HOME: env.JAVA_HOME ?? path.dirname(path.dirname(fs.realpathSync(javaBin))),
    // Without it Allure 2 posts usage analytics to an outside service while generating and puts
    // an outside analytics script into index.html; the harness talks to nothing beyond loopback.
    ALLURE_NO_ANALYTICS: 'true',
  };
  // A results directory can still hold the history an earlier `npm run report` put there.
  const historyKept = carryHistory(reportDir, resultsDir) || fs.existsSync(path.join(resultsDir, 'history'));
  if (!fs.existsSync(path.join(resultsDir, 'categories.json'))) writeCategories(resultsDir);
  await runGenerator(
    allureLauncher(),
    ['generate', resultsDir, '--clean', '-o', reportDir],
    launcherEnv,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  if (!fs.existsSync(path.join(reportDir, 'index.html'))) {
    throw new EnvironmentError(`allure generate exited 0 but ${path.join(reportDir, 'index.html')} is missing`, {
      fix: 'reinstall allure-commandline with `npm ci`',
    });
  }
  return { reportDir, results, historyKept };
}
