// A KRaft cluster of broker containers (aliases broker-1…N on the run network), from
// apache/kafka:<version> or its local equivalent — both have /opt/kafka/bin. Each node's
// server.properties and logging config are copied in; storage is formatted at every start
// (--ignore-formatted), so a killed broker's container simply starts again with its data.

import fs from 'node:fs';
import type Docker from 'dockerode';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { kafkaLoggingConfig, kafkaLoggingFor } from '../../setup/kafka-logging.js';
import { BrokerCluster } from '../broker-cluster.js';
import { kafkaProperties, renderProperties, type KafkaTuning } from '../kafka-properties.js';
import type { RunCertificates } from '../tls-certificates.js';
import { newClusterId } from '../process/process-kafka-cluster.js';
import type { BrokerNode } from '../runtime.js';
import type { TopologyPlan } from '../topology-plan.js';
import { RunContainer } from './run-container.js';

const CONFIG_DIR = '/etc/kafka-chaos';
const DATA_DIR = '/tmp/kafka-chaos/data';

/** The same heap and GC as the process runtime's brokers. */
const JVM_ENV = {
  KAFKA_HEAP_OPTS: '-Xms128m -Xmx512m',
  KAFKA_JVM_PERFORMANCE_OPTS: '-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true',
  LOG_DIR: '/tmp/kafka-chaos/logs',
};

export const brokerAlias = (id: number): string => `broker-${id}`;

class ContainerBroker extends RunContainer implements BrokerNode {
  constructor(
    readonly id: number,
    ...args: ConstructorParameters<typeof RunContainer>
  ) {
    super(...args);
  }
}

export interface ContainerClusterOptions {
  plan: TopologyPlan;
  run: RunDirectory;
  image: string;
  kafkaVersion: string;
  network: string;
  tuning: KafkaTuning;
  startupTimeoutMs: number;
  /** The SUT listener over TLS: the keystore is copied into every broker. */
  certificates?: RunCertificates;
}

export class ContainerKafkaCluster extends BrokerCluster<ContainerBroker> {
  static async start(docker: Docker, options: ContainerClusterOptions): Promise<ContainerKafkaCluster> {
    const { plan, run } = options;
    const logging = kafkaLoggingConfig(kafkaLoggingFor(options.kafkaVersion));
    const clusterId = newClusterId();
    const brokers = new Map<number, ContainerBroker>();
    for (const node of plan.nodes) {
      const keystore = options.certificates && {
        keystorePath: `${CONFIG_DIR}/sut-keystore.p12`,
        keystorePassword: options.certificates.brokerKeystorePassword,
      };
      const properties = renderProperties(kafkaProperties(node, plan.nodes.length, DATA_DIR, options.tuning, keystore));
      const propertiesPath = `${CONFIG_DIR}/server.properties`;
      const loggingPath = `${CONFIG_DIR}/${logging.fileName}`;
      const script = [
        `/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t ${clusterId} -c ${propertiesPath}`,
        `exec /opt/kafka/bin/kafka-server-start.sh ${propertiesPath}`,
      ].join(' && ');
      brokers.set(
        node.id,
        new ContainerBroker(node.id, docker, {
          name: brokerAlias(node.id),
          image: options.image,
          runId: run.runId,
          network: options.network,
          aliases: [brokerAlias(node.id)],
          logPath: run.log(brokerAlias(node.id)),
          entrypoint: ['/bin/sh', '-c'],
          command: [script],
          env: { ...JVM_ENV, KAFKA_LOG4J_OPTS: logging.jvmFlag(loggingPath), KAFKA_OPTS: `-Dkafka.chaos.run=${run.runId}` },
          files: [
            { content: properties, target: propertiesPath },
            { content: logging.contents, target: loggingPath },
            ...(options.certificates && keystore
              ? [{ content: fs.readFileSync(options.certificates.brokerKeystorePath), target: keystore.keystorePath }]
              : []),
          ],
          stopTimeoutMs: 20_000,
          startupTimeoutMs: options.startupTimeoutMs,
        }),
      );
    }
    const cluster = new ContainerKafkaCluster(plan, options.kafkaVersion, run, brokers);
    try {
      await Promise.all([...brokers.values()].map((broker) => broker.start()));
      await cluster.waitForBrokers(cluster.ids, options.startupTimeoutMs);
    } catch (error) {
      await cluster.remove();
      throw error;
    }
    return cluster;
  }

  /** Removes every broker container (the run is over; their data goes with them). */
  async remove(): Promise<void> {
    await Promise.all([...this.brokers.values()].map((broker) => broker.remove()));
  }
}
