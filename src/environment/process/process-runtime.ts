// The process runtime: the whole topology as local processes — Kafka on the local JDK, the real
// toxiproxy-server, the target and the SUT as child processes — for machines without Docker.

import type { RunDirectory } from '../../evidence/run-directory.js';
import { resolveJava } from '../../setup/java.js';
import { BROKER_JVM_FLAGS, kafkaCdsArchive } from '../../setup/kafka-cds-archive.js';
import { requiredJavaMajor, resolveKafka } from '../../setup/kafka-distribution.js';
import { kafkaFormatTemplate } from '../../setup/kafka-format-template.js';
import { resolveToxiproxy } from '../../setup/toxiproxy-binary.js';
import { LOOPBACK, freePorts } from '../../util/ports.js';
import { ResourceStack } from '../../util/resource-stack.js';
import { ComposedEnvironment, type FleetStarter } from '../composed-environment.js';
import { LinkNetwork } from '../link-network.js';
import type { EnvironmentSpec, Runtime, StartedEnvironment } from '../runtime.js';
import { PLAINTEXT } from '../sut-contract.js';
import { makeRunCertificates } from '../tls-certificates.js';
import { listenerNames, planTopology, proxyNames } from '../topology-plan.js';
import type { ManagedProcess } from './managed-process.js';
import { ProcessKafkaCluster } from './process-kafka-cluster.js';
import { startProcessSutFleet } from './process-sut.js';
import { startTargetProcess } from './process-target.js';
import { startToxiproxyProcess } from './process-toxiproxy.js';

export class ProcessRuntime implements Runtime {
  readonly kind = 'process' as const;

  async start(spec: EnvironmentSpec, run: RunDirectory): Promise<StartedEnvironment> {
    const ids = Array.from({ length: spec.brokers }, (_, i) => i + 1);
    const kafka = await resolveKafka({ version: spec.kafkaVersion });
    const java = await resolveJava(process.env, requiredJavaMajor(kafka.version));
    const toxiproxyBin = await resolveToxiproxy({});
    // Made once per jars, JDK and flags (the first start with them pays ~10 s); then every broker maps it.
    const cdsArchive = await kafkaCdsArchive(kafka, java.javaBin, BROKER_JVM_FLAGS);
    const formatTemplate = await kafkaFormatTemplate(kafka, java.javaBin, BROKER_JVM_FLAGS);

    const listenerKeys = ids.flatMap((id) => listenerNames(ids).map((name) => `b${id}.${name}`));
    const ports = await freePorts([...listenerKeys, ...proxyNames(ids), 'toxiproxy', 'target', 'targetControl']);
    const at = (key: string) => ({ host: LOOPBACK, port: ports[key]! });
    const plan = planTopology(
      ids,
      {
        bind: (id, listener) => at(`b${id}.${listener}`),
        upstream: (id, listener) => at(`b${id}.${listener}`),
        proxyListen: (name) => at(name),
        proxyAdvertised: (name) => at(name),
      },
      { sutTls: spec.sutTls },
    );
    // A SUT dials its proxies at 127.0.0.1: the one name the broker certificate must carry.
    const certificates = spec.sutTls ? await makeRunCertificates(run.dir('tls'), { ips: [LOOPBACK], dns: ['localhost'] }) : undefined;
    run.annotate({
      runtime: this.kind,
      kafkaVersion: kafka.version,
      kafkaSource: kafka.source,
      brokers: ids.length,
      sutSecurity: spec.sutTls ? 'SSL' : 'PLAINTEXT',
      toxiproxy: toxiproxyBin.version,
    });

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
      // The target needs nothing of the cluster: it starts while the brokers do.
      const [clusterStart, targetStart] = await Promise.allSettled([
        ProcessKafkaCluster.start({
          plan,
          run,
          javaBin: java.javaBin,
          kafka,
          tuning: spec.tuning,
          startupTimeoutMs: spec.startupTimeoutMs,
          cdsArchive,
          formatTemplate,
          sutTls: certificates && { keystorePath: certificates.brokerKeystorePath, keystorePassword: certificates.brokerKeystorePassword },
        }),
        startTargetProcess({ port: ports.target!, controlPort: ports.targetControl!, run, timeoutMs: 15_000 }),
      ]);
      if (clusterStart.status === 'fulfilled') stack.defer(() => clusterStart.value.stop());
      if (targetStart.status === 'fulfilled') stack.defer(() => (targetStart.value.node as ManagedProcess).stop().then(() => undefined));
      if (clusterStart.status === 'rejected') throw clusterStart.reason;
      if (targetStart.status === 'rejected') throw targetStart.reason;
      const cluster = clusterStart.value;
      const target = targetStart.value;
      const startFleet: FleetStarter = (launch, events) =>
        startProcessSutFleet({
          launch,
          definition: spec.suts[launch.sut],
          run,
          events,
          bootstrapServers: cluster.bootstrap('sut'),
          targetUrl: target.url,
          security: certificates ? { protocol: 'SSL', caLocation: certificates.ca.pemPath } : PLAINTEXT,
        });
      return new ComposedEnvironment(this.kind, run, cluster, network, target, startFleet, stack.move(), spec.suts);
    } catch (error) {
      await stack.disposeAsync();
      throw error;
    }
  }
}
