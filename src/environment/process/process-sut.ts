// The system under test as K local processes, started per the SUT contract (README): the
// environment tells each instance where Kafka, its topic, its group and the target are.

import type { EventLedger } from '../../evidence/event-ledger.js';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { ConfigError, ProcessExitedError } from '../../util/errors.js';
import type { SutDefinition, SutFleet, SutInstance, SutLaunch } from '../runtime.js';
import { ManagedProcess } from './managed-process.js';
import { sutEnvironment } from '../sut-contract.js';

/** A SUT instance whose every lifecycle change is written to events.jsonl as it happens. */
class ProcessSutInstance extends ManagedProcess implements SutInstance {
  readonly index: number;
  private readonly graceMs: number;
  private readonly events: EventLedger;

  constructor(index: number, graceMs: number, events: EventLedger, spec: ConstructorParameters<typeof ManagedProcess>[0]) {
    super(spec);
    this.index = index;
    this.graceMs = graceMs;
    this.events = events;
  }

  /** Starts the instance; one that exits within the startup grace period failed to start. */
  override async start(): Promise<void> {
    if (this.running) return;
    await super.start();
    this.events.record('sut-start', this.name, { pid: this.pid });
    void this.exited.then((info) => this.events.record('sut-exit', this.name, { ...info }));
    const exitedEarly = await Promise.race([
      this.exited.then((info) => info),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), this.graceMs).unref()),
    ]);
    if (exitedEarly) {
      const how = exitedEarly.signal ? `signal ${exitedEarly.signal}` : `code ${exitedEarly.code}`;
      const last = this.tail(5).split('\n').join(' | ');
      throw new ProcessExitedError(
        `SUT ${this.name} exited at start with ${how} (see ${this.logPath}); last log lines: ${last || '(none)'}`,
        { fix: 'check the command and env of this SUT in kafka-chaos.config.json' },
      );
    }
  }

  override async stop() {
    if (this.running) this.events.record('sut-stop', this.name);
    return super.stop();
  }

  override async kill() {
    if (this.running) this.events.record('sut-kill', this.name);
    return super.kill();
  }

  override async pause(): Promise<void> {
    if (this.state === 'running') this.events.record('sut-pause', this.name);
    await super.pause();
  }

  override async resume(): Promise<void> {
    if (this.state === 'paused') this.events.record('sut-resume', this.name);
    await super.resume();
  }
}

export class ProcessSutFleet implements SutFleet {
  readonly launch: SutLaunch;
  private readonly all: ProcessSutInstance[] = [];
  private readonly make: (index: number) => ProcessSutInstance;

  private constructor(launch: SutLaunch, make: (index: number) => ProcessSutInstance) {
    this.launch = launch;
    this.make = make;
  }

  static async start(options: {
    launch: SutLaunch;
    definition: SutDefinition | undefined;
    run: RunDirectory;
    events: EventLedger;
    bootstrapServers: readonly string[];
    targetUrl: string;
  }): Promise<ProcessSutFleet> {
    const { launch, definition, run } = options;
    const command = definition?.command;
    if (!definition || !command || command.length === 0) {
      throw new ConfigError(`no command for SUT "${launch.sut}" in kafka-chaos.config.json`, {
        fix: `add "sut": { "${launch.sut}": { "command": ["node", "my-service.js"] } }`,
      });
    }
    const [program, ...args] = command as [string, ...string[]];
    const fleet = new ProcessSutFleet(
      launch,
      (index) =>
        new ProcessSutInstance(index, definition.startupGraceMs ?? 2000, options.events, {
          name: `sut-${launch.sut}-${index}`,
          command: program,
          args,
          cwd: definition.cwd,
          runId: run.runId,
          logPath: run.log(`sut-${launch.sut}-${index}`),
          env: { ...definition.env, ...launch.env, ...sutEnvironment(launch, index, options.bootstrapServers, options.targetUrl) },
        }),
    );
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
    await Promise.all(this.all.slice(count).map((i) => i.stop()));
    this.all.splice(count);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.map((i) => i.stop()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stopAll();
  }
}
