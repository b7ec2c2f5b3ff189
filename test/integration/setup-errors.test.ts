// Setup's one-line errors, each provoked for real (a PATH without the tool, an unreachable Maven
// mirror, an unreleased version), and then the real fetch of Kafka 3.9.1 and toxiproxy-server
// into the default cache, which every later test run reuses.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ChaosError, ConfigError, FetchError, MissingToolError } from '../../src/util/errors.js';
import { findExecutable } from '../../src/setup/find-executable.js';
import { resolveJava } from '../../src/setup/java.js';
import { DEFAULT_KAFKA_VERSION, resolveKafka } from '../../src/setup/kafka-distribution.js';
import { goForwarderPath, resolveGoForwarder } from '../../src/setup/go-forwarder-binary.js';
import { cacheDir } from '../../src/setup/project-paths.js';
import { runSetup } from '../../src/setup/run-setup.js';
import { resolveToxiproxy, TOXIPROXY_VERSION } from '../../src/setup/toxiproxy-binary.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-setup-errors-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

let scratchCount = 0;
function freshDir(label: string): string {
  const dir = path.join(scratch, `${label}-${++scratchCount}`);
  fs.mkdirSync(dir);
  return dir;
}

/** A bin directory holding symlinks to just `tools`, taken from the real PATH. */
function binDirWith(tools: string[]): string {
  const dir = freshDir('bin');
  for (const tool of tools) {
    const real = findExecutable(tool);
    assert.ok(real, `this test needs ${tool} on PATH`);
    fs.symlinkSync(real, path.join(dir, tool));
  }
  return dir;
}

/** The test process's environment without any of the variables that steer setup, plus `overrides`. */
function cleanEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['JAVA_HOME', 'KAFKA_HOME', 'TOXIPROXY_BIN', 'KAFKA_CHAOS_CACHE', 'KAFKA_CHAOS_MAVEN_REPO']) delete env[name];
  return { ...env, ...overrides };
}

/** Asserts the error's class and that its message is one line naming the cause and the fix. */
function oneLineError(errorClass: new (...args: never[]) => ChaosError, cause: RegExp, fix: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof errorClass, `expected ${errorClass.name}, got ${String(error)}`);
    assert.doesNotMatch(error.message, /[\r\n]/, 'the message must be one line');
    const [before, after] = error.message.split(' — fix: ');
    assert.ok(before !== undefined && after !== undefined, `no "— fix:" in: ${error.message}`);
    assert.match(before, cause);
    assert.match(after, fix);
    return true;
  };
}

describe('setup errors', () => {
  it('no JDK: java is not on PATH and JAVA_HOME is not set', async () => {
    const env = cleanEnv({ PATH: binDirWith(['sh', 'ls']) });
    await assert.rejects(
      resolveJava(env),
      oneLineError(MissingToolError, /no JDK found: java is not on PATH and JAVA_HOME is not set/, /install JDK 17.*JAVA_HOME/),
    );
  });

  it('JAVA_HOME that holds no bin/java', async () => {
    const javaHome = freshDir('not-a-jdk');
    const env = cleanEnv({ PATH: binDirWith(['java']), JAVA_HOME: javaHome });
    await assert.rejects(resolveJava(env), oneLineError(ConfigError, new RegExp(`JAVA_HOME is ${javaHome}`), /JAVA_HOME/));
  });

  it('a Java older than required says found versus required', async () => {
    const env = cleanEnv({ PATH: binDirWith(['java']) });
    const { majorVersion } = await resolveJava(env);
    await assert.rejects(
      resolveJava(env, majorVersion + 1),
      oneLineError(
        MissingToolError,
        new RegExp(`Java ${majorVersion} found at .*Java ${majorVersion + 1} or newer is required`),
        /install JDK/,
      ),
    );
  });

  it('no Maven and no KAFKA_HOME', async () => {
    const cache = freshDir('cache');
    const env = cleanEnv({ PATH: binDirWith(['java']) });
    await assert.rejects(
      resolveKafka({ version: '3.9.1', cacheDir: cache, env }),
      oneLineError(
        MissingToolError,
        /^no Maven \(mvn\) and no KAFKA_HOME: cannot get the Kafka jars$/,
        /install Maven .* or set KAFKA_HOME/,
      ),
    );
    assert.deepEqual(fs.readdirSync(cache), []);
  });

  it('Maven Central unreachable: a fetch error, and no half download left behind', async () => {
    const cache = freshDir('cache');
    const settings = path.join(freshDir('m2'), 'settings.xml');
    // Every repository mirrored to a loopback port nothing listens on: a refused connection, offline-safe.
    fs.writeFileSync(
      settings,
      '<settings><mirrors><mirror><id>unreachable</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/</url></mirror></mirrors></settings>\n',
    );
    const env = cleanEnv({ KAFKA_CHAOS_MAVEN_REPO: freshDir('empty-repo') });
    await assert.rejects(
      resolveKafka({ version: '3.9.1', cacheDir: cache, env, mavenSettingsPath: settings }),
      oneLineError(
        FetchError,
        /^could not download org\.apache\.kafka:kafka_2\.13:3\.9\.1 from Maven Central: .*127\.0\.0\.1:9/,
        /check the network or the proxy\/mirror/,
      ),
    );
    const versionDir = path.join(cache, 'kafka', '3.9.1');
    assert.equal(fs.existsSync(path.join(versionDir, '.complete')), false);
    assert.deepEqual(fs.readdirSync(versionDir).sort(), ['mvn.log', 'pom.xml']);
  });

  it('an unreleased Kafka version is a config error naming the version', async () => {
    const cache = freshDir('cache');
    await assert.rejects(
      resolveKafka({ version: '3.99.0', cacheDir: cache, env: cleanEnv({}) }),
      oneLineError(
        ConfigError,
        /^Kafka version 3\.99\.0 is not on Maven Central \(org\.apache\.kafka:kafka_2\.13:3\.99\.0\)$/,
        /released version such as 3\.9\.1/,
      ),
    );
    assert.equal(fs.existsSync(path.join(cache, 'kafka', '3.99.0', '.complete')), false);
  });

  it('no Go and no toxiproxy-server', async () => {
    const cache = freshDir('cache');
    const env = cleanEnv({ PATH: binDirWith(['java']) });
    await assert.rejects(
      resolveToxiproxy({ cacheDir: cache, env }),
      oneLineError(
        MissingToolError,
        /^no guarded toxiproxy-server: TOXIPROXY_BIN is not set and Go is not installed to build it$/,
        /install Go .* or set TOXIPROXY_BIN/,
      ),
    );
    assert.deepEqual(fs.readdirSync(cache), []);
  });

  it('TOXIPROXY_BIN naming a stock toxiproxy-server (no guard) is refused', async () => {
    const stock = path.join(freshDir('stock'), 'toxiproxy-server');
    fs.writeFileSync(stock, '#!/bin/sh\necho "toxiproxy-server version 2.12.0"\n', { mode: 0o755 });
    await assert.rejects(
      resolveToxiproxy({ cacheDir: freshDir('cache'), env: cleanEnv({ TOXIPROXY_BIN: stock }) }),
      oneLineError(
        ConfigError,
        /is not kafka-chaos's guarded toxiproxy-server \(its -version says: toxiproxy-server version 2\.12\.0\)$/,
        /unset TOXIPROXY_BIN/,
      ),
    );
  });

  it('TOXIPROXY_BIN pointing at a missing file', async () => {
    const missing = path.join(scratch, 'no-such-toxiproxy-server');
    const env = cleanEnv({ TOXIPROXY_BIN: missing });
    await assert.rejects(
      resolveToxiproxy({ cacheDir: freshDir('cache'), env }),
      oneLineError(ConfigError, new RegExp(`TOXIPROXY_BIN is ${missing} .*does not exist`), /TOXIPROXY_BIN/),
    );
  });
});

describe('real components in the default cache', () => {
  // Only the variables that would bypass the fetch are dropped; KAFKA_CHAOS_CACHE still applies.
  const env = { ...process.env };
  delete env.KAFKA_HOME;
  delete env.TOXIPROXY_BIN;
  // Without any toxiproxy-server on PATH, so the binary really is built (or taken from the cache).
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !fs.existsSync(path.join(dir, 'toxiproxy-server')))
    .join(path.delimiter);

  it('fetches Kafka 3.9.1 with its logging binding', async () => {
    const kafka = await resolveKafka({ version: '3.9.1', env });
    assert.equal(kafka.source, 'maven');
    assert.equal(kafka.logging, 'log4j1');
    assert.equal(kafka.libsDir, path.join(cacheDir(env), 'kafka', '3.9.1', 'libs'));
    const jars = fs.readdirSync(kafka.libsDir);
    assert.ok(jars.includes('kafka_2.13-3.9.1.jar'));
    assert.ok(jars.includes('slf4j-reload4j-1.7.36.jar'));
    assert.ok(fs.existsSync(path.join(cacheDir(env), 'kafka', '3.9.1', '.complete')));
  });

  it('builds the guarded toxiproxy-server, which runs and reports its version', async () => {
    const toxiproxy = await resolveToxiproxy({ env });
    assert.equal(toxiproxy.source, 'built');
    assert.equal(toxiproxy.version, TOXIPROXY_VERSION);
    assert.equal(path.dirname(path.dirname(toxiproxy.bin)), path.join(cacheDir(env), 'toxiproxy-guard'));
    assert.match(path.basename(path.dirname(toxiproxy.bin)), new RegExp(`^${TOXIPROXY_VERSION}-[0-9a-f]{12}$`));
    const output = execFileSync(toxiproxy.bin, ['-version'], { encoding: 'utf8' });
    assert.match(output, new RegExp(`version ${TOXIPROXY_VERSION.slice(1).replaceAll('.', '\\.')} \\(kafka-chaos guard\\)`));
  });

  it('builds the Go reference forwarder, which refuses a missing contract variable with one line and exit 2', async () => {
    const bin = await resolveGoForwarder({ env });
    assert.equal(bin, goForwarderPath(cacheDir(env)));
    const run = spawnSync(bin, [], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 10_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, 'go-forwarder: KAFKA_BOOTSTRAP_SERVERS is not set; expected host:port,…, e.g. 127.0.0.1:9092\n');
    const badAssignor = spawnSync(bin, [], {
      encoding: 'utf8',
      env: {
        KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:1',
        KAFKA_TOPIC: 't',
        KAFKA_GROUP_ID: 'g',
        SUT_INSTANCE: '1',
        TARGET_URL: 'http://127.0.0.1:1/messages',
        FORWARDER_ASSIGNOR: 'roundrobin',
      },
      timeout: 10_000,
    });
    assert.equal(badAssignor.status, 2);
    assert.match(
      badAssignor.stderr,
      /^go-forwarder: FORWARDER_ASSIGNOR is "roundrobin"; expected one of range, cooperative-sticky, sticky\n$/,
    );
  });

  it('runSetup is quick once cached and prints one line per step', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const result = await runSetup({ env, log: (line) => lines.push(line) });
    assert.ok(Date.now() - started < 5000, `cached setup took ${Date.now() - started} ms`);
    assert.equal(lines.length, 8, lines.join('\n'));
    assert.match(lines[0] ?? '', /^setup: java \d+ at \//);
    assert.equal(lines[1], `setup: Kafka ${DEFAULT_KAFKA_VERSION} jars: cached at ${result.kafka.libsDir}`);
    assert.ok(result.cdsArchive && fs.statSync(result.cdsArchive).size > 0, 'the brokers’ class-data-sharing archive was made');
    assert.equal(lines[2], `setup: broker class-data-sharing archive at ${result.cdsArchive}`);
    assert.ok(
      result.formatTemplate && fs.readdirSync(result.formatTemplate).length > 0,
      'the format template holds the bootstrap metadata',
    );
    assert.equal(lines[3], `setup: brokers' storage formatted from ${result.formatTemplate}`);
    assert.equal(lines[4], `setup: toxiproxy-server ${TOXIPROXY_VERSION}: built at ${result.toxiproxy.bin}`);
    assert.equal(lines[5], `setup: go-forwarder: built at ${result.goForwarder}`);
    assert.equal(lines[6], `setup: java-forwarder: compiled at ${result.javaForwarder}`);
    assert.ok(result.pythonForwarder && fs.existsSync(result.pythonForwarder), 'the Python forwarder’s venv was made');
    assert.equal(lines[7], `setup: python-forwarder: venv at ${path.dirname(path.dirname(result.pythonForwarder))}`);

    const quiet: string[] = [];
    await runSetup({ env, quiet: true, log: (line) => quiet.push(line) });
    assert.deepEqual(quiet, []);
  });
});
