// The brokers' class-data-sharing archive is keyed by everything a JVM checks before it maps one
// (the jars, the java binary, the flags), and is never made for a user's KAFKA_HOME.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BROKER_JVM_FLAGS, cdsArchivePath, kafkaCdsArchive } from '../../src/setup/kafka-cds-archive.js';
import type { KafkaDistribution } from '../../src/setup/kafka-distribution.js';

function distribution(source: KafkaDistribution['source']): KafkaDistribution {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-cds-test-'));
  const libsDir = path.join(root, 'libs');
  fs.mkdirSync(libsDir);
  fs.writeFileSync(path.join(libsDir, 'kafka_2.13-3.9.1.jar'), '');
  return { version: '3.9.1', libsDir, classpath: path.join(libsDir, '*'), logging: 'log4j1', source };
}

describe('the brokers’ class-data-sharing archive', () => {
  it('lives beside the jars, one per jars, java and flags', () => {
    const kafka = distribution('maven');
    const archive = cdsArchivePath(kafka, '/usr/bin/java', BROKER_JVM_FLAGS);
    assert.equal(path.dirname(archive), path.join(path.dirname(kafka.libsDir), 'cds'));
    assert.equal(cdsArchivePath(kafka, '/usr/bin/java', BROKER_JVM_FLAGS), archive, 'the same inputs find the same archive');
    assert.notEqual(cdsArchivePath(kafka, '/opt/jdk-21/bin/java', BROKER_JVM_FLAGS), archive, 'another java');
    assert.notEqual(cdsArchivePath(kafka, '/usr/bin/java', [...BROKER_JVM_FLAGS, '-Xmx1g']), archive, 'other flags');
    fs.writeFileSync(path.join(kafka.libsDir, 'kafka-tools-3.9.1.jar'), '');
    assert.notEqual(cdsArchivePath(kafka, '/usr/bin/java', BROKER_JVM_FLAGS), archive, 'other jars');
  });

  it('is found without starting anything when it exists', async () => {
    const kafka = distribution('maven');
    const archive = cdsArchivePath(kafka, '/no/such/java', BROKER_JVM_FLAGS);
    fs.mkdirSync(path.dirname(archive), { recursive: true });
    fs.writeFileSync(archive, 'archive');
    assert.equal(await kafkaCdsArchive(kafka, '/no/such/java'), archive);
  });

  it('is never made for a KAFKA_HOME, and a failure to make one is a warning, not an error', async () => {
    assert.equal(await kafkaCdsArchive(distribution('KAFKA_HOME'), '/no/such/java'), undefined);
    const warnings: string[] = [];
    assert.equal(await kafkaCdsArchive(distribution('maven'), '/no/such/java', BROKER_JVM_FLAGS, (line) => warnings.push(line)), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^kafka-chaos: brokers start without a class-data-sharing archive: /);
  });
});
