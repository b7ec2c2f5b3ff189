// kafka-chaos.config.json: the one file where users declare their systems under test and the
// cluster they want. Every field is optional; the reference forwarder is always declared.

import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_KAFKA_VERSION } from '../setup/kafka-distribution.js';
import type { RuntimeKind, SutDefinition } from '../environment/runtime.js';
import { IMAGE_NAMES } from '../images/image-source.js';
import { goForwarderPath } from '../setup/go-forwarder-binary.js';
import { javaForwarderCommand } from '../setup/java-forwarder-build.js';
import { PYTHON_FORWARDER_DIR, pythonVenvPython } from '../setup/python-venv.js';
import { packageRoot } from '../setup/project-paths.js';
import { ConfigError } from '../util/errors.js';
import { MAX_TIMER_MS } from '../util/timers.js';

export interface ChaosConfig {
  kafka: { version: string; brokers: number };
  runtime: RuntimeKind | 'auto';
  sut: Record<string, SutDefinition>;
  /** Where the config came from ("defaults" when there is no file). */
  source: string;
}

export const CONFIG_FILE = 'kafka-chaos.config.json';

/** The reference forwarder (sut/forwarder), available under the name "forwarder": a local process, or its image (docker/forwarder). */
export const REFERENCE_FORWARDER: SutDefinition = {
  command: [process.execPath, path.join(packageRoot, 'dist', 'sut', 'forwarder', 'main.js')],
  image: IMAGE_NAMES.forwarder,
  // Its knobs are settings, not credentials: reports show their values.
  publicEnv: [
    'MODE',
    'ON_ERROR',
    'FROM_BEGINNING',
    'HTTP_TIMEOUT_MS',
    'RETRY_INITIAL_MS',
    'RETRY_MAX_MS',
    'SKIP_AFTER_ATTEMPTS',
    'PARALLEL_JITTER_MS',
    'COMMIT_INTERVAL_MS',
    'COMMIT_EVERY',
    'PARTITIONS_IN_FLIGHT',
    'START_DELAY_MS',
  ].map((knob) => `FORWARDER_${knob}`),
};

/** The forwarders' knobs that only the Go one has (sut/go-forwarder): its group options. */
const GO_FORWARDER_KNOBS = ['ASSIGNOR', 'STATIC', 'SESSION_TIMEOUT_MS', 'GROUP_PROTOCOL'];

/**
 * The Go reference forwarder (sut/go-forwarder, franz-go), available as "go-forwarder": the binary
 * `kafka-chaos setup` builds, or its image (docker/go-forwarder). Static membership, eager or
 * cooperative assignors and the KIP-848 protocol are its options (FORWARDER_ASSIGNOR, …).
 */
export function referenceGoForwarder(): SutDefinition {
  return {
    command: [goForwarderPath()],
    image: IMAGE_NAMES.goForwarder,
    publicEnv: [...REFERENCE_FORWARDER.publicEnv!, ...GO_FORWARDER_KNOBS.map((knob) => `FORWARDER_${knob}`)],
  };
}

/**
 * The Java reference forwarder (sut/java-forwarder, the official kafka-clients), available as
 * "java-forwarder": the classes `kafka-chaos setup` compiles, on the default Kafka version's client
 * jars, or its image (docker/java-forwarder). FORWARDER_COMMIT=auto is seed 004's auto-commit.
 */
export function referenceJavaForwarder(): SutDefinition {
  return {
    command: javaForwarderCommand(),
    image: IMAGE_NAMES.javaForwarder,
    // A JVM with the Kafka client takes a few seconds to start: an exit within 4 s is a failed start.
    startupGraceMs: 4000,
    publicEnv: [...REFERENCE_FORWARDER.publicEnv!, ...[...GO_FORWARDER_KNOBS, 'COMMIT'].map((knob) => `FORWARDER_${knob}`)],
  };
}

/**
 * The Python reference forwarder (sut/python-forwarder, confluent-kafka on librdkafka), available as
 * "python-forwarder": forwarder.py on the venv `kafka-chaos setup` makes, or its image
 * (docker/python-forwarder). It takes the Go and Java consumers' group options.
 */
export function referencePythonForwarder(): SutDefinition {
  return {
    command: [pythonVenvPython(), path.join(PYTHON_FORWARDER_DIR, 'forwarder.py')],
    image: IMAGE_NAMES.pythonForwarder,
    publicEnv: [...REFERENCE_FORWARDER.publicEnv!, ...GO_FORWARDER_KNOBS.map((knob) => `FORWARDER_${knob}`)],
  };
}

/** The SUTs every config declares; a file's entry of the same name without command or image extends one. */
export function builtInSuts(): Record<string, SutDefinition> {
  return {
    forwarder: REFERENCE_FORWARDER,
    'go-forwarder': referenceGoForwarder(),
    'java-forwarder': referenceJavaForwarder(),
    'python-forwarder': referencePythonForwarder(),
  };
}

export function loadConfig(file = process.env.KAFKA_CHAOS_CONFIG ?? path.resolve(CONFIG_FILE)): ChaosConfig {
  const config: ChaosConfig = {
    kafka: { version: DEFAULT_KAFKA_VERSION, brokers: 3 },
    runtime: 'auto',
    sut: builtInSuts(),
    source: 'defaults',
  };
  if (!fs.existsSync(file)) {
    if (process.env.KAFKA_CHAOS_CONFIG) throw new ConfigError(`config file ${file} (KAFKA_CHAOS_CONFIG) does not exist`);
    return applyEnv(config);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`, { fix: 'correct the JSON syntax' });
  }
  const where = (field: string) => `${path.basename(file)}: ${field}`;
  const object = (value: unknown, field: string): Record<string, unknown> => {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(`${where(field)} must be an object`);
    }
    return value as Record<string, unknown>;
  };
  const top = object(raw, '(top level)');
  rejectUnknown(top, ['kafka', 'runtime', 'sut'], where('(top level)'));
  const kafka = object(top.kafka, 'kafka');
  rejectUnknown(kafka, ['version', 'brokers'], where('kafka'));
  if (kafka.version !== undefined) {
    config.kafka.version = parseVersion(kafka.version, where('kafka.version'));
  }
  if (kafka.brokers !== undefined) {
    if (!Number.isInteger(kafka.brokers) || (kafka.brokers as number) < 1 || (kafka.brokers as number) > 9) {
      throw new ConfigError(`${where('kafka.brokers')} must be a whole number from 1 to 9, not ${JSON.stringify(kafka.brokers)}`);
    }
    config.kafka.brokers = kafka.brokers as number;
  }
  if (top.runtime !== undefined) config.runtime = parseRuntime(top.runtime, where('runtime'));
  for (const [name, value] of Object.entries(object(top.sut, 'sut'))) {
    const fields = object(value, `sut.${name}`);
    // A built-in's name without command or image extends the built-in one (e.g. with FORWARDER_MODE).
    const base = fields.command === undefined && fields.image === undefined ? builtInSuts()[name] : undefined;
    config.sut[name] = parseSut(fields, where(`sut.${name}`), path.dirname(file), base);
  }
  config.source = file;
  return applyEnv(config);
}

/** A typo in a key would otherwise be ignored silently, and the user's intent with it. */
function rejectUnknown(value: Record<string, unknown>, known: readonly string[], where: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ConfigError(`${where} has an unknown key "${unknown}"; known keys: ${known.join(', ')}`);
  }
}

function parseVersion(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^\d+\.\d+\.\d+$/.test(value)) {
    throw new ConfigError(`${where} must be a version like "3.9.1", not ${JSON.stringify(value)}`);
  }
  return value;
}

function parseRuntime(value: unknown, where: string): ChaosConfig['runtime'] {
  if (value === 'process' || value === 'container' || value === 'auto') return value;
  throw new ConfigError(`${where} must be "process", "container" or "auto", not ${JSON.stringify(value)}`);
}

/**
 * A SUT's environment options: "inheritEnv": true gives it the runner's whole environment instead
 * of a small allowlist (src/environment/process/child-environment.ts); "publicEnv": ["NAME", …]
 * names the `with env:` variables whose values run.json and reports may show (the others are
 * shown as NAME=•••, since a step may pass a credential).
 */
function parseEnvOptions(value: Record<string, unknown>, where: string): Pick<SutDefinition, 'inheritEnv' | 'publicEnv'> {
  const { inheritEnv, publicEnv } = value;
  if (inheritEnv !== undefined && typeof inheritEnv !== 'boolean') {
    throw new ConfigError(`${where}.inheritEnv must be true or false (true: the SUT gets the runner's whole environment)`);
  }
  if (publicEnv !== undefined && (!Array.isArray(publicEnv) || !publicEnv.every((name) => typeof name === 'string'))) {
    throw new ConfigError(`${where}.publicEnv must be a list of variable names, e.g. ["FORWARDER_MODE"]`);
  }
  return {
    ...(inheritEnv !== undefined && { inheritEnv }),
    ...(publicEnv !== undefined && { publicEnv: publicEnv as string[] }),
  };
}

/** A SUT's timing field: whole milliseconds that a timer can hold, or undefined when unset. */
function timerMs(value: Record<string, unknown>, field: string, where: string): number | undefined {
  const ms = value[field];
  // A timer longer than MAX_TIMER_MS overflows and fires after 1 ms: the wait would silently vanish.
  if (ms !== undefined && (!Number.isInteger(ms) || (ms as number) < 0 || (ms as number) > MAX_TIMER_MS)) {
    throw new ConfigError(`${where}.${field} must be a whole number of milliseconds from 0 to ${MAX_TIMER_MS}, not ${JSON.stringify(ms)}`);
  }
  return ms as number | undefined;
}

function parseSut(value: Record<string, unknown>, where: string, baseDir: string, base?: SutDefinition): SutDefinition {
  const envKeys = ['env', 'inheritEnv', 'publicEnv'];
  const timings = ['startupGraceMs', 'readyTimeoutMs'];
  rejectUnknown(value, base ? [...envKeys, ...timings] : ['command', 'image', ...envKeys, 'cwd', ...timings], where);
  const { command, image, env, cwd } = value;
  const startupGraceMs = timerMs(value, 'startupGraceMs', where);
  const readyTimeoutMs = timerMs(value, 'readyTimeoutMs', where);
  const envOptions = parseEnvOptions(value, where);
  if (command === undefined && image === undefined && !base) {
    throw new ConfigError(`${where} needs "command" (a list: program and arguments) or "image"`);
  }
  if (command !== undefined && (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string'))) {
    throw new ConfigError(`${where}.command must be a non-empty list of strings, e.g. ["node", "service.js"]`);
  }
  if (image !== undefined && (typeof image !== 'string' || image.trim() === ''))
    throw new ConfigError(`${where}.image must be a non-empty string, e.g. "my-service:1.0"`);
  if (cwd !== undefined && (typeof cwd !== 'string' || cwd === ''))
    throw new ConfigError(`${where}.cwd must be a directory path (relative to the config file), not ${JSON.stringify(cwd)}`);
  if (
    env !== undefined &&
    (typeof env !== 'object' || env === null || Array.isArray(env) || !Object.values(env).every((v) => typeof v === 'string'))
  ) {
    throw new ConfigError(`${where}.env must map names to string values`);
  }
  if (base) {
    // The built-in SUT keeps its command (and image); the file adds env and may set the grace.
    const extra = env as Record<string, string> | undefined;
    return {
      ...base,
      env: { ...base.env, ...extra },
      startupGraceMs: startupGraceMs ?? base.startupGraceMs,
      readyTimeoutMs: readyTimeoutMs ?? base.readyTimeoutMs,
      ...envOptions,
    };
  }
  return {
    command: command as string[] | undefined,
    image: image as string | undefined,
    env: env as Record<string, string> | undefined,
    // Relative commands and paths are relative to the config file, not to where the CLI runs.
    cwd: path.resolve(baseDir, typeof cwd === 'string' ? cwd : '.'),
    startupGraceMs,
    readyTimeoutMs,
    ...envOptions,
  };
}

function applyEnv(config: ChaosConfig): ChaosConfig {
  if (process.env.CHAOS_RUNTIME) config.runtime = parseRuntime(process.env.CHAOS_RUNTIME, 'CHAOS_RUNTIME');
  if (process.env.KAFKA_VERSION) config.kafka.version = parseVersion(process.env.KAFKA_VERSION, 'KAFKA_VERSION');
  return config;
}
