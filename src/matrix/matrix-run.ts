// One column of `kafka-chaos matrix`: `kafka-chaos chaos --sut <client>` in a child process on
// one Kafka version (KAFKA_VERSION), limited to the matrix's scenarios, writing its cucumber
// messages and Allure results into the column's folder and its output to a log there. Bounded in
// time; a child past its bound, or one the user interrupts, gets SIGTERM — the chaos command then
// releases its cluster as on Ctrl-C — and SIGKILL after a grace period. What it finished counts.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exactName, readEnvelopes, type Envelope } from '../scenario/scenario-outcome.js';
import type { MatrixScenario } from './portable-scenarios.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
/** How long a SIGTERMed chaos run may take to release its cluster before it is killed. */
const STOP_GRACE_MS = 30_000;
/** Per scenario, plus one cluster start per feature file, bounds a column's run. */
const SCENARIO_BUDGET_MS = 4 * 60_000;
const FEATURE_BUDGET_MS = 60_000;

export interface ColumnRunOptions {
  sut: string;
  kafkaVersion: string;
  scenarios: readonly MatrixScenario[];
  /** The user's other chaos arguments (tags, feature paths, cucumber options). */
  chaosArgs: readonly string[];
  /** This column's folder: messages.ndjson, allure-results/, chaos.log. */
  dir: string;
  signal?: AbortSignal;
}

export interface ColumnRun {
  envelopes: Envelope[];
  resultsDir: string;
  logFile: string;
  /** The chaos command's exit code (0, 1 or 2), or why it has none. */
  ended: string;
}

export async function runColumn(options: ColumnRunOptions): Promise<ColumnRun> {
  fs.mkdirSync(options.dir, { recursive: true });
  const messagesFile = path.join(options.dir, 'messages.ndjson');
  const resultsDir = path.join(options.dir, 'allure-results');
  const logFile = path.join(options.dir, 'chaos.log');
  const args = [
    CLI,
    'chaos',
    '--sut',
    options.sut,
    '--format',
    `message:${messagesFile}`,
    '--format-options',
    JSON.stringify({ resultsDir }),
    ...options.scenarios.flatMap((s) => ['--name', exactName(s.name)]),
    ...options.chaosArgs,
  ];
  const features = new Set(options.scenarios.map((s) => s.feature)).size;
  const timeoutMs = options.scenarios.length * SCENARIO_BUDGET_MS + features * FEATURE_BUDGET_MS;
  const log = fs.openSync(logFile, 'w');
  let ended: string;
  try {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, KAFKA_VERSION: options.kafkaVersion },
      stdio: ['ignore', log, log],
    });
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(code === null ? `killed by ${signal}` : `exit ${code}`));
      child.once('error', (error) => resolve(`could not start: ${error.message}`));
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
      new Promise<'aborted'>((resolve) => options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true })),
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout' || outcome === 'aborted') {
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(kill);
      ended = outcome === 'timeout' ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : 'interrupted';
    } else ended = outcome;
  } finally {
    fs.closeSync(log);
  }
  return { envelopes: readEnvelopes(messagesFile), resultsDir, logFile, ended };
}
