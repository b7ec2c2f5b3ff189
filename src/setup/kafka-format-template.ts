// What `kafka-storage format` writes into a KRaft node's log directory, without a JVM per node.
// Formatting runs a JVM for ~1.6 s of CPU, and a cluster start formatted each of its three nodes
// — on 2 cores, 2.5 s of every start. What it writes is two files: meta.properties (node id,
// cluster id, a random directory id) and bootstrap.checkpoint (the metadata version and feature
// levels of the release: the same for every node and cluster, but for its timestamps and CRC).
// So the checkpoint is made once per Kafka jars by one real format, and every node then gets a
// copy and a meta.properties of its own. With static controller voters only (what the topology
// plan writes): a dynamic quorum would put voters into the checkpoint.

import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KafkaDistribution } from './kafka-distribution.js';

const run = promisify(execFile);

const CHECKPOINT = 'bootstrap.checkpoint';
const FORMAT_TIMEOUT_MS = 60_000;

/** Where the checkpoint of these jars lives (it may not exist yet). */
export function bootstrapCheckpointPath(kafka: KafkaDistribution): string {
  const jars = fs.existsSync(kafka.libsDir) ? fs.readdirSync(kafka.libsDir).sort().join('\n') : '';
  const digest = crypto.createHash('sha256').update(`${kafka.version}\0${kafka.libsDir}\0${jars}`).digest('hex').slice(0, 16);
  return path.join(kafka.libsDir, '..', 'format', `bootstrap-${digest}.checkpoint`);
}

/**
 * The checkpoint's path, made first (one real format in a temp directory) when missing;
 * undefined with `warn` told why when it could not be — nodes are then formatted one by one, as
 * before. Only for the cached Maven jars: nothing is written beside a user's KAFKA_HOME.
 */
export async function kafkaBootstrapCheckpoint(
  kafka: KafkaDistribution,
  javaBin: string,
  jvmFlags: readonly string[],
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string | undefined> {
  if (kafka.source !== 'maven') return undefined;
  const checkpoint = bootstrapCheckpointPath(kafka);
  if (fs.existsSync(checkpoint)) return checkpoint;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-format-'));
  try {
    const propertiesPath = path.join(work, 'server.properties');
    fs.writeFileSync(
      propertiesPath,
      [
        'process.roles=broker,controller',
        'node.id=1',
        'controller.quorum.voters=1@127.0.0.1:9093',
        'controller.listener.names=CONTROLLER',
        'listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
        `log.dirs=${path.join(work, 'data')}`,
        '',
      ].join('\n'),
    );
    await run(
      javaBin,
      [...jvmFlags, '-cp', kafka.classpath, 'kafka.tools.StorageTool', 'format', '-t', newKafkaUuid(), '-c', propertiesPath],
      {
        timeout: FORMAT_TIMEOUT_MS,
      },
    );
    const made = path.join(work, 'data', CHECKPOINT);
    if (!fs.existsSync(made)) throw new Error(`kafka-storage format wrote no ${CHECKPOINT}`);
    fs.mkdirSync(path.dirname(checkpoint), { recursive: true });
    const partial = `${checkpoint}.partial-${process.pid}`;
    fs.copyFileSync(made, partial);
    fs.renameSync(partial, checkpoint);
    return checkpoint;
  } catch (error) {
    warn(`kafka-chaos: each broker's storage is formatted by its own JVM: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Formats `logDir` for `nodeId` of `clusterId` as kafka-storage format does, from the checkpoint. */
export function writeFormattedLogDir(logDir: string, checkpoint: string, nodeId: number, clusterId: string): void {
  fs.mkdirSync(logDir, { recursive: true });
  fs.copyFileSync(checkpoint, path.join(logDir, CHECKPOINT));
  fs.writeFileSync(
    path.join(logDir, 'meta.properties'),
    [
      '#',
      `#${new Date().toUTCString()}`,
      `node.id=${nodeId}`,
      `directory.id=${newKafkaUuid()}`,
      'version=1',
      `cluster.id=${clusterId}`,
      '',
    ].join('\n'),
  );
}

/**
 * A random id as Kafka writes them (16 bytes, base64url, 22 characters). Like Kafka's
 * Uuid.randomUuid, never one that starts with "-": a tool's argument parser would take it for a flag.
 */
export function newKafkaUuid(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
