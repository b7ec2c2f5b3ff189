// The pure parts that keep the SUT away from its referee: the target's start options, the
// control secret check, the explicit child environment, the masking of a step's env values,
// the config fields inheritEnv/publicEnv, and the guarded Toxiproxy's cache key.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/chaos-config.js';
import { childEnvironment, INHERITED_VARIABLES, inheritedByContainer } from '../../src/environment/process/child-environment.js';
import { MASKED_VALUE, shownEnv, sutEnvironment } from '../../src/environment/sut-contract.js';
import { guardCacheKey, TOXIPROXY_VERSION } from '../../src/setup/toxiproxy-binary.js';
import { bearerMatches, newControlSecret } from '../../src/target/control-secret.js';
import { DEFAULT_MAX_BODY_BYTES, parseTargetOptions } from '../../src/target/target-options.js';
import { ConfigError } from '../../src/util/errors.js';

const SECRET = 'a'.repeat(64);
const options = (fields: Record<string, unknown>) =>
  JSON.stringify({ port: 8080, controlPort: 8081, ledger: '/e/delivered.jsonl', controlSecret: SECRET, ...fields });

describe('target options', () => {
  it('reads the options, defaulting the body cap to 4 MiB', () => {
    assert.deepEqual(parseTargetOptions(options({})), {
      port: 8080,
      controlPort: 8081,
      ledgerPath: '/e/delivered.jsonl',
      controlSecret: SECRET,
      host: undefined,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    });
    assert.equal(DEFAULT_MAX_BODY_BYTES, 4 * 1024 * 1024);
    assert.equal(parseTargetOptions(options({ host: '0.0.0.0', maxBodyBytes: 10 })).maxBodyBytes, 10);
  });

  it('refuses bad options with one line naming the field', () => {
    for (const [fields, message] of [
      [{ port: 70000 }, /^port must be a port from 0 to 65535/],
      [{ controlPort: 8080 }, /port and controlPort must differ/],
      [{ ledger: '' }, /ledger .* is required/],
      [{ controlSecret: 'short' }, /controlSecret must be a string of 32 or more/],
      [{ controlSecret: undefined }, /controlSecret must be/],
      [{ maxBodyBytes: 0 }, /maxBodyBytes must be a whole number/],
      [{ maxBodyBytes: 1.5 }, /maxBodyBytes must be a whole number/],
      [{ extra: 1 }, /unknown option "extra"/],
    ] as const) {
      assert.throws(
        () => parseTargetOptions(options(fields)),
        (e: unknown) => e instanceof ConfigError && message.test(e.message) && !e.message.includes('\n'),
      );
    }
    assert.throws(() => parseTargetOptions('--port 1'), /options are not JSON/);
    assert.throws(() => parseTargetOptions('[1]'), /must be a JSON object/);
  });
});

describe('control secret', () => {
  it('is 64 hex characters, fresh each time', () => {
    const a = newControlSecret();
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, newControlSecret());
  });

  it('matches only "Bearer <secret>" exactly', () => {
    assert.equal(bearerMatches(`Bearer ${SECRET}`, SECRET), true);
    for (const header of [
      undefined,
      '',
      SECRET,
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(1)}`,
      `bearer ${SECRET}`,
      `Basic ${SECRET}`,
      `Bearer  ${SECRET}`,
      `Bearer ${SECRET} extra`,
    ]) {
      assert.equal(bearerMatches(header, SECRET), false, `${header} must not match`);
    }
  });
});

describe('child environment', () => {
  const runner = {
    PATH: '/bin',
    HOME: '/root',
    JAVA_HOME: '/jdk',
    CI_TOKEN: 'hunter2',
    NODE_OPTIONS: '--inspect',
    LANG: 'C.UTF-8',
    AWS_SECRET: 'x',
  };

  it('passes only the allowlist of the runner, plus what the child is given', () => {
    assert.deepEqual(childEnvironment({ KAFKA_TOPIC: 't', PATH: '/given' }, {}, runner), {
      PATH: '/given',
      HOME: '/root',
      JAVA_HOME: '/jdk',
      LANG: 'C.UTF-8',
      KAFKA_TOPIC: 't',
    });
    assert.ok(!INHERITED_VARIABLES.includes('NODE_OPTIONS' as never), 'NODE_OPTIONS is the runner’s, not the child’s');
  });

  it('passes the whole runner environment on opt-in; a container gets it without this machine’s paths', () => {
    assert.deepEqual(childEnvironment({ A: '1' }, { inheritEnv: true }, runner), { ...runner, A: '1' });
    assert.deepEqual(inheritedByContainer(runner), { CI_TOKEN: 'hunter2', NODE_OPTIONS: '--inspect', AWS_SECRET: 'x' });
  });
});

describe('with-env values as reports show them', () => {
  it('masks every value unless the SUT declares the variable public', () => {
    const env = { FORWARDER_MODE: 'auto-commit', API_TOKEN: 's3cr3t' };
    assert.deepEqual(shownEnv(env, { publicEnv: ['FORWARDER_MODE'] }), { FORWARDER_MODE: 'auto-commit', API_TOKEN: MASKED_VALUE });
    assert.deepEqual(shownEnv(env, undefined), { FORWARDER_MODE: MASKED_VALUE, API_TOKEN: MASKED_VALUE });
  });
});

describe('config: inheritEnv and publicEnv', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'referee-config-'));
  const write = (value: unknown) => {
    const file = path.join(scratch, `c-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('reads them for a SUT and for the built-in forwarder, whose knobs are public by default', () => {
    const config = loadConfig(
      write({ sut: { svc: { command: ['node'], inheritEnv: true, publicEnv: ['MODE'] }, forwarder: { publicEnv: [] } } }),
    );
    assert.equal(config.sut.svc?.inheritEnv, true);
    assert.deepEqual(config.sut.svc?.publicEnv, ['MODE']);
    assert.deepEqual(config.sut.forwarder?.publicEnv, []);
    assert.ok(loadConfig(write({})).sut.forwarder?.publicEnv?.includes('FORWARDER_MODE'));
  });

  it('refuses wrong types with one line naming the field', () => {
    assert.throws(
      () => loadConfig(write({ sut: { svc: { command: ['node'], inheritEnv: 'yes' } } })),
      /sut\.svc\.inheritEnv must be true or false/,
    );
    assert.throws(
      () => loadConfig(write({ sut: { svc: { command: ['node'], publicEnv: 'MODE' } } })),
      /sut\.svc\.publicEnv must be a list/,
    );
  });
});

describe('guarded toxiproxy cache key', () => {
  it('names the version and changes with the source', () => {
    const key = guardCacheKey(['main.go', 'go.mod']);
    assert.match(key, new RegExp(`^${TOXIPROXY_VERSION.replaceAll('.', '\\.')}-[0-9a-f]{12}$`));
    assert.equal(guardCacheKey(['main.go', 'go.mod']), key);
    assert.notEqual(guardCacheKey(['main.go!', 'go.mod']), key);
    assert.notEqual(guardCacheKey(['main.g', 'ogo.mod']), key, 'file boundaries count');
  });
});

describe('the SUT contract', () => {
  const launch = { sut: 'forwarder', topic: 'orders-s1', groupId: 'billing-s1', instances: 2 };

  it('says PLAINTEXT, and names no CA, on a cluster in the clear', () => {
    const env = sutEnvironment(launch, 2, ['127.0.0.1:1', '127.0.0.1:2'], 'http://127.0.0.1:3/messages');
    assert.equal(env.KAFKA_BOOTSTRAP_SERVERS, '127.0.0.1:1,127.0.0.1:2');
    assert.equal(env.SUT_INSTANCE, '2');
    assert.equal(env.KAFKA_SECURITY_PROTOCOL, 'PLAINTEXT');
    assert.equal('KAFKA_SSL_CA_LOCATION' in env, false);
  });

  it('says SSL and where the run CA is on a TLS cluster, and hands over no key', () => {
    const env = sutEnvironment(launch, 1, ['toxiproxy:20001'], 'http://target:8080/messages', {
      protocol: 'SSL',
      caLocation: '/etc/kafka-chaos/ca.pem',
    });
    assert.equal(env.KAFKA_SECURITY_PROTOCOL, 'SSL');
    assert.equal(env.KAFKA_SSL_CA_LOCATION, '/etc/kafka-chaos/ca.pem');
    assert.deepEqual(
      Object.keys(env).filter((name) => /KEY|PASSWORD|KEYSTORE/.test(name)),
      [],
    );
  });
});
