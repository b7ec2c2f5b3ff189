// A system under test as K instances, whichever runtime runs them: each instance's lifecycle
// changes are written to events.jsonl as they happen (the checker attributes duplicates to them),
// an instance that exits within its startup grace failed to start, and the fleet scales up and
// down by index. A runtime supplies only how one instance's node is made.

import type { EventLedger } from '../evidence/event-ledger.js';
import { ConfigError, ProcessExitedError } from '../util/errors.js';
import type { ExitInfo, NodeLifecycle } from './lifecycle.js';
import type { SutFleet, SutInstance, SutLaunch } from './runtime.js';

/** A process or a container: a node that can also tell whether it runs and how it ended. */
export interface SutNode extends NodeLifecycle {
  readonly running: boolean;
  readonly exited: Promise<ExitInfo>;
}

/** A node's last log lines on one line (an error message names the cause without a trip to the log). */
export function lastLogLines(node: Pick<NodeLifecycle, 'tail'>, count = 5): string {
  return (
    node
      .tail(count)
      .split('\n')
      // The harness's own markers ("--- <time> start: <command>") say nothing the message does not.
      .filter((line) => line.trim() !== '' && !line.startsWith('--- '))
      .join(' | ') || '(none)'
  );
}

export class RecordedSutInstance implements SutInstance {
  constructor(
    readonly index: number,
    private readonly node: SutNode,
    private readonly graceMs: number,
    private readonly events: EventLedger,
    /** Identifies the incarnation in events.jsonl (a pid, a container id). */
    private readonly identity: () => Record<string, unknown>,
  ) {}

  get name(): string {
    return this.node.name;
  }

  get state() {
    return this.node.state;
  }

  get logPath(): string {
    return this.node.logPath;
  }

  get exited(): Promise<ExitInfo> {
    return this.node.exited;
  }

  /** Starts the instance; one that exits within the startup grace period failed to start. */
  async start(): Promise<void> {
    if (this.node.running) return;
    await this.node.start();
    this.events.record('sut-start', this.name, this.identity());
    void this.node.exited.then((info) => this.events.record('sut-exit', this.name, { ...info }));
    const exitedEarly = await Promise.race([
      this.node.exited,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), this.graceMs).unref()),
    ]);
    if (exitedEarly) {
      const how = exitedEarly.signal ? `signal ${exitedEarly.signal}` : `code ${exitedEarly.code}`;
      throw new ProcessExitedError(
        `SUT ${this.name} exited at start with ${how} (see ${this.logPath}); last log lines: ${lastLogLines(this)}`,
        {
          fix: 'check the command (or image) and env of this SUT in kafka-chaos.config.json',
        },
      );
    }
  }

  async stop(): Promise<ExitInfo> {
    if (this.node.running) this.events.record('sut-stop', this.name);
    return this.node.stop();
  }

  async kill(): Promise<ExitInfo> {
    if (this.node.running) this.events.record('sut-kill', this.name);
    return this.node.kill();
  }

  async pause(): Promise<void> {
    if (this.node.state === 'running') this.events.record('sut-pause', this.name);
    await this.node.pause();
  }

  async resume(): Promise<void> {
    if (this.node.state === 'paused') this.events.record('sut-resume', this.name);
    await this.node.resume();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  tail(lines?: number): string {
    return this.node.tail(lines);
  }
}

export class InstanceFleet implements SutFleet {
  private readonly all: RecordedSutInstance[] = [];

  private constructor(
    readonly launch: SutLaunch,
    private readonly make: (index: number) => RecordedSutInstance,
    /** Releases what an instance holds once it is stopped for good (a container to remove). */
    private readonly release: (instance: RecordedSutInstance) => Promise<void>,
  ) {}

  static async start(
    launch: SutLaunch,
    make: (index: number) => RecordedSutInstance,
    release: (instance: RecordedSutInstance) => Promise<void> = async () => undefined,
  ): Promise<InstanceFleet> {
    const fleet = new InstanceFleet(launch, make, release);
    try {
      await fleet.scaleTo(launch.instances);
    } catch (error) {
      await fleet.stopAll();
      throw error;
    }
    return fleet;
  }

  get instances(): readonly SutInstance[] {
    return this.all;
  }

  instance(index: number): SutInstance {
    const found = this.all.find((i) => i.index === index);
    if (!found) throw new ConfigError(`there is no SUT instance ${index} (instances: 1..${this.all.length})`);
    return found;
  }

  async scaleTo(count: number): Promise<void> {
    while (this.all.length < count) this.all.push(this.make(this.all.length + 1));
    await Promise.all(this.all.slice(0, count).map((i) => i.start()));
    const removed = this.all.splice(count);
    await Promise.all(
      removed.map(async (i) => {
        await i.stop();
        await this.release(i);
      }),
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.all.map(async (i) => {
        await i.stop();
        await this.release(i);
      }),
    );
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stopAll();
  }
}
