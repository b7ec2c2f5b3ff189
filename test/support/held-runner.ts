// Starts test/fixtures/hold-environment as a separate runner process and waits until its
// environment is up: the runner that the crash and interrupt tests then kill or interrupt.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { labelledProcesses } from '../../src/environment/process/clean-orphans.js';
import { projectRoot } from '../../src/setup/project-paths.js';
import { waitFor } from '../../src/util/wait-for.js';

export interface HeldRunner {
  process: ChildProcess;
  runId: string;
  /** Kills the runner and anything of its run still alive (a test's own finally). */
  killAll(): void;
}

export function pidsOfRun(runId: string): number[] {
  return [...labelledProcesses()].filter(([, label]) => label.runId === runId).map(([pid]) => pid);
}

export async function startHeldRunner(runsRoot: string): Promise<HeldRunner> {
  const runner = spawn(process.execPath, [path.join(projectRoot, 'dist', 'test', 'fixtures', 'hold-environment.js'), runsRoot], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  readline.createInterface({ input: runner.stdout! }).on('line', (line) => lines.push(line));
  let runId = '';
  const killAll = () => {
    runner.kill('SIGKILL');
    for (const pid of runId ? pidsOfRun(runId) : []) process.kill(pid, 'SIGKILL');
  };
  try {
    runId = await waitFor(
      () => {
        if (runner.exitCode !== null) throw new Error(`the runner exited with ${runner.exitCode} before it was ready`);
        const ready = lines.find((line) => line.startsWith('{"runId"'));
        return ready && (JSON.parse(ready) as { runId: string }).runId;
      },
      { what: 'the runner to bring its environment up', timeoutMs: 180_000 },
    );
  } catch (error) {
    killAll();
    throw error;
  }
  return { process: runner, runId, killAll };
}

/** Resolves with the runner's exit code or signal once it has exited (bounded). */
export async function runnerExit(runner: ChildProcess, timeoutMs: number): Promise<number | string> {
  return waitFor(() => runner.exitCode ?? runner.signalCode ?? undefined, { what: 'the runner to exit', timeoutMs, intervalMs: 100 });
}
