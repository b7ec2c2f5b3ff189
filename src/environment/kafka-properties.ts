// server.properties for one KRaft node (broker and controller combined), from its plan.
// Test topics keep production durability — replication factor 3, min.insync.replicas=2, no
// unclean election — while internals are sized for a 2-core machine and failures are detected
// within seconds rather than the production default of tens of seconds.

import { CLIENT_LISTENERS, type NodePlan } from './topology-plan.js';

export interface KafkaTuning {
  /** How long a broker may miss heartbeats before the controller fences it. */
  brokerSessionTimeoutMs: number;
  /** How long a follower may lag before the leader drops it from the ISR. */
  replicaLagTimeMaxMs: number;
  /** Extra user properties, applied last. */
  overrides: Record<string, string>;
}

export const DEFAULT_TUNING: KafkaTuning = {
  brokerSessionTimeoutMs: 6000,
  replicaLagTimeMaxMs: 8000,
  overrides: {},
};

const endpoints = (map: Record<string, { host: string; port: number }>) =>
  Object.entries(map)
    .map(([name, e]) => `${name}://${e.host}:${e.port}`)
    .join(',');

/** The SUT listener over TLS: where the broker finds its keystore (tls-certificates.ts). */
export interface SutListenerTls {
  keystorePath: string;
  keystorePassword: string;
}

export function kafkaProperties(
  node: NodePlan,
  clusterSize: number,
  logDir: string,
  tuning: KafkaTuning = DEFAULT_TUNING,
  sutTls?: SutListenerTls,
): Record<string, string> {
  const replication = String(Math.min(3, clusterSize));
  const minIsr = String(Math.min(2, clusterSize));
  return {
    'process.roles': 'broker,controller',
    'node.id': String(node.id),
    'controller.quorum.voters': node.voters,
    'controller.listener.names': node.controllerListeners.join(','),
    listeners: endpoints(node.listeners),
    // Controller listeners are advertised too (KIP-853): the proxies are what the quorum hands out.
    'advertised.listeners': endpoints(node.advertised),
    // Only the SUT's listener is ever TLS: the harness, the quorum and replication stay
    // PLAINTEXT, so a TLS run observes and faults the cluster exactly as any other run.
    'listener.security.protocol.map': Object.keys(node.listeners)
      .map((name) => `${name}:${sutTls && name === SUT_LISTENER ? 'SSL' : 'PLAINTEXT'}`)
      .join(','),
    ...(sutTls ? sutListenerTlsProperties(sutTls) : {}),
    'inter.broker.listener.name': node.interBrokerListener,
    'log.dirs': logDir,
    // Durability of test topics: what production runs.
    'default.replication.factor': replication,
    'min.insync.replicas': minIsr,
    'unclean.leader.election.enable': 'false',
    'auto.create.topics.enable': 'false',
    'offsets.topic.replication.factor': replication,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': minIsr,
    // Small internals for a 2-core machine.
    'offsets.topic.num.partitions': '5',
    'transaction.state.log.num.partitions': '3',
    'num.partitions': '1',
    'num.network.threads': '2',
    'num.io.threads': '2',
    'num.replica.fetchers': '1',
    'num.recovery.threads.per.data.dir': '1',
    'background.threads': '2',
    'log.cleaner.threads': '1',
    'log.cleaner.dedupe.buffer.size': String(8 * 1024 * 1024),
    // Consumers join at once; failures are noticed in seconds.
    'group.initial.rebalance.delay.ms': '0',
    // KIP-848 groups (Kafka 4.x): the broker, not the client, sets the session timeout; 45 s by
    // default, it would leave a crashed member's partitions idle for most of a scenario. 10 s, as
    // the reference forwarders ask of a classic group.
    'group.consumer.min.session.timeout.ms': '6000',
    'group.consumer.session.timeout.ms': '10000',
    'broker.session.timeout.ms': String(tuning.brokerSessionTimeoutMs),
    'broker.heartbeat.interval.ms': String(Math.max(500, Math.floor(tuning.brokerSessionTimeoutMs / 4))),
    'replica.lag.time.max.ms': String(tuning.replicaLagTimeMaxMs),
    'controlled.shutdown.enable': 'true',
    ...tuning.overrides,
  };
}

const SUT_LISTENER = CLIENT_LISTENERS.sut;

function sutListenerTlsProperties(tls: SutListenerTls): Record<string, string> {
  const prefix = `listener.name.${SUT_LISTENER.toLowerCase()}.ssl`;
  return {
    [`${prefix}.keystore.type`]: 'PKCS12',
    [`${prefix}.keystore.location`]: tls.keystorePath,
    [`${prefix}.keystore.password`]: tls.keystorePassword,
    [`${prefix}.key.password`]: tls.keystorePassword,
    // Server-side TLS only: clients prove nothing (no mTLS), as in seed 004.
    [`${prefix}.client.auth`]: 'none',
  };
}

export function renderProperties(properties: Record<string, string>): string {
  return (
    Object.entries(properties)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') + '\n'
  );
}
