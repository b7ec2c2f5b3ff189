// One environment (cluster, proxies, target) shared by the scenarios of a run: started by the
// first scenario that asks for it, reset after each scenario (network healed, target back to
// normal, every broker running and registered; each scenario's topics and group have names of
// their own), and kept from one feature to the next while they ask for the same cluster — a
// cluster start is 10–12 s on 2 cores, once per feature it was a fifth of a chaos run. It is
// stopped when a scenario asks for another cluster shape or for @fresh-cluster, when a reset
// fails, or when the run ends. Starting and resetting failures are environment failures, never the SUT's.

import { loadConfig } from '../config/chaos-config.js';
import { environmentFromConfig } from '../config/environment-from-config.js';
import type { AdminClient, KafkaClients } from '../environment/kafka-client-seam.js';
import type { StartedEnvironment } from '../environment/runtime.js';
import { classifyStepError } from './failure-category.js';
import { runFacts } from './run-facts.js';

export interface ClusterRequest {
  featureUri: string;
  /** Unset: the config's (KAFKA_VERSION included) — never "whatever the shared one has". */
  brokers?: number;
  kafkaVersion?: string;
  /** The SUT listener over TLS (unset: in the clear). */
  sutTls?: boolean;
  /** Never share: stop the current environment and start another. */
  fresh: boolean;
}

export interface PooledEnvironment {
  readonly env: StartedEnvironment;
  /** The feature whose scenario started it (later features may share it). */
  readonly featureUri: string;
  readonly brokers: number;
  /** The harness's client and a connected admin, for the scenarios' topics, offsets and leaders. */
  readonly kafka: KafkaClients;
  readonly admin: AdminClient;
  /** How many scenarios have used it. */
  scenarios: number;
}

const BROKER_WAIT_MS = 60_000;

export class EnvironmentPool {
  private current: PooledEnvironment | undefined;
  private broken = false;

  /** The environment a scenario gets: the shared one when it fits, else a new one. */
  async acquire(request: ClusterRequest): Promise<PooledEnvironment> {
    const current = this.current;
    if (current && !this.broken && !request.fresh && fits(shapeOf(current), request, configuredShape())) {
      current.scenarios++;
      return current;
    }
    await this.release();
    const builder = environmentFromConfig();
    if (request.brokers !== undefined) builder.withBrokers(request.brokers);
    if (request.kafkaVersion !== undefined) builder.withKafkaVersion(request.kafkaVersion);
    builder.withSutTls(request.sutTls ?? false);
    let env: StartedEnvironment;
    try {
      env = await builder.start();
    } catch (error) {
      throw classifyStepError(error, 'the environment did not start');
    }
    const kafka = env.kafka('kafka-chaos-scenarios');
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      await env.stop().catch(() => undefined);
      throw classifyStepError(error, 'the harness could not connect to the new cluster');
    }
    this.current = { env, featureUri: request.featureUri, brokers: env.cluster.ids.length, kafka, admin, scenarios: 1 };
    this.broken = false;
    // The container runtime records its image ids in run.json; the report's Environment page shows them.
    const images = env.run.info().images as Record<string, string> | undefined;
    runFacts.environmentStarted({ runtime: env.runtime, kafkaVersion: env.cluster.kafkaVersion, runDir: env.run.root, images });
    return this.current;
  }

  /** The shared environment, if one is up. */
  get active(): PooledEnvironment | undefined {
    return this.current;
  }

  /**
   * Puts the environment back as a scenario found it: every proxy enabled and toxic removed, the
   * target listening and answering 200, every broker running and registered. A failure marks
   * it broken (the next scenario gets a fresh one) and is returned, not thrown.
   */
  async reset(): Promise<Error | undefined> {
    const pooled = this.current;
    if (!pooled) return undefined;
    const { env } = pooled;
    try {
      await env.network.heal();
      for (const id of env.cluster.ids) {
        const broker = env.cluster.broker(id);
        if (broker.state === 'paused') await broker.resume();
        else if (broker.state === 'stopped') await broker.start();
      }
      await env.cluster.waitForBrokers(env.cluster.ids, BROKER_WAIT_MS);
      await env.target.control.reset();
      return undefined;
    } catch (error) {
      this.broken = true;
      return classifyStepError(error, 'the environment could not be reset after the scenario');
    }
  }

  /** Whether the shared environment was marked unusable (the next scenario replaces it). */
  get isBroken(): boolean {
    return this.broken;
  }

  /** Marks the shared environment unusable: the next scenario starts a fresh one. */
  markBroken(): void {
    if (this.current) this.broken = true;
  }

  async release(): Promise<void> {
    const pooled = this.current;
    this.current = undefined;
    this.broken = false;
    if (!pooled) return;
    await pooled.admin.disconnect().catch(() => undefined);
    await pooled.env.stop();
  }
}

/** The cluster shape a pooled environment has, or a request resolves to. */
export interface ClusterShape {
  brokers: number;
  kafkaVersion: string;
  sutTls: boolean;
}

/**
 * Whether the shared environment is the cluster the request asks for. An unset field means the
 * config's value, not "any": a feature that names no version after one that pinned 4.1.1 must
 * run on the configured version, or its verdict is credited to a Kafka it did not ask for.
 */
export function fits(
  pooled: ClusterShape,
  request: Pick<ClusterRequest, 'brokers' | 'kafkaVersion' | 'sutTls'>,
  configured: Omit<ClusterShape, 'sutTls'>,
): boolean {
  return (
    (request.brokers ?? configured.brokers) === pooled.brokers &&
    (request.kafkaVersion ?? configured.kafkaVersion) === pooled.kafkaVersion &&
    (request.sutTls ?? false) === pooled.sutTls
  );
}

export function shapeOf(pooled: PooledEnvironment): ClusterShape {
  return { brokers: pooled.brokers, kafkaVersion: pooled.env.cluster.kafkaVersion, sutTls: pooled.env.cluster.plan.sutTls };
}

function configuredShape(): Omit<ClusterShape, 'sutTls'> {
  const { kafka } = loadConfig();
  return { brokers: kafka.brokers, kafkaVersion: kafka.version };
}

/** The one pool of the run (the hooks and the steps share it). */
export const environmentPool = new EnvironmentPool();
