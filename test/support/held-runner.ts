// Starts test/fixtures/hold-environment as a separate runner process and waits until its
// environment is up: the runner that the crash and interrupt tests then kill or interrupt. What a
// run leaves running is found by its labels: processes, or containers and networks.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { LABEL } from '../../src/environment/container/run-labels.js';
import { labelledProcesses } from '../../src/environment/process/clean-orphans.js';
import type { RuntimeKind } from '../../src/environment/runtime.js';
import { cleanContainers } from '../../src/environment/container/clean-containers.js';
import { dockerAnswers, dockerClient } from '../../src/images/docker-client.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { waitFor } from '../../src/util/wait-for.js';
import { runtimesUnderTest } from './test-environment.js';

export interface HeldRunner {
  process: ChildProcess;
  runId: string;
  /** Kills the runner and removes anything of its run still alive (a test's own finally). */
  killAll(): Promise<void>;
}

export function pidsOfRun(runId: string): number[] {
  return [...labelledProcesses()].filter(([, label]) => label.runId === runId).map(([pid]) => pid);
}

/**
 * Every process, container and network labelled with the run id: what `docker ps -a` / `docker
 * network ls` would show of it. A daemon that does not answer is an error, never "nothing left":
 * a clean-up check that could not look must not pass. A process run starts no container: when
 * npm test runs without its container half (no daemon), only its processes are looked for.
 */
export async function leftoversOfRun(runId: string, runtime: RuntimeKind = 'container'): Promise<string[]> {
  if (runtime === 'process' && !runtimesUnderTest().includes('container')) return pidsOfRun(runId).map((pid) => `process ${pid}`);
  const filters = { label: [`${LABEL.runId}=${runId}`] };
  const docker = dockerClient();
  if (!(await dockerAnswers())) {
    throw new Error(`the Docker daemon did not answer within 3 s, so the containers and networks of run ${runId} could not be listed`);
  }
  const [containers, networks] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters })]);
  return [
    ...pidsOfRun(runId).map((pid) => `process ${pid}`),
    ...containers.map((c) => `container ${c.Names[0]}`),
    ...networks.map((n) => `network ${n.Name}`),
  ];
}

export async function startHeldRunner(runsRoot: string, runtime: RuntimeKind = 'process'): Promise<HeldRunner> {
  const runner = spawn(process.execPath, [path.join(packageRoot, 'dist', 'test', 'fixtures', 'hold-environment.js'), runsRoot, runtime], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  readline.createInterface({ input: runner.stdout! }).on('line', (line) => lines.push(line));
  let runId = '';
  const killAll = async () => {
    runner.kill('SIGKILL');
    for (const pid of runId ? pidsOfRun(runId) : []) process.kill(pid, 'SIGKILL');
    if (runId && runtime === 'container') await cleanContainers({ runId, force: true });
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
    await killAll();
    throw error;
  }
  return { process: runner, runId, killAll };
}

/** Resolves with the runner's exit code or signal once it has exited (bounded). */
export async function runnerExit(runner: ChildProcess, timeoutMs: number): Promise<number | string> {
  return waitFor(() => runner.exitCode ?? runner.signalCode ?? undefined, { what: 'the runner to exit', timeoutMs, intervalMs: 100 });
}
