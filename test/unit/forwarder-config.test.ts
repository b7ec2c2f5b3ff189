// The forwarder's configuration: every mode is selectable by FORWARDER_MODE, a bad mode or knob
// is one line naming the allowed values, and the process exits 2 on it before touching Kafka.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import type { Consumer } from 'kafkajs';
import { ConfigError, loadConfig, MODES, type ForwarderConfig } from '../../sut/forwarder/forwarder-config.js';
import { driveFor } from '../../sut/forwarder/modes/mode-table.js';
import { RecordProcessor } from '../../sut/forwarder/record-processor.js';

const contract = {
  KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:9092',
  KAFKA_TOPIC: 'orders',
  KAFKA_GROUP_ID: 'fwd',
  TARGET_URL: 'http://127.0.0.1:8080/messages',
  SUT_INSTANCE: '1',
};

// Choosing a drive touches no consumer: a stand-in that fails if it is used.
function processorFor(config: ForwarderConfig): RecordProcessor {
  const consumer = new Proxy({} as Consumer, {
    get: (_target, name) => assert.fail(`the consumer's ${String(name)} was used`),
  });
  return new RecordProcessor(config, consumer, () => assert.fail('stopped on error'));
}

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...contract, ...env });
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error;
  }
  assert.fail(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('forwarder modes', () => {
  it('offers the correct mode and the nine broken ones', () => {
    assert.deepEqual([...MODES].sort(), [
      'auto-commit',
      'commit-before-send',
      'correct',
      'double-send',
      'ignore-commit-failure',
      'ignore-errors',
      'offset-reset-latest',
      'skip-after-retries',
      'stale-batch',
      'unordered-parallel',
    ]);
  });

  it('starts partitions without a commit at their end in offset-reset-latest, whatever FORWARDER_FROM_BEGINNING says', () => {
    assert.equal(loadConfig({ ...contract, FORWARDER_MODE: 'offset-reset-latest', FORWARDER_FROM_BEGINNING: 'true' }).fromBeginning, false);
    assert.equal(loadConfig({ ...contract, FORWARDER_MODE: 'correct' }).fromBeginning, true);
  });

  it('reads FORWARDER_START_DELAY_MS as whole milliseconds, 0 when unset', () => {
    assert.equal(loadConfig(contract).startDelayMs, 0);
    assert.equal(loadConfig({ ...contract, FORWARDER_START_DELAY_MS: '5000' }).startDelayMs, 5000);
    assert.throws(() => loadConfig({ ...contract, FORWARDER_START_DELAY_MS: 'soon' }), /FORWARDER_START_DELAY_MS is "soon"/);
  });

  it('defaults to correct, with the broken modes’ knobs at their defaults', () => {
    const config = loadConfig(contract);
    assert.equal(config.mode, 'correct');
    assert.equal(config.onError, 'stop');
    assert.equal(config.skipAfterAttempts, 3);
    assert.equal(config.parallelJitterMs, 20);
  });

  for (const mode of MODES) {
    it(`selects ${mode} by FORWARDER_MODE`, () => {
      assert.equal(loadConfig({ ...contract, FORWARDER_MODE: mode }).mode, mode);
    });
  }

  it('rejects an unknown mode, listing every allowed one', () => {
    const error = configError({ FORWARDER_MODE: 'at-most-once' });
    assert.equal(error.variable, 'FORWARDER_MODE');
    for (const mode of MODES) assert.ok(error.message.includes(mode), `${error.message} lists ${mode}`);
  });

  it('refuses the group options only the Go and Java consumers have, and accepts their defaults', () => {
    for (const [name, value] of [
      ['FORWARDER_ASSIGNOR', 'cooperative-sticky'],
      ['FORWARDER_ASSIGNOR', 'range'],
      ['FORWARDER_STATIC', 'true'],
      ['FORWARDER_GROUP_PROTOCOL', 'consumer'],
    ] as const) {
      const error = configError({ [name]: value });
      assert.equal(error.variable, name);
      assert.match(error.message, /cannot do: kafkajs .*; use go-forwarder or java-forwarder/);
    }
    assert.equal(loadConfig({ ...contract, FORWARDER_STATIC: 'false', FORWARDER_GROUP_PROTOCOL: 'classic' }).mode, 'correct');
  });

  it('reads TLS from KAFKA_SECURITY_PROTOCOL: PLAINTEXT by default, SSL with the CA to trust, nothing else', () => {
    assert.equal(loadConfig(contract).caLocation, undefined);
    assert.equal(loadConfig({ ...contract, KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' }).caLocation, undefined);
    assert.equal(
      loadConfig({ ...contract, KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_LOCATION: '/run/ca.pem' }).caLocation,
      '/run/ca.pem',
    );
    assert.equal(configError({ KAFKA_SECURITY_PROTOCOL: 'SSL' }).variable, 'KAFKA_SSL_CA_LOCATION');
    const sasl = configError({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' });
    assert.equal(sasl.variable, 'KAFKA_SECURITY_PROTOCOL');
    assert.match(sasl.message, /PLAINTEXT or SSL/);
  });

  it('reads the attempts before a skip and the parallel jitter', () => {
    const config = loadConfig({ ...contract, FORWARDER_SKIP_AFTER_ATTEMPTS: '5', FORWARDER_PARALLEL_JITTER_MS: '7' });
    assert.equal(config.skipAfterAttempts, 5);
    assert.equal(config.parallelJitterMs, 7);
  });

  it('rejects a zero or non-numeric attempts count, in attempts', () => {
    assert.match(
      configError({ FORWARDER_SKIP_AFTER_ATTEMPTS: '0' }).message,
      /FORWARDER_SKIP_AFTER_ATTEMPTS is "0"; expected a positive whole number of attempts/,
    );
    assert.match(configError({ FORWARDER_PARALLEL_JITTER_MS: 'fast' }).message, /FORWARDER_PARALLEL_JITTER_MS .* milliseconds/);
  });
});

describe('the fast configuration', () => {
  it('delivers one partition at a time and commits each record, unless told otherwise', () => {
    const config = loadConfig(contract);
    assert.equal(config.partitionsInFlight, 1);
    assert.equal(config.commitIntervalMs, 0);
    assert.equal(config.commitEveryRecords, 0);
    const drive = driveFor(config, processorFor(config));
    assert.equal(drive.autoCommit, false);
  });

  it('commits the delivered prefix through kafkajs on an interval, a count or both', () => {
    const both = loadConfig({ ...contract, FORWARDER_COMMIT_INTERVAL_MS: '1000', FORWARDER_COMMIT_EVERY: '500' });
    const processor = processorFor(both);
    const drive = driveFor(both, processor);
    assert.equal(drive.autoCommit, true);
    assert.equal(drive.autoCommitInterval, 1000);
    assert.equal(drive.autoCommitThreshold, 500);
    // The handler that only delivers: kafkajs resolves (and so may commit) a record only after it returns.
    assert.equal(drive.eachMessage, processor.deliverOnly);

    const countOnly = loadConfig({ ...contract, FORWARDER_COMMIT_EVERY: '200' });
    const byCount = driveFor(countOnly, processorFor(countOnly));
    assert.equal(byCount.autoCommitThreshold, 200);
    assert.equal(byCount.autoCommitInterval, undefined);
  });

  it('reads the partitions in flight, and refuses zero in partitions', () => {
    assert.equal(loadConfig({ ...contract, FORWARDER_PARTITIONS_IN_FLIGHT: '6' }).partitionsInFlight, 6);
    assert.match(
      configError({ FORWARDER_PARTITIONS_IN_FLIGHT: '0' }).message,
      /FORWARDER_PARTITIONS_IN_FLIGHT is "0"; expected a positive whole number of partitions/,
    );
    assert.match(configError({ FORWARDER_COMMIT_EVERY: 'often' }).message, /FORWARDER_COMMIT_EVERY is "often"; .* records/);
  });

  it('leaves the broken modes their own commits', () => {
    const config = loadConfig({ ...contract, FORWARDER_MODE: 'commit-before-send', FORWARDER_COMMIT_EVERY: '500' });
    assert.equal(driveFor(config, processorFor(config)).autoCommit, false);
  });
});

describe('the forwarder process with a bad mode', () => {
  it('exits 2 with one stderr line naming the allowed modes', () => {
    const main = path.join(packageRoot, 'dist', 'sut', 'forwarder', 'main.js');
    const result = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...contract, FORWARDER_MODE: 'sometimes' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 2, result.stderr);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /^forwarder: FORWARDER_MODE is "sometimes"; expected one of correct, auto-commit, .*double-send/);
  });
});
