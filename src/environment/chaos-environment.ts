// The entry point to a test environment: a builder in testcontainers' style whose start()
// returns a StartedEnvironment (AsyncDisposable). It picks the runtime (CHAOS_RUNTIME: container,
// process, or auto — containers when a Docker daemon answers); the scenario never knows.

import { RunDirectory, defaultRunsRoot } from '../evidence/run-directory.js';
import { DEFAULT_KAFKA_VERSION } from '../setup/kafka-distribution.js';
import { ConfigError } from '../util/errors.js';
import { DEFAULT_TUNING, type KafkaTuning } from './kafka-properties.js';
import { dockerAnswers } from '../images/docker-client.js';
import { ContainerRuntime } from './container/container-runtime.js';
import { ProcessRuntime } from './process/process-runtime.js';
import type { EnvironmentSpec, Runtime, RuntimeKind, StartedEnvironment, SutDefinition } from './runtime.js';

export class ChaosEnvironment {
  private spec: EnvironmentSpec = {
    brokers: 3,
    kafkaVersion: DEFAULT_KAFKA_VERSION,
    tuning: DEFAULT_TUNING,
    startupTimeoutMs: 120_000,
    suts: {},
    sutTls: false,
  };
  private runtimeKind: RuntimeKind | 'auto' = 'auto';
  private runsRoot = defaultRunsRoot();

  withBrokers(count: number): this {
    if (!Number.isInteger(count) || count < 1 || count > 9) {
      throw new ConfigError(`a cluster of ${count} brokers is not supported`, { fix: 'use 1 to 9 brokers (3 is the default)' });
    }
    this.spec.brokers = count;
    return this;
  }

  withKafkaVersion(version: string): this {
    this.spec.kafkaVersion = version;
    return this;
  }

  withTuning(tuning: Partial<KafkaTuning>): this {
    this.spec.tuning = { ...this.spec.tuning, ...tuning };
    return this;
  }

  withStartupTimeout(timeoutMs: number): this {
    this.spec.startupTimeoutMs = timeoutMs;
    return this;
  }

  /** SUTs connect over TLS (KAFKA_SECURITY_PROTOCOL=SSL, KAFKA_SSL_CA_LOCATION); the harness never does. */
  withSutTls(enabled = true): this {
    this.spec.sutTls = enabled;
    return this;
  }

  withSut(name: string, definition: SutDefinition): this {
    this.spec.suts = { ...this.spec.suts, [name]: definition };
    return this;
  }

  withRuntime(kind: RuntimeKind | 'auto'): this {
    this.runtimeKind = kind;
    return this;
  }

  withRunsRoot(dir: string): this {
    this.runsRoot = dir;
    return this;
  }

  async start(): Promise<StartedEnvironment> {
    const runtime = await this.runtime();
    const run = RunDirectory.create(this.runsRoot);
    return runtime.start(this.spec, run);
  }

  private async runtime(): Promise<Runtime> {
    return (await resolveRuntimeKind(this.runtimeKind)) === 'container' ? new ContainerRuntime() : new ProcessRuntime();
  }
}

/** `auto`: containers when a Docker daemon answers, local processes otherwise. */
export async function resolveRuntimeKind(kind: RuntimeKind | 'auto'): Promise<RuntimeKind> {
  if (kind !== 'auto') return kind;
  return (await dockerAnswers()) ? 'container' : 'process';
}
