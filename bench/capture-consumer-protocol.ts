// Captures the raw records of __consumer_offsets that a real KIP-848 ("consumer" protocol) group
// leaves on a Kafka 4.x, as the fixtures of the consumer-group record decoder's tests
// (test/fixtures/consumer-offsets/kafka-<version>-consumer-protocol.json).
//
//   node dist/bench/capture-consumer-protocol.js [version ...]     (default: 4.1.1 4.4.0)
//
// kafkajs speaks only the classic protocol, so the group is run by bench/kip848_consumer.py
// (confluent-kafka, whose librdkafka speaks group.protocol=consumer) from the test venv: one
// consumer joins and commits, a second joins (new epochs, the partitions split), both leave.
// What that script does is what test/unit/consumer-group-records.test.ts expects.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChaosEnvironment } from '../src/environment/chaos-environment.js';
import { createTopic } from '../src/environment/kafka-clients.js';
import { harnessKafka } from '../src/environment/kafkajs-clients.js';
import { readConsumerOffsetsLog, type RawConsumerOffsetsRecord } from '../src/traffic/commit-log.js';
import { ensurePythonVenv } from '../src/setup/python-venv.js';
import type { ConsumerOffsetsFixture } from './capture-consumer-offsets.js';

/** The versions whose fixtures the decoder's tests read. */
export const KIP848_VERSIONS = ['4.1.1', '4.4.0'];
export const KIP848_TOPIC = 'capture-kip848-orders';
export const KIP848_GROUP = 'capture-kip848';
export const KIP848_PARTITIONS = 3;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
/** The script stays in bench/ (tsc copies no .py into dist). */
const consumerScript = path.resolve(benchDir, '../../bench/kip848_consumer.py');
const fixtureFile = (version: string) =>
  path.resolve(benchDir, `../../test/fixtures/consumer-offsets/kafka-${version}-consumer-protocol.json`);
/** Four bounded steps of 60 s each in the script, plus its start. */
const SCRIPT_TIMEOUT_MS = 300_000;

function runGroup(python: string, bootstrap: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [consumerScript, bootstrap, KIP848_TOPIC, KIP848_GROUP],
      { timeout: SCRIPT_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${path.basename(consumerScript)} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

export async function captureConsumerProtocol(version: string): Promise<ConsumerOffsetsFixture & { steps: unknown[] }> {
  const python = await ensurePythonVenv();
  const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-capture-'));
  const env = await new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime('process').withKafkaVersion(version).start();
  try {
    const kafka = env.kafka('capture');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopic(admin, { topic: KIP848_TOPIC, partitions: KIP848_PARTITIONS });
    } finally {
      await admin.disconnect();
    }
    const bootstrap = env.cluster.bootstrap('harness');
    const kafkajs = harnessKafka(bootstrap, 'capture', env.run.log('harness-kafkajs'));
    const producer = kafkajs.producer();
    await producer.connect();
    await producer.send({
      topic: KIP848_TOPIC,
      messages: Array.from({ length: 6 }, (_, i) => ({ partition: i % KIP848_PARTITIONS, value: `m-${i}` })),
    });
    await producer.disconnect();

    const startedAt = Date.now();
    const stdout = await runGroup(python, bootstrap.join(','));
    const steps = stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);

    const records: RawConsumerOffsetsRecord[] = [];
    await readConsumerOffsetsLog(kafka, (record) => records.push(record));
    records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    return {
      kafkaVersion: env.cluster.kafkaVersion,
      startedAt,
      capturedAt: Date.now(),
      steps,
      records: records.map((r) => ({
        partition: r.partition,
        offset: r.offset,
        key: r.key ? r.key.toString('base64') : null,
        value: r.value ? r.value.toString('base64') : null,
        timestamp: r.timestamp,
      })),
    };
  } finally {
    await env.stop();
    fs.rmSync(runsRoot, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const versions = process.argv.slice(2);
  for (const version of versions.length > 0 ? versions : KIP848_VERSIONS) {
    const fixture = await captureConsumerProtocol(version);
    const file = fixtureFile(version);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // One record a line, as bench/capture-consumer-offsets.ts writes: small diffs on a new capture.
    const records = fixture.records.map((record) => `    ${JSON.stringify(record)}`).join(',\n');
    const text = JSON.stringify({ ...fixture, records: '@records' }, null, 2).replace('"@records"', `[\n${records}\n  ]`);
    fs.writeFileSync(file, text + '\n');
    console.log(`${fixture.kafkaVersion}: ${fixture.records.length} records → ${path.relative(process.cwd(), file)}`);
  }
}
