// What `kafka-storage format` writes into a KRaft node's log directory, without a JVM per node.
// Formatting runs a JVM for ~1.6 s of CPU, and a cluster start formatted each of its three nodes
// — on 2 cores, 2.5 s of every start. What it writes is meta.properties (node id, cluster id, a
// random directory id) and the release's bootstrap metadata (metadata version and feature
// levels): bootstrap.checkpoint up to Kafka 4.1, __cluster_metadata-0/0…0-0…0.checkpoint in 4.4 —
// the same for every node and cluster, but for timestamps and CRCs (compared byte by byte). So
// one real format per Kafka jars makes a template of everything but meta.properties, and every
// node then gets a copy and a meta.properties of its own. With static controller voters only
// (what the topology plan writes): a dynamic quorum would put voters into the bootstrap metadata.

import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KafkaDistribution } from './kafka-distribution.js';
import { jarsFingerprint, oneNodeProperties } from './one-node-broker.js';

const run = promisify(execFile);

const META_PROPERTIES = 'meta.properties';
const FORMAT_TIMEOUT_MS = 60_000;

/** Where the template of these jars lives: a formatted log directory without meta.properties (it may not exist yet). */
export function formatTemplatePath(kafka: KafkaDistribution): string {
  return path.join(kafka.libsDir, '..', 'format', `template-${jarsFingerprint(kafka)}`);
}

/**
 * The template's path, made first (one real format in a temp directory) when missing;
 * undefined with `warn` told why when it could not be — nodes are then formatted one by one, as
 * before. Only for the cached Maven jars: nothing is written beside a user's KAFKA_HOME.
 */
export async function kafkaFormatTemplate(
  kafka: KafkaDistribution,
  javaBin: string,
  jvmFlags: readonly string[],
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string | undefined> {
  if (kafka.source !== 'maven') return undefined;
  const template = formatTemplatePath(kafka);
  if (fs.existsSync(template)) return template;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-format-'));
  try {
    const propertiesPath = path.join(work, 'server.properties');
    // Nothing listens: format only reads the config. The ports are never bound.
    fs.writeFileSync(propertiesPath, oneNodeProperties(path.join(work, 'data'), { client: 9092, controller: 9093 }));
    await run(
      javaBin,
      [...jvmFlags, '-cp', kafka.classpath, 'kafka.tools.StorageTool', 'format', '-t', newKafkaUuid(), '-c', propertiesPath],
      {
        timeout: FORMAT_TIMEOUT_MS,
      },
    );
    const made = path.join(work, 'data');
    if (!fs.existsSync(path.join(made, META_PROPERTIES))) throw new Error(`kafka-storage format wrote no ${META_PROPERTIES}`);
    fs.rmSync(path.join(made, META_PROPERTIES));
    if (fs.readdirSync(made).length === 0) throw new Error('kafka-storage format wrote no bootstrap metadata');
    fs.mkdirSync(path.dirname(template), { recursive: true });
    // Another run may have made one at the same time; either is as good.
    fs.cpSync(made, `${template}.partial-${process.pid}`, { recursive: true });
    fs.renameSync(`${template}.partial-${process.pid}`, template);
    return template;
  } catch (error) {
    warn(`kafka-chaos: each broker's storage is formatted by its own JVM: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    fs.rmSync(`${template}.partial-${process.pid}`, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Formats `logDir` for `nodeId` of `clusterId` as kafka-storage format does, from the template. */
export function writeFormattedLogDir(logDir: string, template: string, nodeId: number, clusterId: string): void {
  fs.mkdirSync(logDir, { recursive: true });
  fs.cpSync(template, logDir, { recursive: true });
  fs.writeFileSync(
    path.join(logDir, META_PROPERTIES),
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
