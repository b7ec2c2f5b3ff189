// bench:env — how long each runtime takes to a ready 3-node cluster behind Toxiproxy (with the
// target: everything a scenario waits for) — local processes, and containers — beside the
// baseline of one bare broker (one JVM, no proxies), all measured in the same run on the same
// machine. Images are built (or found) before any timing. Prints figures; asserts nothing.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChaosEnvironment } from '../src/environment/chaos-environment.js';
import type { RuntimeKind } from '../src/environment/runtime.js';
import { assertDockerAvailable, dockerClient } from '../src/images/docker-client.js';
import { RunImages } from '../src/images/local-images.js';
import { describeError } from '../src/util/errors.js';
import { DEFAULT_TUNING } from '../src/environment/kafka-properties.js';
import { ProcessKafkaCluster } from '../src/environment/process/process-kafka-cluster.js';
import { planTopology, proxyNames, listenerNames } from '../src/environment/topology-plan.js';
import { RunDirectory } from '../src/evidence/run-directory.js';
import { resolveJava } from '../src/setup/java.js';
import { BROKER_JVM_FLAGS, kafkaCdsArchive } from '../src/setup/kafka-cds-archive.js';
import { kafkaFormatTemplate } from '../src/setup/kafka-format-template.js';
import { DEFAULT_KAFKA_VERSION, requiredJavaMajor, resolveKafka } from '../src/setup/kafka-distribution.js';
import { LOOPBACK, freePorts } from '../src/util/ports.js';

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-bench-'));

/** One broker, its listeners advertised directly: the least a Kafka start can cost. */
async function bareBrokerMs(): Promise<number> {
  const kafka = await resolveKafka({});
  const java = await resolveJava(process.env, requiredJavaMajor(kafka.version));
  const ids = [1];
  const keys = listenerNames(ids).map((name) => `b1.${name}`);
  const ports = await freePorts([...keys, ...proxyNames(ids)]);
  const bind = (_id: number, listener: string) => ({ host: LOOPBACK, port: ports[`b1.${listener}`]! });
  const plan = planTopology(ids, {
    bind,
    upstream: bind,
    proxyListen: (name) => ({ host: LOOPBACK, port: ports[name]! }),
    // No Toxiproxy: clients dial the broker's own listener.
    proxyAdvertised: (name) => bind(1, name.startsWith('harness') ? 'HARNESS' : 'SUT'),
  });
  const started = performance.now();
  const cluster = await ProcessKafkaCluster.start({
    plan,
    run: RunDirectory.create(runsRoot),
    javaBin: java.javaBin,
    kafka,
    tuning: DEFAULT_TUNING,
    startupTimeoutMs: 120_000,
    // The same class-data-sharing archive and formatting as the full environments: the baseline is as fast as they are.
    cdsArchive: await kafkaCdsArchive(kafka, java.javaBin),
    formatTemplate: await kafkaFormatTemplate(kafka, java.javaBin, BROKER_JVM_FLAGS),
  });
  const elapsed = performance.now() - started;
  await cluster.stop();
  return elapsed;
}

async function fullEnvironmentMs(runtime: RuntimeKind): Promise<number> {
  const started = performance.now();
  const env = await new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime(runtime).start();
  const elapsed = performance.now() - started;
  await env.stop();
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Builds or finds every image first, so the container timing is of starting, not of building. */
async function containerUnavailable(): Promise<string | undefined> {
  try {
    await assertDockerAvailable();
    const images = new RunImages(dockerClient());
    await Promise.all([images.kafka(DEFAULT_KAFKA_VERSION), images.toxiproxy(), images.target()]);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

try {
  const noContainers = await containerUnavailable();
  const bare: number[] = [];
  const processes: number[] = [];
  const containers: number[] = [];
  for (let i = 0; i < repeats; i++) {
    // Alternate, so drift in the machine's load affects all alike.
    bare.push(await bareBrokerMs());
    processes.push(await fullEnvironmentMs('process'));
    if (!noContainers) containers.push(await fullEnvironmentMs('container'));
  }
  const row = (label: string, values: number[]) =>
    console.log(`  ${label.padEnd(62)} ${seconds(median(values))}  [${values.map(seconds).join(', ')}]`);
  console.log(`bench:env — ${os.cpus().length} cores, ${repeats} runs each (median; all runs in brackets)`);
  row('one bare broker ready (baseline)', bare);
  row('process runtime: 3-node cluster + Toxiproxy + target ready', processes);
  console.log(`  ${'ratio (process runtime / bare broker)'.padEnd(62)} ${(median(processes) / median(bare)).toFixed(2)}x`);
  if (noContainers) {
    console.log(`  container runtime: not measured — ${noContainers}`);
  } else {
    row('container runtime: 3-node cluster + Toxiproxy + target ready', containers);
    console.log(`  ${'ratio (container runtime / bare broker)'.padEnd(62)} ${(median(containers) / median(bare)).toFixed(2)}x`);
    console.log(`  ${'ratio (container runtime / process runtime)'.padEnd(62)} ${(median(containers) / median(processes)).toFixed(2)}x`);
  }
} finally {
  fs.rmSync(runsRoot, { recursive: true, force: true });
}
