// The run directory `reports/runs/<run-id>/`: everything one run leaves behind — ledgers,
// process logs, broker data, and run.json, which records who owns the run (the runner's pid)
// so that `chaos:clean` can tell a crashed run from a live one.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** The label every process of a run carries in its environment: the run id. */
export const RUN_ID_ENV = 'KAFKA_CHAOS_RUN_ID';
/** …and who started it, as `<pid>:<start ticks>`: clean leaves a run alone while that process lives. */
export const RUNNER_ENV = 'KAFKA_CHAOS_RUNNER';

/**
 * …and the absolute runs directory its run lives in: `clean` without --run touches only the runs
 * of its own project's runs directory, never another checkout's or another user's.
 */
export const RUNS_ROOT_ENV = 'KAFKA_CHAOS_RUNS_ROOT';

/** Run id → its runs directory, for the runs this process created (RunDirectory.create). */
const runsRoots = new Map<string, string>();

/** The runs-root label of a run: where RunDirectory.create put it, else this project's runs directory. */
export function runsRootLabel(runId: string): string {
  return runsRoots.get(runId) ?? defaultRunsRoot();
}

export function runnerLabel(pid = process.pid): string {
  return `${pid}:${processStartTicks(pid)}`;
}

/** True when the process named by a runner label still runs (same pid, same start time). */
export function runnerAlive(label: string): boolean {
  const [pid, ticks] = label.split(':').map(Number);
  return pid !== undefined && Number.isInteger(pid) && processStartTicks(pid) === ticks;
}

export interface RunInfo {
  runId: string;
  runnerPid: number;
  /** The runner's start time in clock ticks since boot (/proc/<pid>/stat): guards against pid reuse. */
  runnerStartTicks: number | null;
  startedAt: string;
  [key: string]: unknown;
}

export function defaultRunsRoot(): string {
  return path.resolve(process.env.KAFKA_CHAOS_RUNS_DIR ?? path.join('reports', 'runs'));
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export class RunDirectory {
  readonly runId: string;
  readonly root: string;

  private constructor(runId: string, root: string) {
    this.runId = runId;
    this.root = root;
  }

  /** Creates a fresh run directory and records the current process as its runner. */
  static create(runsRoot = defaultRunsRoot(), runId = newRunId()): RunDirectory {
    const dir = new RunDirectory(runId, path.join(runsRoot, runId));
    fs.mkdirSync(dir.logsDir, { recursive: true });
    // Every process and container of the run is labelled with it (RUNS_ROOT_ENV, run-labels.ts).
    if (!runsRoots.has(runId)) runsRoots.set(runId, path.resolve(runsRoot));
    const info: RunInfo = {
      runId,
      runnerPid: process.pid,
      runnerStartTicks: processStartTicks(process.pid),
      startedAt: new Date().toISOString(),
    };
    fs.writeFileSync(dir.file('run.json'), JSON.stringify(info, null, 2) + '\n');
    return dir;
  }

  static open(root: string): RunDirectory {
    const info = JSON.parse(fs.readFileSync(path.join(root, 'run.json'), 'utf8')) as RunInfo;
    return new RunDirectory(info.runId, root);
  }

  get logsDir(): string {
    return path.join(this.root, 'logs');
  }

  file(name: string): string {
    return path.join(this.root, name);
  }

  log(name: string): string {
    return path.join(this.logsDir, `${name}.log`);
  }

  /** A private working directory inside the run (broker data, configs). */
  dir(...parts: string[]): string {
    const dir = path.join(this.root, ...parts);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  info(): RunInfo {
    return JSON.parse(fs.readFileSync(this.file('run.json'), 'utf8')) as RunInfo;
  }

  /** Adds facts to run.json (runtime, Kafka version, …) for the report. */
  annotate(facts: Record<string, unknown>): void {
    fs.writeFileSync(this.file('run.json'), JSON.stringify({ ...this.info(), ...facts }, null, 2) + '\n');
  }
}

/** The last `count` lines of a log file, for error messages ("" when there is none). */
export function tailLines(filePath: string, count = 15): string {
  try {
    const text = fs.readFileSync(filePath, 'utf8');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-count)
      .join('\n');
  } catch {
    return '';
  }
}

/** A process's start time in clock ticks since boot, or null when it does not exist (Linux). */
export function processStartTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may contain spaces, so count from its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return null;
  }
}
