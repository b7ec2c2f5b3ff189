// The container runtime: the same topology as the process runtime — KRaft brokers, the real
// Toxiproxy between every pair of parts, the recording target, the SUT — as containers on one
// internal Docker network per run. Every path still runs through a Toxiproxy proxy, so every
// fault keeps its meaning; the harness reaches the proxies and the target by container address.

import fs from 'node:fs';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { assertDockerAvailable, dockerClient } from '../../images/docker-client.js';
import { ImageUnavailableError, inspectImage, tryPull } from '../../images/image-store.js';
import { RunImages } from '../../images/local-images.js';
import { ResourceStack } from '../../util/resource-stack.js';
import { ComposedEnvironment, type FleetStarter } from '../composed-environment.js';
import { LinkNetwork } from '../link-network.js';
import type { EnvironmentSpec, Runtime, StartedEnvironment } from '../runtime.js';
import { makeRunCertificates } from '../tls-certificates.js';
import { controllerListener, planTopology, proxyNames, replicationListener } from '../topology-plan.js';
import { ContainerKafkaCluster, brokerAlias } from './container-kafka-cluster.js';
import { startContainerSutFleet } from './container-sut.js';
import { startTargetContainer } from './container-target.js';
import { TOXIPROXY_ALIAS, startToxiproxyContainer } from './container-toxiproxy.js';
import { createRunNetwork } from './run-network.js';

/** Each container has its own network namespace, so the ports are fixed and the same everywhere. */
export function listenerPort(listener: string): number {
  if (listener === 'HARNESS') return 9092;
  if (listener === 'SUT') return 9093;
  const peer = /_FROM_(\d+)$/.exec(listener);
  if (peer && listener === controllerListener(Number(peer[1]))) return 9100 + Number(peer[1]);
  if (peer && listener === replicationListener(Number(peer[1]))) return 9200 + Number(peer[1]);
  throw new Error(`no container port for listener ${listener}`);
}

export class ContainerRuntime implements Runtime {
  readonly kind = 'container' as const;

  async start(spec: EnvironmentSpec, run: RunDirectory): Promise<StartedEnvironment> {
    // Ryuk cannot be pulled where no registry answers; clean-up is ours, by run label (run-labels.ts).
    process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
    const daemon = await assertDockerAvailable();
    const docker = dockerClient();
    const images = new RunImages(docker, undefined, (line) => fs.appendFileSync(run.log('images'), `${line}\n`));
    const [kafkaImage, toxiproxyImage, targetImage] = await Promise.all([
      images.kafka(spec.kafkaVersion),
      images.toxiproxy(),
      images.target(),
    ]);
    const ensureImage = async (image: string): Promise<string> => {
      const reference = images.referenceSut(image);
      if (reference) return reference;
      if (await inspectImage(docker, image)) return image;
      const failure = images.source === 'local' ? 'KAFKA_CHAOS_IMAGES=local never pulls' : await tryPull(docker, image, run.log('images'));
      if (failure === undefined) return image;
      throw new ImageUnavailableError(`SUT image ${image} is missing and could not be pulled: ${failure}`, {
        fix: `build it first (docker build -t ${image} .) or name an image the daemon can pull`,
      });
    };
    run.annotate({
      runtime: this.kind,
      docker: daemon.version,
      kafkaVersion: spec.kafkaVersion,
      brokers: spec.brokers,
      sutSecurity: spec.sutTls ? 'SSL' : 'PLAINTEXT',
      imageSource: images.source,
      images: await images.ids([kafkaImage, toxiproxyImage, targetImage]),
    });

    const stack = new ResourceStack();
    try {
      const network = await createRunNetwork(docker, run.runId);
      stack.defer(() => network.remove());
      const toxiproxy = await startToxiproxyContainer(docker, { image: toxiproxyImage, network: network.name, run, timeoutMs: 30_000 });
      stack.defer(() => toxiproxy.container.remove());

      const ids = Array.from({ length: spec.brokers }, (_, i) => i + 1);
      const proxyPorts = new Map(proxyNames(ids).map((name, i) => [name, 20_000 + i]));
      const plan = planTopology(
        ids,
        {
          bind: (_id, listener) => ({ host: '0.0.0.0', port: listenerPort(listener) }),
          upstream: (id, listener) => ({ host: brokerAlias(id), port: listenerPort(listener) }),
          proxyListen: (name) => ({ host: '0.0.0.0', port: proxyPorts.get(name)! }),
          // The harness dials the proxy container's address; brokers and SUTs its name.
          proxyAdvertised: (name, kind) => ({ host: kind === 'harness' ? toxiproxy.host : TOXIPROXY_ALIAS, port: proxyPorts.get(name)! }),
          selfAdvertised: (id, listener) => ({ host: brokerAlias(id), port: listenerPort(listener) }),
        },
        { sutTls: spec.sutTls },
      );
      // SUT containers dial their proxies by the Toxiproxy container's name: the name the broker certificate must carry.
      const certificates = spec.sutTls ? await makeRunCertificates(run.dir('tls'), { ips: [], dns: [TOXIPROXY_ALIAS] }) : undefined;
      const links = await LinkNetwork.create(toxiproxy.apiUrl, plan);
      const cluster = await ContainerKafkaCluster.start(docker, {
        plan,
        run,
        image: kafkaImage,
        kafkaVersion: spec.kafkaVersion,
        network: network.name,
        tuning: spec.tuning,
        startupTimeoutMs: spec.startupTimeoutMs,
        certificates,
      });
      stack.defer(() => cluster.remove());
      const target = await startTargetContainer(docker, { image: targetImage, network: network.name, run, timeoutMs: 30_000 });
      stack.defer(() => target.container.remove());
      const startFleet: FleetStarter = (launch, events) =>
        startContainerSutFleet(docker, {
          launch,
          definition: spec.suts[launch.sut],
          ensureImage,
          run,
          network: network.name,
          events,
          bootstrapServers: cluster.bootstrap('sut'),
          targetUrl: target.url,
          caPem: certificates && fs.readFileSync(certificates.ca.pemPath),
        });
      return new ComposedEnvironment(this.kind, run, cluster, links, target, startFleet, stack.move(), spec.suts);
    } catch (error) {
      await stack.disposeAsync();
      throw error;
    }
  }
}
