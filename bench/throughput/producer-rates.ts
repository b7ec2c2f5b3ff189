// bench:throughput, producers: the harness producer against Kafka's own ProducerPerformance on the
// same cluster, through the same proxies, with the same settings — acks=all, one request in
// flight per connection, no retries, records of the harness message's size. Each writes its own
// topic of the same shape. The harness producer's topic is then the forwarder's backlog.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTopic } from '../../src/environment/kafka-clients.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { resolveJava } from '../../src/setup/java.js';
import { requiredJavaMajor, resolveKafka } from '../../src/setup/kafka-distribution.js';
import { HarnessProducer } from '../../src/traffic/harness-producer.js';
import { harnessMessage } from '../../src/traffic/harness-message.js';
import { kafkaToolsJar } from './kafka-tools-jar.js';

export const PARTITIONS = 6;

export interface ProducerRates {
  harnessPerSecond: number;
  harnessOk: number;
  kafkaPerSecond: number;
  recordBytes: number;
}

async function topic(env: StartedEnvironment, name: string): Promise<void> {
  const kafka = env.kafka(`bench-admin-${name}`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopic(admin, { topic: name, partitions: PARTITIONS, replicationFactor: 3, minInsyncReplicas: 2 });
  } finally {
    await admin.disconnect();
  }
}

export async function measureProducers(env: StartedEnvironment, messages: number, backlogTopic: string): Promise<ProducerRates> {
  const recordBytes = harnessMessage('0123456789ab-0', 0).value.length;
  await topic(env, backlogTopic);
  const producer = new HarnessProducer(env.kafka('bench-producer'), { topic: backlogTopic, partitions: PARTITIONS });
  let harnessPerSecond: number;
  let harnessOk: number;
  try {
    const started = performance.now();
    const records = await producer.produce({ count: messages, maxDurationMs: 300_000 });
    harnessPerSecond = records.length / ((performance.now() - started) / 1000);
    harnessOk = records.filter((r) => r.outcome === 'ok').length;
  } finally {
    await producer.disconnect();
  }
  await topic(env, `${backlogTopic}-perf`);
  const kafkaPerSecond = await producerPerformance(env, `${backlogTopic}-perf`, messages, recordBytes);
  return { harnessPerSecond, harnessOk, kafkaPerSecond, recordBytes };
}

/** Kafka's org.apache.kafka.tools.ProducerPerformance; its last line reads "N records sent, R records/sec …". */
async function producerPerformance(env: StartedEnvironment, topicName: string, records: number, recordBytes: number): Promise<number> {
  const kafka = await resolveKafka({});
  const java = await resolveJava(process.env, requiredJavaMajor(kafka.version));
  const args = [
    '-cp',
    `${kafka.classpath}${path.delimiter}${kafkaToolsJar(kafka.version)}`,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topicName,
    '--num-records',
    String(records),
    '--record-size',
    String(recordBytes),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${env.cluster.bootstrap('harness').join(',')}`,
    'acks=all',
    'max.in.flight.requests.per.connection=1',
    'retries=0',
    'enable.idempotence=false',
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(java.javaBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`ProducerPerformance exited ${code} (bound 300 s): ${out.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
  const match = /(\d+) records sent, ([\d.]+) records\/sec/.exec(output.trim().split('\n').pop() ?? '');
  if (!match) throw new Error(`ProducerPerformance printed no summary: ${output.trim().split('\n').slice(-2).join(' | ')}`);
  return Number(match[2]);
}
