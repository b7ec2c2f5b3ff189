// Runs one forwarder mode's scenarios: forks cucumber-child.js with KAFKA_CHAOS_CONFIG set to
// the mode's config, bounded in time, and returns the envelopes it wrote. The child's own output
// (cucumber's progress, the harness's logs) goes to a log file beside them; progress events
// come over IPC and are handed to `onProgress`. A child that outlives its bound is stopped
// (SIGTERM, then SIGKILL) and whatever it finished still counts; anything its runs left
// running is then stopped by their run labels, as `chaos:clean --run <id>` would.

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanContainers } from '../environment/container/clean-containers.js';
import { cleanOrphans } from '../environment/process/clean-orphans.js';
import type { ChildProgress, ChildRequest } from './cucumber-child.js';
import { exactName, readEnvelopes, type Envelope, type ScenarioRef } from '../scenario/scenario-outcome.js';

const CHILD = fileURLToPath(new URL('./cucumber-child.js', import.meta.url));
/** How long a SIGTERMed child may take to release its cluster before it is killed. */
const STOP_GRACE_MS = 30_000;

export interface ModeRun {
  envelopes: Envelope[];
  /** Why the run ended early or badly, if it did (timeout, the child could not run cucumber). */
  problem?: string;
  logFile: string;
}

export interface ModeRunOptions {
  mode: string;
  scenarios: readonly ScenarioRef[];
  configFile: string;
  /** Where this mode's request, messages, log and run directories go. */
  dir: string;
  timeoutMs: number;
  onProgress?: (progress: ChildProgress) => void;
  /** Aborts the run (Ctrl-C): the child is stopped as on a timeout. */
  signal?: AbortSignal;
}

export async function runMode(options: ModeRunOptions): Promise<ModeRun> {
  const dir = path.join(options.dir, options.mode);
  fs.mkdirSync(dir, { recursive: true });
  const request: ChildRequest = {
    paths: [...new Set(options.scenarios.map((s) => s.feature))],
    names: options.scenarios.map((s) => exactName(s.name)),
    messagesFile: path.join(dir, 'messages.ndjson'),
  };
  const requestFile = path.join(dir, 'request.json');
  fs.writeFileSync(requestFile, `${JSON.stringify(request, null, 2)}\n`);
  const runsDir = path.join(dir, 'runs');
  const logFile = path.join(dir, 'cucumber.log');
  const log = fs.openSync(logFile, 'w');
  let problem: string | undefined;
  try {
    const child = fork(CHILD, [requestFile], {
      env: { ...process.env, KAFKA_CHAOS_CONFIG: options.configFile, KAFKA_CHAOS_RUNS_DIR: runsDir },
      stdio: ['ignore', log, log, 'ipc'],
    });
    child.on('message', (message) => options.onProgress?.(message as ChildProgress));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const spawnFailed = new Promise<string>((resolve) => child.once('error', (error) => resolve(error.message)));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
    const aborted = new Promise<'aborted'>((resolve) =>
      options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true }),
    );
    const first = await Promise.race([exited, spawnFailed, timedOut, aborted]);
    clearTimeout(timer);
    if (first === 'timeout' || first === 'aborted') {
      problem = first === 'timeout' ? `cucumber did not finish within ${Math.round(options.timeoutMs / 1000)} s` : 'interrupted';
      await stop(child, exited);
    } else if (typeof first === 'string') {
      problem = `could not start cucumber: ${first}`;
    } else if (first.code !== 0) {
      problem = `cucumber ended with ${first.signal ? `signal ${first.signal}` : `code ${first.code}`} (see ${logFile})`;
    }
  } finally {
    fs.closeSync(log);
  }
  await releaseLeftovers(runsDir);
  return { envelopes: readEnvelopes(request.messagesFile), problem, logFile };
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killTimer);
}

/** Stops what the (now exited) child's runs still have running: their runner is dead, so nothing live is touched. */
async function releaseLeftovers(runsDir: string): Promise<void> {
  if (!fs.existsSync(runsDir)) return;
  for (const runId of fs.readdirSync(runsDir)) {
    await cleanOrphans({ runId });
    await cleanContainers({ runId });
  }
}
