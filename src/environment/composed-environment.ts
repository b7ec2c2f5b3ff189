// A started environment, whichever runtime composed it: the cluster, the links between its
// parts, the target and the SUT fleets, torn down in order — SUTs first (they must not see the
// cluster vanish under them), then the rest — on stop(), dispose, Ctrl-C or SIGTERM.

import { EventLedger } from '../evidence/event-ledger.js';
import type { RunDirectory } from '../evidence/run-directory.js';
import type { ResourceStack } from '../util/resource-stack.js';
import type { KafkaClients } from './kafka-client-seam.js';
import { harnessClients } from './kafka-clients.js';
import type { LinkNetwork } from './link-network.js';
import { onInterrupt } from './live-processes.js';
import type { RuntimeKind, StartedCluster, StartedEnvironment, SutDefinition, SutFleet, SutLaunch } from './runtime.js';
import { shownEnv } from './sut-contract.js';

/** How long a SUT's group may take to be ready after a start, unless its config says otherwise. */
export const DEFAULT_READY_TIMEOUT_MS = 60_000;

/** How a runtime starts one SUT launch; the events ledger records its instances' lifecycles. */
export type FleetStarter = (launch: SutLaunch, events: EventLedger) => Promise<SutFleet>;

export class ComposedEnvironment implements StartedEnvironment {
  private readonly fleets: SutFleet[] = [];
  private readonly forgetInterrupt: () => void;
  private readonly events: EventLedger;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly runtime: RuntimeKind,
    readonly run: RunDirectory,
    readonly cluster: StartedCluster,
    readonly network: LinkNetwork,
    readonly target: StartedEnvironment['target'],
    private readonly startFleet: FleetStarter,
    private readonly resources: ResourceStack,
    private readonly suts: Readonly<Record<string, SutDefinition>> = {},
  ) {
    this.forgetInterrupt = onInterrupt(() => this.stop());
    this.events = new EventLedger(run);
  }

  kafka(clientId: string): KafkaClients {
    return harnessClients(this.cluster.bootstrap('harness'), clientId, this.run.log('harness-kafkajs'));
  }

  async startSut(launch: SutLaunch): Promise<SutFleet> {
    const fleet = await this.startFleet(launch, this.events);
    this.fleets.push(fleet);
    return fleet;
  }

  shownSutEnv(sut: string, env: Record<string, string>): Record<string, string> {
    return shownEnv(env, this.suts[sut]);
  }

  configuredSutEnv(sut: string): Record<string, string> {
    return shownEnv(this.suts[sut]?.env ?? {}, this.suts[sut]);
  }

  recordEvent(kind: string, subject: string, detail?: Record<string, unknown>): void {
    this.events.record(kind, subject, detail);
  }

  sutReadyTimeoutMs(sut: string): number {
    return this.suts[sut]?.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.forgetInterrupt();
      await Promise.allSettled(this.fleets.map((fleet) => fleet.stopAll()));
      this.events.close();
      await this.resources.disposeAsync();
    })();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
