// bench:env — how long the process runtime takes to a ready 3-node cluster behind Toxiproxy
// (with the target: everything a scenario waits for), beside the baseline of one bare broker
// (one JVM, no proxies) measured in the same run on the same machine. Prints figures; asserts
// nothing.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChaosEnvironment } from '../src/environment/chaos-environment.js';
import { DEFAULT_TUNING } from '../src/environment/kafka-properties.js';
import { ProcessKafkaCluster } from '../src/environment/process/process-kafka-cluster.js';
import { planTopology, proxyNames, listenerNames } from '../src/environment/topology-plan.js';
import { RunDirectory } from '../src/evidence/run-directory.js';
import { resolveJava } from '../src/setup/java.js';
import { requiredJavaMajor, resolveKafka } from '../src/setup/kafka-distribution.js';
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
  });
  const elapsed = performance.now() - started;
  await cluster.stop();
  return elapsed;
}

async function fullEnvironmentMs(): Promise<number> {
  const started = performance.now();
  const env = await new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime('process').start();
  const elapsed = performance.now() - started;
  await env.stop();
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  const bare: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < repeats; i++) {
    // Alternate, so drift in the machine's load affects both alike.
    bare.push(await bareBrokerMs());
    full.push(await fullEnvironmentMs());
  }
  console.log(`bench:env — process runtime, ${os.cpus().length} cores, ${repeats} runs each (median; all runs in brackets)`);
  console.log(`  one bare broker ready (baseline)                 ${seconds(median(bare))}  [${bare.map(seconds).join(', ')}]`);
  console.log(`  3-node cluster + Toxiproxy + target ready        ${seconds(median(full))}  [${full.map(seconds).join(', ')}]`);
  console.log(`  ratio (full environment / bare broker)           ${(median(full) / median(bare)).toFixed(2)}x`);
} finally {
  fs.rmSync(runsRoot, { recursive: true, force: true });
}
