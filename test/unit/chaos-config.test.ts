// kafka-chaos.config.json: defaults, a full file, and one clear one-line error per invalid field.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { builtInSuts, loadConfig, REFERENCE_FORWARDER } from '../../src/config/chaos-config.js';
import { BUILT_IN_SUT_NAMES } from '../../src/scenario/default-sut.js';
import { IMAGE_NAMES } from '../../src/images/image-source.js';
import { goForwarderPath } from '../../src/setup/go-forwarder-binary.js';
import { ConfigError } from '../../src/util/errors.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-config-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const ENV_NAMES = ['CHAOS_RUNTIME', 'KAFKA_VERSION', 'KAFKA_CHAOS_CONFIG'] as const;
const saved: Record<string, string | undefined> = {};
beforeEach(() => {
  for (const name of ENV_NAMES) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
});
afterEach(() => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

let counter = 0;
function writeConfig(content: unknown): string {
  const dir = path.join(scratch, `c${counter++}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'kafka-chaos.config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function assertConfigError(content: unknown, field: string): void {
  const file = writeConfig(content);
  assert.throws(
    () => loadConfig(file),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
      assert.ok(error.message.includes(field), `"${error.message}" does not name ${field}`);
      assert.ok(!error.message.includes('\n'), `"${error.message}" is not one line`);
      return true;
    },
  );
}

describe('loadConfig', () => {
  it('uses the defaults when the file is missing', () => {
    const config = loadConfig(path.join(scratch, 'absent.json'));
    assert.equal(config.kafka.brokers, 3);
    assert.equal(config.kafka.version, '4.4.0');
    assert.equal(config.runtime, 'auto');
    assert.equal(config.source, 'defaults');
    assert.ok(config.sut.forwarder?.command?.length, 'the reference forwarder is declared');
  });

  it('fails when KAFKA_CHAOS_CONFIG names a missing file', () => {
    const file = path.join(scratch, 'absent-too.json');
    process.env.KAFKA_CHAOS_CONFIG = file;
    assert.throws(
      () => loadConfig(),
      (e: unknown) => e instanceof ConfigError && e.message.includes(file),
    );
  });

  it('reads a full valid file, resolving cwd against the file’s directory', () => {
    const file = writeConfig({
      kafka: { version: '3.8.0', brokers: 5 },
      runtime: 'process',
      sut: {
        mine: { command: ['node', 'svc.js'], env: { A: '1' }, cwd: 'services/mine', startupGraceMs: 0, readyTimeoutMs: 90_000 },
        boxed: { image: 'example/svc:1' },
      },
    });
    const config = loadConfig(file);
    assert.deepEqual(config.kafka, { version: '3.8.0', brokers: 5 });
    assert.equal(config.runtime, 'process');
    assert.equal(config.source, file);
    assert.deepEqual(config.sut.mine, {
      command: ['node', 'svc.js'],
      image: undefined,
      env: { A: '1' },
      cwd: path.join(path.dirname(file), 'services', 'mine'),
      startupGraceMs: 0,
      readyTimeoutMs: 90_000,
    });
    assert.equal(config.sut.boxed?.image, 'example/svc:1');
    assert.equal(config.sut.boxed?.cwd, path.dirname(file));
    assert.ok(config.sut.forwarder, 'the reference forwarder stays declared');
  });

  it('extends the built-in forwarder with env, keeping its command', () => {
    const file = writeConfig({ sut: { forwarder: { env: { FORWARDER_MODE: 'auto-commit' }, startupGraceMs: 3000 } } });
    const forwarder = loadConfig(file).sut.forwarder;
    assert.deepEqual(forwarder?.command, REFERENCE_FORWARDER.command);
    assert.equal(forwarder?.image, REFERENCE_FORWARDER.image);
    assert.deepEqual(forwarder?.env, { ...REFERENCE_FORWARDER.env, FORWARDER_MODE: 'auto-commit' });
    assert.equal(forwarder?.startupGraceMs, 3000);
    assert.equal(REFERENCE_FORWARDER.env?.FORWARDER_MODE, undefined, 'the built-in definition itself is untouched');
    assertConfigError({ sut: { forwarder: { env: { FORWARDER_MODE: 1 } } } }, 'sut.forwarder.env');
    assertConfigError({ sut: { forwarder: { cwd: 'x' } } }, 'unknown key "cwd"');
  });

  it('declares the Go reference forwarder: the binary setup builds for this source, its image, its group knobs public', () => {
    const go = loadConfig(writeConfig({ sut: { 'go-forwarder': { env: { FORWARDER_STATIC: 'true' } } } })).sut['go-forwarder'];
    assert.deepEqual(go?.command, [goForwarderPath()]);
    assert.match(go?.command?.[0] ?? '', /go-forwarder\/[0-9a-f]{12}\/go-forwarder$/);
    assert.equal(go?.image, IMAGE_NAMES.goForwarder);
    assert.deepEqual(go?.env, { FORWARDER_STATIC: 'true' });
    for (const knob of ['FORWARDER_ASSIGNOR', 'FORWARDER_STATIC', 'FORWARDER_MODE']) assert.ok(go?.publicEnv?.includes(knob), knob);
  });

  it('replaces the built-in forwarder when the file gives it a command', () => {
    const file = writeConfig({ sut: { forwarder: { command: ['node', 'mine.js'] } } });
    assert.deepEqual(loadConfig(file).sut.forwarder?.command, ['node', 'mine.js']);
  });

  it('lets CHAOS_RUNTIME and KAFKA_VERSION override the file', () => {
    const file = writeConfig({ kafka: { version: '3.8.0' }, runtime: 'process' });
    process.env.CHAOS_RUNTIME = 'container';
    process.env.KAFKA_VERSION = '4.0.0';
    const config = loadConfig(file);
    assert.equal(config.runtime, 'container');
    assert.equal(config.kafka.version, '4.0.0');
  });

  it('rejects invalid files with a one-line error naming the field', () => {
    assertConfigError('{"kafka": {', 'kafka-chaos.config.json');
    assertConfigError({ kafka: { version: '3.9' } }, 'kafka.version');
    assertConfigError({ kafka: { brokers: 0 } }, 'kafka.brokers');
    assertConfigError({ kafka: { brokers: 10 } }, 'kafka.brokers');
    assertConfigError({ kafka: { brokers: 2.5 } }, 'kafka.brokers');
    assertConfigError({ runtime: 'docker' }, 'runtime');
    assertConfigError({ sut: { svc: { env: {} } } }, 'sut.svc');
    assertConfigError({ sut: { svc: { command: 'node svc.js' } } }, 'sut.svc.command');
    assertConfigError({ sut: { svc: { command: ['node', 1] } } }, 'sut.svc.command');
    assertConfigError({ sut: { svc: { command: ['node'], env: { PORT: 8080 } } } }, 'sut.svc.env');
    assertConfigError({ sut: { svc: { command: ['node'], startupGraceMs: -1 } } }, 'sut.svc.startupGraceMs');
    assertConfigError({ sut: { svc: { command: ['node'], env: ['A=1'] } } }, 'sut.svc.env');
    assertConfigError({ sut: { svc: { image: '' } } }, 'sut.svc.image');
    assertConfigError({ sut: { svc: { command: ['node'], cwd: 7 } } }, 'sut.svc.cwd');
  });

  it("bounds startupGraceMs by what Node's timers hold (2^31-1 ms); above, it would fire after 1 ms", () => {
    assertConfigError('{ "sut": { "svc": { "command": ["node"], "startupGraceMs": 1e12 } } }', 'sut.svc.startupGraceMs');
    assertConfigError({ sut: { forwarder: { startupGraceMs: 2 ** 31 } } }, 'sut.forwarder.startupGraceMs');
    assertConfigError({ sut: { svc: { command: ['node'], readyTimeoutMs: 1.5 } } }, 'sut.svc.readyTimeoutMs');
    const config = loadConfig(writeConfig({ sut: { svc: { command: ['node'], startupGraceMs: 2 ** 31 - 1 } } }));
    assert.equal(config.sut.svc?.startupGraceMs, 2 ** 31 - 1);
  });

  it('rejects an unknown key, naming it and the known ones (a typo must not be ignored)', () => {
    assertConfigError({ kafka: { brokrs: 5 } }, 'unknown key "brokrs"');
    assertConfigError({ runtme: 'process' }, 'unknown key "runtme"');
    assertConfigError({ sut: { svc: { command: ['node'], environment: {} } } }, 'unknown key "environment"');
  });

  it('rejects a malformed KAFKA_VERSION', () => {
    process.env.KAFKA_VERSION = '4.1';
    assert.throws(
      () => loadConfig(path.join(scratch, 'absent.json')),
      (e: unknown) => e instanceof ConfigError && e.message.includes('KAFKA_VERSION') && e.message.includes('"4.1"'),
    );
  });

  it('rejects an invalid CHAOS_RUNTIME', () => {
    process.env.CHAOS_RUNTIME = 'docker';
    assert.throws(
      () => loadConfig(path.join(scratch, 'absent.json')),
      (e: unknown) => e instanceof ConfigError && e.message.includes('CHAOS_RUNTIME'),
    );
  });
});

describe('the built-in reference SUTs', () => {
  it('are exactly the names "the system under test" never defaults to among a user\'s own', () => {
    assert.deepEqual(Object.keys(builtInSuts()).sort(), [...BUILT_IN_SUT_NAMES].sort());
  });

  it('each has a command for processes and an image for containers', () => {
    for (const [name, definition] of Object.entries(builtInSuts())) {
      assert.ok(definition.command && definition.command.length > 0, `${name} has a command`);
      assert.ok(definition.image, `${name} has an image`);
    }
  });
});
