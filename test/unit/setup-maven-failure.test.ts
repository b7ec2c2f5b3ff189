// Classifying mvn failures from real mvn.log text (captured from Maven 3.8.7 runs), so each cause
// gets its own one-line message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, FetchError } from '../../src/util/errors.js';
import { mavenFailureError, networkReason } from '../../src/setup/maven-failure.js';

const TAIL = [
  '[ERROR] ',
  '[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.',
  '[ERROR] Re-run Maven using the -X switch to enable full debug logging.',
].join('\n');

const NOT_FOUND = `\u001b[0m\u001b[0m[ERROR] Failed to execute goal on project kafka-jars: Could not resolve dependencies for project kafka-chaos.setup:kafka-jars:pom:3.99.0: Could not find artifact org.apache.kafka:kafka_2.13:jar:3.99.0 in central (https://central.example/maven2) -> [Help 1]\n${TAIL}\n`;

const NOT_FOUND_CACHED = `[ERROR] Failed to execute goal on project kafka-jars: Could not resolve dependencies for project kafka-chaos.setup:kafka-jars:pom:3.99.0: org.apache.kafka:kafka_2.13:jar:3.99.0 was not found in https://central.example/maven2 during a previous attempt. This failure was cached in the local repository and resolution is not reattempted until the update interval of central has elapsed or updates are forced -> [Help 1]\n${TAIL}\n`;

const REFUSED = `[ERROR] Plugin org.apache.maven.plugins:maven-dependency-plugin:3.8.1 or one of its dependencies could not be resolved: Failed to read artifact descriptor for org.apache.maven.plugins:maven-dependency-plugin:jar:3.8.1: Could not transfer artifact org.apache.maven.plugins:maven-dependency-plugin:pom:3.8.1 from/to unreachable (http://127.0.0.1:9/): transfer failed for http://127.0.0.1:9/org/apache/maven/plugins/maven-dependency-plugin/3.8.1/maven-dependency-plugin-3.8.1.pom: Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection refused -> [Help 1]\n${TAIL}\n`;

const MISSING_TRANSITIVE = `[ERROR] Failed to execute goal on project kafka-jars: Could not resolve dependencies for project kafka-chaos.setup:kafka-jars:pom:3.9.1: Could not find artifact com.example:gone:jar:1.0 in central (https://central.example/maven2) -> [Help 1]\n${TAIL}\n`;

const OTHER = `[ERROR] Failed to execute goal org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies (default-cli) on project kafka-jars: Error copying artifact: No space left on device -> [Help 1]\n${TAIL}\n`;

function assertOneLine(error: Error): void {
  assert.doesNotMatch(error.message, /[\r\n]/);
  assert.match(error.message, / — fix: /);
}

describe('mavenFailureError', () => {
  it('reports an unreleased Kafka version as a config error', () => {
    for (const log of [NOT_FOUND, NOT_FOUND_CACHED]) {
      const error = mavenFailureError(log, '3.99.0', '/cache/kafka/3.99.0/mvn.log');
      assert.ok(error instanceof ConfigError);
      assert.equal(
        error.message,
        'Kafka version 3.99.0 is not on Maven Central (org.apache.kafka:kafka_2.13:3.99.0) — fix: set kafka.version to a released version such as 3.9.1 or 4.1.1',
      );
    }
  });

  it('reports an unreachable repository as a retriable fetch error with the root cause', () => {
    const error = mavenFailureError(REFUSED, '3.9.1', '/cache/kafka/3.9.1/mvn.log');
    assert.ok(error instanceof FetchError);
    assert.equal(error.retriable, true);
    assertOneLine(error);
    assert.match(error.message, /^could not download org\.apache\.kafka:kafka_2\.13:3\.9\.1 from Maven Central: /);
    assert.match(error.message, /from\/to unreachable \(http:\/\/127\.0\.0\.1:9\/\): Connection refused — fix: /);
    assert.match(error.message, /settings\.xml/);
  });

  it('does not blame the Kafka version for a missing transitive dependency', () => {
    const error = mavenFailureError(MISSING_TRANSITIVE, '3.9.1', '/cache/kafka/3.9.1/mvn.log');
    assert.ok(error instanceof FetchError);
    assertOneLine(error);
    assert.match(error.message, /com\.example:gone:jar:1\.0/);
    assert.match(error.message, /\/cache\/kafka\/3\.9\.1\/mvn\.log/);
  });

  it('reports anything else with the first error line and the log path', () => {
    const error = mavenFailureError(OTHER, '3.9.1', '/cache/kafka/3.9.1/mvn.log');
    assert.ok(error instanceof FetchError);
    assertOneLine(error);
    assert.match(error.message, /No space left on device \(log: \/cache\/kafka\/3\.9\.1\/mvn\.log\)/);
    assert.doesNotMatch(error.message, /\[ERROR\]|\[Help 1\]/);
  });

  it('copes with an empty log', () => {
    const error = mavenFailureError('', '3.9.1', '/x/mvn.log');
    assert.ok(error instanceof FetchError);
    assertOneLine(error);
  });
});

describe('networkReason', () => {
  it('keeps the artifact, the repository and the root cause', () => {
    assert.equal(
      networkReason(
        '[ERROR] Failed: Could not transfer artifact a:b:pom:1 from/to central (https://central.example/): central.example: Temporary failure in name resolution -> [Help 1]',
      ),
      'Could not transfer artifact a:b:pom:1 from/to central (https://central.example/): Temporary failure in name resolution',
    );
  });

  it('returns a plain line without Maven decoration', () => {
    assert.equal(networkReason('[ERROR] Connect timed out -> [Help 1]'), 'Connect timed out');
  });
});
