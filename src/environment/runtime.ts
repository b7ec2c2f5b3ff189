// The seam between a scenario and the machinery that runs it. A runtime (local processes now,
// containers next) starts the same topology behind these interfaces, so a scenario never knows
// which one runs it.

import type { RunDirectory } from '../evidence/run-directory.js';
import type { KafkaClients } from './kafka-client-seam.js';
import type { TargetControl } from '../target/target-control.js';
import type { KafkaTuning } from './kafka-properties.js';
import type { ExitInfo, NodeLifecycle } from './lifecycle.js';
import type { LinkNetwork } from './link-network.js';
import type { ClientKind, TopologyPlan } from './topology-plan.js';

export type RuntimeKind = 'process' | 'container';

/** A system under test, as the user declares it in kafka-chaos.config.json. */
export interface SutDefinition {
  /** Process runtime: the command and its arguments. */
  command?: readonly string[];
  /** Container runtime: the image. */
  image?: string;
  env?: Record<string, string>;
  cwd?: string;
  /** A SUT that exits within this time after start failed to start (default 2000). */
  startupGraceMs?: number;
  /** How long its group may take to hold every partition after start, before the scenario gives up (default 60000). */
  readyTimeoutMs?: number;
  /** Pass the runner's whole environment (default: an allowlist, process/child-environment.ts). */
  inheritEnv?: boolean;
  /** `with env:` variables whose values reports may show; the others are masked (sut-contract.ts). */
  publicEnv?: readonly string[];
}

export interface EnvironmentSpec {
  brokers: number;
  kafkaVersion: string;
  tuning: KafkaTuning;
  /** Bound on bringing up the whole topology. */
  startupTimeoutMs: number;
  suts: Record<string, SutDefinition>;
  /** The SUT listener over TLS, with certificates made for the run (tls-certificates.ts). */
  sutTls: boolean;
}

export interface BrokerNode extends NodeLifecycle {
  readonly id: number;
}

export interface StartedCluster {
  readonly ids: readonly number[];
  readonly kafkaVersion: string;
  readonly plan: TopologyPlan;
  bootstrap(kind: ClientKind): string[];
  /** The proxy address through which clients of `kind` reach broker `id`. */
  address(kind: ClientKind, id: number): string;
  broker(id: number): BrokerNode;
  /** Waits until broker `id` (after a restart or heal) is registered again. */
  waitForBroker(id: number, timeoutMs?: number): Promise<void>;
  /** Waits until every broker in `ids` is registered, in one wait (not one per broker). */
  waitForBrokers(ids: readonly number[], timeoutMs?: number): Promise<void>;
}

export interface StartedTarget {
  /** Where a SUT posts messages (in the container runtime: the target's name on the run network). */
  readonly url: string;
  /** The same endpoint as the harness reaches it, from this machine. */
  readonly harnessUrl: string;
  readonly ledgerPath: string;
  readonly control: TargetControl;
  readonly node: NodeLifecycle;
}

export interface SutLaunch {
  /** A name from the config's `sut` section. */
  sut: string;
  topic: string;
  groupId: string;
  instances: number;
  /** Extra environment for this launch (e.g. FORWARDER_ON_ERROR=retry). */
  env?: Record<string, string>;
}

export interface SutInstance extends NodeLifecycle {
  /** 1-based, as in SUT_INSTANCE. */
  readonly index: number;
  /** Resolves with the exit code (null when killed by a signal) when the instance exits. */
  readonly exited: Promise<ExitInfo>;
  restart(): Promise<void>;
}

export interface SutFleet extends AsyncDisposable {
  readonly launch: SutLaunch;
  readonly instances: readonly SutInstance[];
  instance(index: number): SutInstance;
  /** Starts or stops instances (highest index first) until `count` run. */
  scaleTo(count: number): Promise<void>;
  stopAll(): Promise<void>;
}

export interface StartedEnvironment extends AsyncDisposable {
  readonly runtime: RuntimeKind;
  readonly run: RunDirectory;
  readonly cluster: StartedCluster;
  readonly network: LinkNetwork;
  readonly target: StartedTarget;
  /** The harness's Kafka clients (through the harness proxies), logging to the run directory. */
  kafka(clientId: string): KafkaClients;
  startSut(launch: SutLaunch): Promise<SutFleet>;
  /** A launch's extra env as run.json and reports may show it: values masked unless the SUT's publicEnv names them. */
  shownSutEnv(sut: string, env: Record<string, string>): Record<string, string>;
  /** The env the config declares for the SUT (its `env`), masked as shownSutEnv masks. */
  configuredSutEnv(sut: string): Record<string, string>;
  /** Appends to the run's events.jsonl what the harness saw of the SUT (e.g. its group ready). */
  recordEvent(kind: string, subject: string, detail?: Record<string, unknown>): void;
  /** How long the SUT's group may take to be ready after a start (its readyTimeoutMs). */
  sutReadyTimeoutMs(sut: string): number;
  stop(): Promise<void>;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  start(spec: EnvironmentSpec, run: RunDirectory): Promise<StartedEnvironment>;
}
