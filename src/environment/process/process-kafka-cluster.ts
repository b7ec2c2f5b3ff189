// A KRaft cluster of local JVMs: Kafka from its Maven Central jars (or KAFKA_HOME) on the local
// JDK, each node's config, data and log inside the run directory, reached only through Toxiproxy.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { EnvironmentError, PortInUseError } from '../../util/errors.js';
import { LOOPBACK, assertPortFree } from '../../util/ports.js';
import { BROKER_JVM_FLAGS } from '../../setup/kafka-cds-archive.js';
import { newKafkaUuid, writeFormattedLogDir } from '../../setup/kafka-format-template.js';
import type { KafkaDistribution } from '../../setup/kafka-distribution.js';
import { kafkaLoggingConfig } from '../../setup/kafka-logging.js';
import { BrokerCluster } from '../broker-cluster.js';
import { kafkaProperties, renderProperties, type KafkaTuning, type SutListenerTls } from '../kafka-properties.js';
import type { BrokerNode } from '../runtime.js';
import type { TopologyPlan } from '../topology-plan.js';
import { childEnvironment } from './child-environment.js';
import { ManagedProcess } from './managed-process.js';

const run = promisify(execFile);

export interface ProcessClusterOptions {
  plan: TopologyPlan;
  run: RunDirectory;
  javaBin: string;
  kafka: KafkaDistribution;
  tuning: KafkaTuning;
  startupTimeoutMs: number;
  /** A class-data-sharing archive for these jars and flags (kafka-cds-archive.ts), if there is one. */
  cdsArchive?: string;
  /** A formatted log directory of these jars (kafka-format-template.ts): nodes are formatted without a JVM each. */
  formatTemplate?: string;
  /** The SUT listener over TLS with this keystore. */
  sutTls?: SutListenerTls;
}

class ProcessBroker extends ManagedProcess implements BrokerNode {
  readonly id: number;
  constructor(id: number, spec: ConstructorParameters<typeof ManagedProcess>[0]) {
    super(spec);
    this.id = id;
  }
}

export class ProcessKafkaCluster extends BrokerCluster<ProcessBroker> {
  private constructor(options: ProcessClusterOptions, brokers: Map<number, ProcessBroker>) {
    super(options.plan, options.kafka.version, options.run, brokers);
  }

  /** Formats every node's storage, starts them all, and waits until all are registered. */
  static async start(options: ProcessClusterOptions): Promise<ProcessKafkaCluster> {
    const { plan, run: runDir, kafka } = options;
    for (const node of plan.nodes) {
      for (const [listener, endpoint] of Object.entries(node.listeners)) {
        await assertPortFree(endpoint.port, `broker ${node.id} ${listener} listener`);
      }
    }
    const logging = kafkaLoggingConfig(kafka.logging);
    const loggingPath = path.join(runDir.dir('kafka'), logging.fileName);
    fs.writeFileSync(loggingPath, logging.contents);
    const clusterId = newClusterId();

    const brokers = new Map<number, ProcessBroker>();
    await Promise.all(
      plan.nodes.map(async (node) => {
        const nodeDir = runDir.dir('kafka', `node-${node.id}`);
        const propertiesPath = path.join(nodeDir, 'server.properties');
        const properties = kafkaProperties(node, plan.nodes.length, path.join(nodeDir, 'data'), options.tuning, options.sutTls);
        fs.writeFileSync(propertiesPath, renderProperties(properties));
        const cds = options.cdsArchive ? [`-XX:SharedArchiveFile=${options.cdsArchive}`] : [];
        const jvm = [
          ...BROKER_JVM_FLAGS,
          ...cds,
          logging.jvmFlag(loggingPath),
          `-Dkafka.chaos.run=${runDir.runId}`,
          '-cp',
          kafka.classpath,
        ];
        if (options.formatTemplate) writeFormattedLogDir(path.join(nodeDir, 'data'), options.formatTemplate, node.id, clusterId);
        else await formatStorage(options.javaBin, jvm, clusterId, propertiesPath, runDir.log(`broker-${node.id}`));
        brokers.set(
          node.id,
          new ProcessBroker(node.id, {
            name: `broker-${node.id}`,
            command: options.javaBin,
            args: [...jvm, 'kafka.Kafka', propertiesPath],
            runId: runDir.runId,
            logPath: runDir.log(`broker-${node.id}`),
            stopTimeoutMs: 20_000,
          }),
        );
      }),
    );
    const cluster = new ProcessKafkaCluster(options, brokers);
    try {
      await Promise.all([...brokers.values()].map((broker) => broker.start()));
      await cluster.waitForBrokers(cluster.ids, options.startupTimeoutMs);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** A local broker that could not bind its port says so; any other death as the base class does. */
  protected override assertAlive(broker: ProcessBroker): void {
    if (!broker.running && /Address already in use|BindException/.test(broker.tail(12))) {
      throw new PortInUseError(`${broker.name} could not bind a listener: a port on ${LOOPBACK} is in use (see ${broker.logPath})`, {
        fix: 'stop the process holding it or choose other ports',
      });
    }
    super.assertAlive(broker);
  }
}

/** A random cluster id as Kafka writes them (kafka-format-template.ts). */
export const newClusterId = newKafkaUuid;

async function formatStorage(javaBin: string, jvm: string[], clusterId: string, propertiesPath: string, logPath: string) {
  try {
    const { stdout, stderr } = await run(
      javaBin,
      [...jvm, 'kafka.tools.StorageTool', 'format', '--ignore-formatted', '-t', clusterId, '-c', propertiesPath],
      // The brokers' explicit environment (child-environment.ts), not the runner's.
      { timeout: 120_000, env: childEnvironment() },
    );
    fs.appendFileSync(logPath, `--- storage format\n${stdout}${stderr}`);
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    fs.appendFileSync(logPath, `--- storage format failed\n${output.stdout ?? ''}${output.stderr ?? ''}`);
    throw new EnvironmentError(`formatting Kafka storage for ${propertiesPath} failed (see ${logPath})`, { cause: error });
  }
}
