// One container of a run as a node the nemesis can act on: created and started by testcontainers
// (labels, the run network with its aliases, files copied in, a startup bound), then driven with
// dockerode's verbs where testcontainers has none — kill with a signal, pause, unpause, start
// again after a crash. Its output streams into the run directory; removal is dispose.

import fs from 'node:fs';
import type Docker from 'dockerode';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { tailLines } from '../../evidence/run-directory.js';
import { ProcessExitedError, describeError } from '../../util/errors.js';
import type { ExitInfo, LifecycleState, NodeLifecycle } from '../lifecycle.js';
import { followContainerLog } from './container-log.js';
import { runLabels, runResourceName } from './run-labels.js';

export interface RunContainerSpec {
  /** The role, e.g. "broker-2", "target", "sut-forwarder-1": names logs, errors and the container. */
  name: string;
  image: string;
  runId: string;
  network: string;
  aliases: string[];
  logPath: string;
  entrypoint?: string[];
  command?: string[];
  env?: Record<string, string>;
  files?: { content: string | Buffer; target: string }[];
  bindMounts?: { source: string; target: string }[];
  user?: string;
  /** How long stop() lets the container shut down after SIGTERM before the daemon kills it. */
  stopTimeoutMs?: number;
  startupTimeoutMs?: number;
}

/** testcontainers' container, created straight onto the run network with its aliases (and an init). */
class RunNetworkContainer extends GenericContainer {
  withRunNetwork(network: string, aliases: string[]): this {
    this.withNetworkMode(network);
    // Aliases in the create call itself: testcontainers' withNetworkAliases would first attach the
    // container to the default bridge, a second path around every cut.
    this.createOpts.NetworkingConfig = { EndpointsConfig: { [network]: { Aliases: aliases } } };
    this.hostConfig.Init = true; // signals reach the main process as they would outside a container
    return this;
  }
}

/** Docker reports a main process killed by signal n as exit code 128 + n. */
const SIGNALS: Record<number, string> = { 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 15: 'SIGTERM' };

export class RunContainer implements NodeLifecycle, AsyncDisposable {
  readonly spec: RunContainerSpec;
  private started: StartedTestContainer | undefined;
  private exitPromise: Promise<ExitInfo> = Promise.resolve({ code: null, signal: null });
  private lastExit: ExitInfo | undefined;
  private paused = false;

  constructor(
    private readonly docker: Docker,
    spec: RunContainerSpec,
  ) {
    this.spec = spec;
  }

  get name(): string {
    return this.spec.name;
  }

  get logPath(): string {
    return this.spec.logPath;
  }

  get running(): boolean {
    return this.started !== undefined && this.lastExit === undefined;
  }

  get state(): LifecycleState {
    if (!this.running) return 'stopped';
    return this.paused ? 'paused' : 'running';
  }

  get exited(): Promise<ExitInfo> {
    return this.exitPromise;
  }

  /** The container's address on the run network (reachable from this machine). */
  get ipAddress(): string {
    if (!this.started) throw new Error(`${this.name} has not been started`);
    return this.started.getIpAddress(this.spec.network);
  }

  get containerId(): string | undefined {
    return this.started?.getId();
  }

  private get container(): Docker.Container {
    return this.docker.getContainer(this.started!.getId());
  }

  async start(): Promise<void> {
    if (this.running) return;
    const since = Math.floor(Date.now() / 1000);
    fs.appendFileSync(this.logPath, `--- ${new Date().toISOString()} start: ${this.spec.image}\n`);
    if (!this.started) {
      this.started = await this.create();
    } else {
      await this.container.start();
    }
    this.lastExit = undefined;
    this.paused = false;
    await followContainerLog(this.docker, this.container, this.logPath, since);
    const container = this.container;
    this.exitPromise = container.wait({ condition: 'not-running' }).then(
      (result: { StatusCode: number }) => this.finish(result.StatusCode),
      () => this.finish(null),
    );
  }

  private finish(status: number | null): ExitInfo {
    const signal = status !== null && status > 128 ? SIGNALS[status - 128] : undefined;
    const info: ExitInfo = signal ? { code: null, signal } : { code: status, signal: null };
    this.lastExit ??= info;
    return this.lastExit;
  }

  private async create(): Promise<StartedTestContainer> {
    const spec = this.spec;
    const container = new RunNetworkContainer(spec.image)
      .withName(runResourceName(spec.runId, spec.name))
      .withLabels(runLabels(spec.runId, spec.name))
      .withRunNetwork(spec.network, spec.aliases)
      .withEnvironment(spec.env ?? {})
      .withStartupTimeout(spec.startupTimeoutMs ?? 30_000)
      .withAutoRemove(false);
    if (spec.entrypoint) container.withEntrypoint(spec.entrypoint);
    if (spec.command) container.withCommand(spec.command);
    if (spec.files?.length) container.withCopyContentToContainer(spec.files);
    if (spec.bindMounts?.length) container.withBindMounts(spec.bindMounts.map((m) => ({ ...m, mode: 'rw' as const })));
    if (spec.user) container.withUser(spec.user);
    try {
      return await container.start();
    } catch (error) {
      // A container that failed to start may still exist: leave nothing behind.
      await this.docker
        .getContainer(runResourceName(spec.runId, spec.name))
        .remove({ force: true, v: true })
        .catch(() => undefined);
      throw new ProcessExitedError(`container ${spec.name} (${spec.image}) could not start: ${describeError(error)}`, { cause: error });
    }
  }

  /** SIGTERM, then SIGKILL after stopTimeoutMs (the daemon's `docker stop`). */
  async stop(): Promise<ExitInfo> {
    if (!this.running) return this.lastExit ?? { code: null, signal: null };
    if (this.paused) await this.resume();
    await ignoreNotRunning(this.container.stop({ t: Math.ceil((this.spec.stopTimeoutMs ?? 15_000) / 1000) }));
    return this.exitPromise;
  }

  /** SIGKILL: the crash. The container (and its data) stays, to be started again. */
  async kill(): Promise<ExitInfo> {
    if (!this.running) return this.lastExit ?? { code: null, signal: null };
    await ignoreNotRunning(this.container.kill({ signal: 'SIGKILL' }));
    return this.exitPromise;
  }

  /** The cgroup freezer (`docker pause`): every process frozen, connections held open. */
  async pause(): Promise<void> {
    if (!this.running || this.paused) return;
    await this.container.pause();
    this.paused = true;
  }

  async resume(): Promise<void> {
    if (!this.running || !this.paused) return;
    await this.container.unpause();
    this.paused = false;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  tail(lines = 15): string {
    return tailLines(this.logPath, lines);
  }

  /** Removes the container (and its anonymous volumes), running or not. */
  async remove(): Promise<void> {
    if (!this.started) return;
    await this.docker
      .getContainer(this.started.getId())
      .remove({ force: true, v: true })
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 404) throw error;
      });
    this.lastExit ??= { code: null, signal: 'SIGKILL' };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove();
  }
}

/** 304 (already stopped) and 409 (not running) mean the container is where we wanted it. */
async function ignoreNotRunning(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 304 && status !== 409) throw error;
  }
}
