// One long-running child process of a run: a broker, Toxiproxy, the target or a SUT instance.
// It runs in its own process group (signals reach a `sh -c` wrapper's children too), with an
// explicit environment (child-environment.ts: an allowlist of the runner's, never all of it)
// plus the run id and its runner (the labels `chaos:clean` finds orphans by), and appends stdout
// and stderr to its log in the run directory, across restarts. Options that must stay out of
// reach of a SUT running as the same user (who can read any of our processes' command lines and
// environments under /proc) are written to the child's stdin at each start, then stdin is closed.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { RUNNER_ENV, RUNS_ROOT_ENV, RUN_ID_ENV, runnerLabel, runsRootLabel, tailLines } from '../../evidence/run-directory.js';
import { ProcessExitedError } from '../../util/errors.js';
import { childEnvironment } from './child-environment.js';
import { liveProcesses } from '../live-processes.js';
import type { ExitInfo, LifecycleState, NodeLifecycle } from '../lifecycle.js';

export interface ProcessSpec {
  /** Names the process in logs and errors, e.g. "broker-2", "sut-forwarder-1". */
  name: string;
  command: string;
  args: readonly string[];
  runId: string;
  logPath: string;
  /** The child's own variables, on top of the runner's allowlisted ones. */
  env?: Record<string, string>;
  /** The runner's whole environment instead of the allowlist (a SUT's "inheritEnv": true). */
  inheritEnv?: boolean;
  /** Written to stdin at each start, then stdin is closed (a secret kept off cmdline and environ). */
  stdin?: string;
  cwd?: string;
  /** How long stop() waits after SIGTERM before it sends SIGKILL. */
  stopTimeoutMs?: number;
}

export class ManagedProcess implements NodeLifecycle {
  readonly spec: ProcessSpec;
  private child: ChildProcess | undefined;
  private exitPromise: Promise<ExitInfo> = Promise.resolve({ code: null, signal: null });
  private lastExit: ExitInfo | undefined;
  private paused = false;

  constructor(spec: ProcessSpec) {
    this.spec = spec;
  }

  get name(): string {
    return this.spec.name;
  }

  get logPath(): string {
    return this.spec.logPath;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.lastExit === undefined;
  }

  get state(): LifecycleState {
    if (!this.running) return 'stopped';
    return this.paused ? 'paused' : 'running';
  }

  /** How the current (or last) incarnation ended; resolves when it exits. */
  get exited(): Promise<ExitInfo> {
    return this.exitPromise;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const log = fs.openSync(this.spec.logPath, 'a');
    fs.writeSync(log, `--- ${new Date().toISOString()} start: ${this.spec.command} ${this.spec.args.join(' ')}\n`);
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: childEnvironment(
        {
          ...this.spec.env,
          [RUN_ID_ENV]: this.spec.runId,
          [RUNNER_ENV]: runnerLabel(),
          [RUNS_ROOT_ENV]: runsRootLabel(this.spec.runId),
          KAFKA_CHAOS_PROCESS: this.spec.name,
        },
        { inheritEnv: this.spec.inheritEnv },
      ),
      stdio: [this.spec.stdin === undefined ? 'ignore' : 'pipe', log, log],
      detached: true,
    });
    fs.closeSync(log);
    if (this.spec.stdin !== undefined) {
      // A child that exits before reading breaks the pipe: its exit, not this write, is the error.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(this.spec.stdin);
    }
    this.child = child;
    this.lastExit = undefined;
    this.paused = false;
    this.exitPromise = new Promise((resolve) => {
      const finish = (info: ExitInfo) => {
        if (this.lastExit) return;
        this.lastExit = info;
        liveProcesses.delete(this);
        resolve(info);
      };
      child.once('exit', (code, signal) => finish({ code, signal }));
      child.once('error', (error) => {
        fs.appendFileSync(this.spec.logPath, `spawn failed: ${error.message}\n`);
        finish({ code: null, signal: null });
      });
    });
    liveProcesses.add(this);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) =>
        reject(new ProcessExitedError(`${this.name}: could not start ${this.spec.command}: ${error.message}`, { cause: error })),
      );
    });
  }

  /** SIGTERM, then SIGKILL after stopTimeoutMs. Resolves once the process is gone. */
  async stop(): Promise<ExitInfo> {
    if (!this.running) return this.lastExit ?? { code: null, signal: null };
    this.signal('SIGTERM');
    if (this.paused) this.signal('SIGCONT'); // a stopped process cannot act on SIGTERM
    const timeoutMs = this.spec.stopTimeoutMs ?? 15_000;
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      return await this.exitPromise;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: the crash a kill -9 causes. Resolves once the process is gone. */
  async kill(): Promise<ExitInfo> {
    if (!this.running) return this.lastExit ?? { code: null, signal: null };
    this.signal('SIGKILL');
    return this.exitPromise;
  }

  /** SIGSTOP: the process is frozen (a GC pause or a hung VM, from the outside). */
  async pause(): Promise<void> {
    if (!this.running || this.paused) return;
    this.signal('SIGSTOP');
    this.paused = true;
  }

  async resume(): Promise<void> {
    if (!this.running || !this.paused) return;
    this.signal('SIGCONT');
    this.paused = false;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Signals the whole process group; synchronous so exit handlers can use it. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone: nothing left to signal.
    }
  }

  tail(lines = 15): string {
    return tailLines(this.spec.logPath, lines);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
