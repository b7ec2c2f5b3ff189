// A node's log directory formatted from the cached template holds what kafka-storage format
// writes: the release's bootstrap metadata and a meta.properties with this node's id, the
// cluster's id and a directory id of its own.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { kafkaFormatTemplate, newKafkaUuid, writeFormattedLogDir } from '../../src/setup/kafka-format-template.js';

function properties(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

describe('formatting a node from the template', () => {
  it('copies the bootstrap metadata and writes meta.properties as kafka-storage format does, a directory id per node', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-format-test-'));
    // Kafka 4.4's layout: the bootstrap snapshot inside __cluster_metadata-0.
    const template = path.join(root, 'template');
    fs.mkdirSync(path.join(template, '__cluster_metadata-0'), { recursive: true });
    const snapshot = path.join('__cluster_metadata-0', '00000000000000000000-0000000000.checkpoint');
    fs.writeFileSync(path.join(template, snapshot), Buffer.from([0, 1, 2, 3]));
    const clusterId = newKafkaUuid();
    writeFormattedLogDir(path.join(root, 'n1'), template, 1, clusterId);
    writeFormattedLogDir(path.join(root, 'n2'), template, 2, clusterId);
    assert.deepEqual(fs.readFileSync(path.join(root, 'n2', snapshot)), Buffer.from([0, 1, 2, 3]));
    assert.ok(!fs.existsSync(path.join(template, 'meta.properties')), 'the template itself is left as it was');
    const one = properties(path.join(root, 'n1', 'meta.properties'));
    const two = properties(path.join(root, 'n2', 'meta.properties'));
    assert.deepEqual({ ...one, 'directory.id': '' }, { 'node.id': '1', 'directory.id': '', version: '1', 'cluster.id': clusterId });
    assert.equal(two['node.id'], '2');
    assert.match(one['directory.id']!, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    assert.notEqual(one['directory.id'], two['directory.id']);
  });

  it('makes ids of 22 base64url characters that never start with "-"', () => {
    for (let i = 0; i < 2000; i++) assert.match(newKafkaUuid(), /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });

  it('never writes beside a KAFKA_HOME, and a failed format is a warning', async () => {
    const libsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-format-libs-'));
    const kafka = { version: '3.9.1', libsDir, classpath: path.join(libsDir, '*'), logging: 'log4j1' as const };
    assert.equal(await kafkaFormatTemplate({ ...kafka, source: 'KAFKA_HOME' }, '/no/such/java', []), undefined);
    const warnings: string[] = [];
    assert.equal(await kafkaFormatTemplate({ ...kafka, source: 'maven' }, '/no/such/java', [], (line) => warnings.push(line)), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^kafka-chaos: each broker's storage is formatted by its own JVM: /);
  });
});
