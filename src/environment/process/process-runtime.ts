// The process runtime: the whole topology as local processes — Kafka on the local JDK, the real
// toxiproxy-server, the target and the SUT as child processes — for machines without Docker.

import type { Kafka } from 'kafkajs';
import { EventLedger } from '../../evidence/event-ledger.js';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { resolveJava } from '../../setup/java.js';
import { requiredJavaMajor, resolveKafka } from '../../setup/kafka-distribution.js';
import { resolveToxiproxy } from '../../setup/toxiproxy-binary.js';
import { LOOPBACK, freePorts } from '../../util/ports.js';
import { ResourceStack } from '../../util/resource-stack.js';
import { harnessKafka } from '../kafka-clients.js';
import { LinkNetwork } from '../link-network.js';
import type { EnvironmentSpec, Runtime, StartedEnvironment, SutFleet, SutLaunch } from '../runtime.js';
import { listenerNames, planTopology, proxyNames } from '../topology-plan.js';
import { onInterrupt } from './live-processes.js';
import type { ManagedProcess } from './managed-process.js';
import { ProcessKafkaCluster } from './process-kafka-cluster.js';
import { ProcessSutFleet } from './process-sut.js';
import { startTargetProcess } from './process-target.js';
import { startToxiproxyProcess } from './process-toxiproxy.js';

export class ProcessRuntime implements Runtime {
  readonly kind = 'process' as const;

  async start(spec: EnvironmentSpec, run: RunDirectory): Promise<StartedEnvironment> {
    const ids = Array.from({ length: spec.brokers }, (_, i) => i + 1);
    const kafka = await resolveKafka({ version: spec.kafkaVersion });
    const java = await resolveJava(process.env, requiredJavaMajor(kafka.version));
    const toxiproxyBin = await resolveToxiproxy({});

    const listenerKeys = ids.flatMap((id) => listenerNames(ids).map((name) => `b${id}.${name}`));
    const ports = await freePorts([...listenerKeys, ...proxyNames(ids), 'toxiproxy', 'target', 'targetControl']);
    const at = (key: string) => ({ host: LOOPBACK, port: ports[key]! });
    const plan = planTopology(ids, {
      bind: (id, listener) => at(`b${id}.${listener}`),
      upstream: (id, listener) => at(`b${id}.${listener}`),
      proxyListen: (name) => at(name),
      proxyAdvertised: (name) => at(name),
    });
    run.annotate({ runtime: this.kind, kafkaVersion: kafka.version, kafkaSource: kafka.source, brokers: ids.length, toxiproxy: toxiproxyBin.version });

    const stack = new ResourceStack();
    try {
      const toxiproxy = await startToxiproxyProcess({
        bin: toxiproxyBin.bin,
        apiPort: ports.toxiproxy!,
        proxyPorts: Object.fromEntries(proxyNames(ids).map((name) => [name, ports[name]!])),
        run,
        timeoutMs: 15_000,
      });
      stack.defer(() => toxiproxy.process.stop().then(() => undefined));
      const network = await LinkNetwork.create(toxiproxy.apiUrl, plan);
      const cluster = await ProcessKafkaCluster.start({
        plan,
        run,
        javaBin: java.javaBin,
        kafka,
        tuning: spec.tuning,
        startupTimeoutMs: spec.startupTimeoutMs,
      });
      stack.defer(() => cluster.stop());
      const target = await startTargetProcess({ port: ports.target!, controlPort: ports.targetControl!, run, timeoutMs: 15_000 });
      stack.defer(() => (target.node as ManagedProcess).stop().then(() => undefined));
      return new ProcessEnvironment(run, cluster, network, target, spec, stack.move());
    } catch (error) {
      await stack.disposeAsync();
      throw error;
    }
  }
}

class ProcessEnvironment implements StartedEnvironment {
  readonly runtime = 'process' as const;
  private readonly fleets: SutFleet[] = [];
  private readonly forgetInterrupt: () => void;
  private readonly events: EventLedger;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly run: RunDirectory,
    readonly cluster: ProcessKafkaCluster,
    readonly network: LinkNetwork,
    readonly target: StartedEnvironment['target'],
    private readonly spec: EnvironmentSpec,
    private readonly resources: ResourceStack,
  ) {
    this.forgetInterrupt = onInterrupt(() => this.stop());
    this.events = new EventLedger(run);
  }

  kafka(clientId: string): Kafka {
    return harnessKafka(this.cluster.bootstrap('harness'), clientId, this.run.log('harness-kafkajs'));
  }

  async startSut(launch: SutLaunch): Promise<SutFleet> {
    const fleet = await ProcessSutFleet.start({
      launch,
      definition: this.spec.suts[launch.sut],
      run: this.run,
      events: this.events,
      bootstrapServers: this.cluster.bootstrap('sut'),
      targetUrl: this.target.url,
    });
    this.fleets.push(fleet);
    return fleet;
  }

  /** Stops SUTs first (they must not see the cluster vanish under them), then the rest. */
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
