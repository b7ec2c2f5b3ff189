// The pure parts of getting Kafka: KAFKA_HOME version detection, the generated pom, the logging
// generation per version, and the configuration errors that need no network.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/util/errors.js';
import { kafkaLoggingConfig, kafkaPom, kafkaVersionInLibs, requiredJavaMajor, resolveKafka } from '../../src/setup/kafka-distribution.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-setup-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A fake distribution: an empty libs/ holding the given (empty) files. */
function fakeKafkaHome(name: string, files: string[]): string {
  const home = path.join(scratch, name);
  fs.mkdirSync(path.join(home, 'libs'), { recursive: true });
  for (const file of files) fs.writeFileSync(path.join(home, 'libs', file), '');
  return home;
}

describe('kafkaVersionInLibs', () => {
  it('reads the version from the kafka_2.13 jar name, ignoring classifier jars', () => {
    const home = fakeKafkaHome('mixed', ['kafka-clients-3.9.1.jar', 'kafka_2.13-3.9.1-test.jar', 'kafka_2.13-3.9.1.jar']);
    assert.equal(kafkaVersionInLibs(path.join(home, 'libs')), '3.9.1');
  });

  it('returns undefined for a missing directory or one without the jar', () => {
    assert.equal(kafkaVersionInLibs(path.join(scratch, 'nowhere')), undefined);
    assert.equal(kafkaVersionInLibs(path.join(fakeKafkaHome('clients-only', ['kafka-clients-3.9.1.jar']), 'libs')), undefined);
  });
});

describe('resolveKafka with KAFKA_HOME', () => {
  it('uses the distribution as it is, with its own version', async () => {
    const home = fakeKafkaHome('kafka-3.9.1', ['kafka_2.13-3.9.1.jar']);
    const lines: string[] = [];
    const kafka = await resolveKafka({ version: '4.1.1', env: { KAFKA_HOME: home, PATH: '' }, log: (line) => lines.push(line) });
    assert.deepEqual(kafka, {
      version: '3.9.1',
      libsDir: path.join(home, 'libs'),
      classpath: `${path.join(home, 'libs')}/*`,
      logging: 'log4j1',
      source: 'KAFKA_HOME',
    });
    assert.deepEqual(lines, ['setup: KAFKA_HOME has Kafka 3.9.1; kafka.version 4.1.1 is ignored']);
  });

  it('rejects a KAFKA_HOME that is not a distribution, naming the path and what is expected', async () => {
    const home = fakeKafkaHome('not-kafka', ['README']);
    await assert.rejects(resolveKafka({ env: { KAFKA_HOME: home, PATH: '' } }), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.doesNotMatch(error.message, /[\r\n]/);
      assert.ok(error.message.includes(home));
      assert.match(error.message, /an unpacked Apache Kafka distribution with libs\/kafka_2\.13-\*\.jar/);
      return true;
    });
  });
});

describe('resolveKafka version checks', () => {
  it('rejects something that is not a version before touching the cache', async () => {
    const cacheDir = path.join(scratch, 'cache-untouched');
    await assert.rejects(resolveKafka({ version: '../3.9.1', cacheDir, env: { PATH: '' } }), ConfigError);
    assert.equal(fs.existsSync(cacheDir), false);
  });
});

describe('kafkaPom', () => {
  it('adds the reload4j binding for 3.x', () => {
    const pom = kafkaPom('3.9.1');
    assert.match(pom, /<artifactId>kafka_2\.13<\/artifactId><version>3\.9\.1<\/version>/);
    assert.match(pom, /<groupId>org\.slf4j<\/groupId><artifactId>slf4j-reload4j<\/artifactId><version>1\.7\.36<\/version>/);
    assert.doesNotMatch(pom, /log4j-slf4j-impl/);
  });

  it('adds the log4j2 binding for 4.x', () => {
    const pom = kafkaPom('4.1.1');
    assert.match(pom, /<artifactId>log4j-slf4j-impl<\/artifactId><version>2\.24\.3<\/version>/);
    assert.doesNotMatch(pom, /reload4j/);
  });
});

describe('versions and logging', () => {
  it('needs Java 17 for Kafka 4 and 11 for Kafka 3', () => {
    assert.equal(requiredJavaMajor('4.1.1'), 17);
    assert.equal(requiredJavaMajor('3.9.1'), 11);
  });

  it('configures console-only logging with the flag each backend reads', () => {
    const log4j1 = kafkaLoggingConfig('log4j1');
    assert.equal(log4j1.jvmFlag('/run/log4j.properties'), '-Dlog4j.configuration=file:/run/log4j.properties');
    assert.match(log4j1.contents, /^log4j\.rootLogger=INFO, stdout$/m);
    assert.match(log4j1.contents, /ConversionPattern=\[%d\] %p %m \(%c\)%n$/m);
    assert.doesNotMatch(log4j1.contents, /FileAppender/);

    const log4j2 = kafkaLoggingConfig('log4j2');
    assert.equal(log4j2.jvmFlag('/run/log4j2.properties'), '-Dlog4j2.configurationFile=/run/log4j2.properties');
    assert.match(log4j2.contents, /^appender\.stdout\.type = Console$/m);
    assert.match(log4j2.contents, /^rootLogger\.level = INFO$/m);
    assert.match(log4j2.contents, /pattern = \[%d\] %p %m \(%c\)%n$/m);
  });
});
