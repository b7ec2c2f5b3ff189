// What both runtimes' clusters share once their nodes exist: addresses from the topology plan,
// broker lookup, and the bounded wait until brokers are registered — which fails at once, with
// the broker's last log lines, when a broker died instead.

import type { RunDirectory } from '../evidence/run-directory.js';
import { EnvironmentError, ProcessExitedError } from '../util/errors.js';
import { harnessClients, waitForBrokers } from './kafka-clients.js';
import type { BrokerNode, StartedCluster } from './runtime.js';
import type { ClientKind, TopologyPlan } from './topology-plan.js';

/** The last lines of a log that say something: stack frames ("at …", "... 3 more") say where, not why. */
export function tellingLines(tail: string, count = 3): string {
  return tail
    .split('\n')
    .filter((line) => !/^\s+at |^\s*\.\.\. \d+ more/.test(line))
    .slice(-count)
    .join(' | ');
}

export interface ClusterNode extends BrokerNode {
  readonly running: boolean;
}

export abstract class BrokerCluster<Node extends ClusterNode> implements StartedCluster {
  protected constructor(
    readonly plan: TopologyPlan,
    readonly kafkaVersion: string,
    protected readonly run: RunDirectory,
    protected readonly brokers: Map<number, Node>,
  ) {}

  get ids(): number[] {
    return this.plan.nodes.map((node) => node.id);
  }

  bootstrap(kind: ClientKind): string[] {
    return this.plan.bootstrap[kind];
  }

  address(kind: ClientKind, id: number): string {
    this.broker(id); // throws, naming the brokers there are, for an unknown id
    return this.plan.bootstrap[kind][this.ids.indexOf(id)]!;
  }

  broker(id: number): Node {
    const broker = this.brokers.get(id);
    if (!broker) throw new EnvironmentError(`there is no broker ${id} (brokers: ${this.ids.join(', ')})`);
    return broker;
  }

  async waitForBroker(id: number, timeoutMs = 60_000): Promise<void> {
    await this.waitForBrokers([id], timeoutMs);
  }

  async waitForBrokers(ids: readonly number[], timeoutMs = 60_000): Promise<void> {
    const admin = harnessClients(this.plan.bootstrap.harness, 'kafka-chaos-readiness', this.run.log('harness-kafkajs')).admin();
    try {
      await waitForBrokers(admin, ids, {
        timeoutMs,
        hint: `see ${ids.map((id) => this.broker(id).logPath).join(', ')}`,
        check: () => ids.forEach((id) => this.assertAlive(this.broker(id))),
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** A broker that died while we waited for it: say why, from its log. */
  protected assertAlive(broker: Node): void {
    if (broker.running) return;
    throw new ProcessExitedError(`${broker.name} exited during startup (see ${broker.logPath}): ${tellingLines(broker.tail(40))}`);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.brokers.values()].map((broker) => broker.stop()));
  }
}
