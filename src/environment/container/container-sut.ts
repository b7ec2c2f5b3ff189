// The system under test as K containers on the run network, started per the SUT contract: the
// same environment as the process runtime gives, with Kafka's SUT proxies and the target reached
// by their names on the network. The runner's environment is not passed (unless the SUT opts
// into inheritEnv). A stopped instance's container is removed with its fleet.

import type Docker from 'dockerode';
import type { EventLedger } from '../../evidence/event-ledger.js';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { ConfigError } from '../../util/errors.js';
import type { SutDefinition, SutFleet, SutLaunch } from '../runtime.js';
import { PLAINTEXT, sutEnvironment } from '../sut-contract.js';
import { InstanceFleet, RecordedSutInstance } from '../sut-fleet.js';
import { inheritedByContainer } from '../process/child-environment.js';
import { RunContainer } from './run-container.js';

/** Where a SUT container finds the run's CA certificate (world-readable: the image's user may be anyone). */
const SUT_CA_PATH = '/etc/kafka-chaos/ca.pem';

export async function startContainerSutFleet(
  docker: Docker,
  options: {
    launch: SutLaunch;
    definition: SutDefinition | undefined;
    /** Makes sure the image exists (built, pulled), resolving its name. */
    ensureImage: (image: string) => Promise<string>;
    run: RunDirectory;
    network: string;
    events: EventLedger;
    bootstrapServers: readonly string[];
    targetUrl: string;
    /** A TLS cluster's CA certificate: copied into each instance, named by KAFKA_SSL_CA_LOCATION. */
    caPem?: Buffer;
  },
): Promise<SutFleet> {
  const { launch, definition, run } = options;
  if (!definition?.image) {
    throw new ConfigError(`no image for SUT "${launch.sut}" in kafka-chaos.config.json, which the container runtime needs`, {
      fix: `add "image": "my-service:tag" to "sut": { "${launch.sut}": … }, or use CHAOS_RUNTIME=process`,
    });
  }
  const image = await options.ensureImage(definition.image);
  const security = options.caPem ? ({ protocol: 'SSL', caLocation: SUT_CA_PATH } as const) : PLAINTEXT;
  const containers = new Map<RecordedSutInstance, RunContainer>();
  return InstanceFleet.start(
    launch,
    (index) => {
      const name = `sut-${launch.sut}-${index}`;
      const container = new RunContainer(docker, {
        name,
        image,
        runId: run.runId,
        network: options.network,
        aliases: [name],
        logPath: run.log(name),
        env: {
          ...(definition.inheritEnv ? inheritedByContainer() : {}),
          ...definition.env,
          ...launch.env,
          ...sutEnvironment(launch, index, options.bootstrapServers, options.targetUrl, security),
        },
        files: options.caPem ? [{ content: options.caPem, target: SUT_CA_PATH }] : undefined,
        stopTimeoutMs: 15_000,
      });
      const instance = new RecordedSutInstance(index, container, definition.startupGraceMs ?? 2000, options.events, () => ({
        container: container.containerId?.slice(0, 12),
      }));
      containers.set(instance, container);
      return instance;
    },
    async (instance) => {
      await containers.get(instance)?.remove();
      containers.delete(instance);
    },
  );
}
