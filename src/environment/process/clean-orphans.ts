// `chaos:clean`: stops what a crashed runner left behind. Processes are found by their labels —
// KAFKA_CHAOS_RUN_ID and KAFKA_CHAOS_RUNNER in their environment, which every process of a run
// (and its children) carries — never by name, so nothing this project did not start is touched.
// A run whose runner is still alive is left alone unless forced; the label says who the runner
// is, so this holds wherever the run keeps its directory. Each process also names its runs
// directory (KAFKA_CHAOS_RUNS_ROOT): given `runsRoot`, runs of any other runs directory — another
// checkout's, another user's, or unlabelled — are reported but never touched.

import fs from 'node:fs';
import path from 'node:path';
import { RUNNER_ENV, RUNS_ROOT_ENV, RUN_ID_ENV, runnerAlive } from '../../evidence/run-directory.js';
import { waitFor } from '../../util/wait-for.js';

export interface CleanReport {
  runId: string;
  pids: number[];
  /** The run's runner still lives: its processes were left running. */
  runnerAlive: boolean;
  killed: number[];
  /** The runs directory its processes name ('' when they name none). */
  runsRoot: string;
  /** Of another runs directory than the one cleaned: left alone. */
  elsewhere: boolean;
}

export interface LabelledProcess {
  runId: string;
  /** `<pid>:<start ticks>` of the process that started the run. */
  runner: string;
  /** The absolute runs directory of the run ('' for a process labelled before there was one). */
  runsRoot: string;
}

/** Whether a run's runs-root label is the runs directory being cleaned (undefined: every one). */
export function inLane(label: string, runsRoot: string | undefined): boolean {
  return runsRoot === undefined || (label !== '' && path.resolve(label) === path.resolve(runsRoot));
}

/** pid → labels, for every process on this machine that carries a run label. */
export function labelledProcesses(): Map<number, LabelledProcess> {
  const found = new Map<number, LabelledProcess>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: string[];
    try {
      environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    } catch {
      continue; // gone already, or not ours to read
    }
    const value = (name: string) => environ.find((item) => item.startsWith(`${name}=`))?.slice(name.length + 1);
    const runId = value(RUN_ID_ENV);
    if (runId) found.set(pid, { runId, runner: value(RUNNER_ENV) ?? '', runsRoot: value(RUNS_ROOT_ENV) ?? '' });
  }
  return found;
}

/** Exited, or a zombie waiting for its parent to reap it: either way it holds nothing. */
function isGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * Stops the processes of dead runs (`force`: of live ones too): one run (`runId`), or every run
 * of one runs directory (`runsRoot`), or — neither given — every labelled run on the machine.
 */
export async function cleanOrphans(options: { runId?: string; force?: boolean; runsRoot?: string } = {}): Promise<CleanReport[]> {
  const byRun = new Map<string, { pids: number[]; runners: Set<string>; runsRoot: string }>();
  for (const [pid, { runId, runner, runsRoot }] of labelledProcesses()) {
    if (options.runId && runId !== options.runId) continue;
    const run = byRun.get(runId) ?? { pids: [], runners: new Set<string>(), runsRoot };
    run.pids.push(pid);
    run.runners.add(runner);
    byRun.set(runId, run);
  }
  const reports: CleanReport[] = [];
  for (const [runId, { pids, runners, runsRoot }] of byRun) {
    const alive = [...runners].some(runnerAlive);
    const elsewhere = !inLane(runsRoot, options.runsRoot);
    const report: CleanReport = { runId, pids, runnerAlive: alive, killed: [], runsRoot, elsewhere };
    reports.push(report);
    if (elsewhere || (alive && !options.force)) continue;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        report.killed.push(pid);
      } catch {
        // exited in the meantime
      }
    }
    await waitFor(() => report.killed.every(isGone), {
      what: `the processes of run ${runId} (${report.killed.join(', ')}) to exit after SIGKILL`,
      timeoutMs: 10_000,
      intervalMs: 100,
    });
  }
  return reports;
}
