// The forwarder's configuration, read from the environment the way the harness starts any SUT:
// five contract variables (where Kafka is, what to consume, where to POST, which instance this is)
// plus the forwarder's own FORWARDER_* knobs. Pure: it returns a config or throws ConfigError, and
// main.ts turns the error into one stderr line and exit code 2.

export type OnError = 'stop' | 'retry';

/**
 * correct: commit a record's offset only after its 2xx, one record at a time per partition. The
 * others are bugs users really ship, kept here so the harness can show it catches each one
 * (README.md beside this file names the check that must fail for every mode):
 *   auto-commit        — delivery handed off to an in-memory queue while kafkajs's autoCommit
 *                        commits what was fetched: loss on a crash or stop, unsafe commits
 *   commit-before-send — each offset committed before its record is posted: unsafe commits
 *   ignore-errors      — a failed POST is logged, skipped and committed: loss in any outage
 *   skip-after-retries — a few retries with backoff, then skip and commit: loss in a longer outage
 *   unordered-parallel — a batch's records posted concurrently, committed after all: out of order
 *   double-send        — every record posted twice: duplicates over any bound
 *   stale-batch        — a fetched batch delivered to its end after the partition was lost (a
 *                        zombie): duplicates no rewind explains
 *   ignore-commit-failure — a commit failed because the group moved on is ignored and the
 *                        batch goes on: duplicates no rewind explains
 *   offset-reset-latest — a partition without a committed offset started at its end (Java's
 *                        default auto.offset.reset): an added partition's first messages lost
 */
export const MODES = [
  'correct',
  'auto-commit',
  'commit-before-send',
  'ignore-errors',
  'skip-after-retries',
  'unordered-parallel',
  'double-send',
  'stale-batch',
  'ignore-commit-failure',
  'offset-reset-latest',
] as const;
export type ForwarderMode = (typeof MODES)[number];

export interface ForwarderConfig {
  brokers: string[];
  topics: string[];
  groupId: string;
  targetUrl: string;
  instance: string;
  /** stop: like StreamSets "On Record Error: Stop Pipeline"; retry: retry the same record forever. */
  onError: OnError;
  mode: ForwarderMode;
  retryInitialMs: number;
  retryMaxMs: number;
  httpTimeoutMs: number;
  /** Where a group with no committed offset starts; a committed offset always wins. */
  fromBeginning: boolean;
  /** skip-after-retries: delivery attempts before a record is given up and committed. */
  skipAfterAttempts: number;
  /** unordered-parallel: each POST of a batch starts after a random delay up to this. */
  parallelJitterMs: number;
  /**
   * The correct modes commit each record at once (both 0), or commit the delivered prefix of each
   * partition together: every this many ms, every this many records, at the end of each fetched
   * batch, and before a rebalance or shutdown (kafkajs's resolved offsets, mode-table.ts).
   */
  commitIntervalMs: number;
  commitEveryRecords: number;
  /** How many partitions are delivered at once, each one record at a time in offset order. */
  partitionsInFlight: number;
  /** Waits this long before connecting (0: at once): a slow starter, as JVM services and Connect workers are. */
  startDelayMs: number;
  /** KAFKA_SECURITY_PROTOCOL=SSL: the CA file to trust (KAFKA_SSL_CA_LOCATION); unset: PLAINTEXT. */
  caLocation?: string;
}

/** One variable is missing or malformed; the message names it and shows what it should look like. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// Kafka's own rule for topic names (kafka.common.internals.Topic).
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
// Control characters would make the value unusable as an HTTP header (sut-instance).
const HEADER_VALUE = /^[\x20-\x7e]+$/;

export function loadConfig(env: Env): ForwarderConfig {
  const brokers = list(env, 'KAFKA_BOOTSTRAP_SERVERS', 'comma-separated host:port, e.g. 127.0.0.1:9092,127.0.0.1:9093');
  for (const broker of brokers) {
    const match = /^(.+):(\d{1,5})$/.exec(broker);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) {
      throw invalid('KAFKA_BOOTSTRAP_SERVERS', broker, 'comma-separated host:port, e.g. 127.0.0.1:9092,127.0.0.1:9093');
    }
  }

  const topics = list(env, 'KAFKA_TOPIC', 'a topic name or comma-separated topic names, e.g. orders or orders,payments');
  for (const topic of topics) {
    if (!TOPIC_NAME.test(topic)) {
      throw invalid('KAFKA_TOPIC', topic, 'topic names of letters, digits, ".", "_" or "-", e.g. orders or orders,payments');
    }
  }
  if (new Set(topics).size !== topics.length) {
    throw invalid('KAFKA_TOPIC', env['KAFKA_TOPIC'] ?? '', 'distinct topic names, e.g. orders,payments');
  }

  const groupId = required(env, 'KAFKA_GROUP_ID', 'a consumer group id, e.g. forwarder');

  const targetUrl = required(env, 'TARGET_URL', 'an http(s) URL, e.g. http://127.0.0.1:8080/messages');
  let parsed: URL | undefined;
  try {
    parsed = new URL(targetUrl);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw invalid('TARGET_URL', targetUrl, 'an http(s) URL, e.g. http://127.0.0.1:8080/messages');
  }

  const instance = required(env, 'SUT_INSTANCE', 'an instance name usable as an HTTP header value, e.g. 1');
  if (!HEADER_VALUE.test(instance)) {
    throw invalid('SUT_INSTANCE', instance, 'printable ASCII usable as an HTTP header value, e.g. 1');
  }

  const onErrorRaw = optional(env, 'FORWARDER_ON_ERROR') ?? 'stop';
  if (onErrorRaw !== 'stop' && onErrorRaw !== 'retry') {
    throw invalid('FORWARDER_ON_ERROR', onErrorRaw, 'stop or retry (default stop)');
  }

  // The group options the Go and Java reference consumers take: kafkajs has no static membership,
  // no cooperative protocol and no KIP-848. Refused (exit 2), so a scenario that needs one never
  // passes here on behaviour it did not get.
  for (const [name, unsupported] of [
    ['FORWARDER_ASSIGNOR', 'kafkajs assigns eagerly with its own round-robin assigner'],
    ['FORWARDER_STATIC', 'kafkajs has no static membership (group.instance.id)'],
    ['FORWARDER_GROUP_PROTOCOL', 'kafkajs speaks only the classic group protocol'],
  ] as const) {
    const value = optional(env, name);
    if (
      value !== undefined &&
      !(name === 'FORWARDER_STATIC' && value === 'false') &&
      !(name === 'FORWARDER_GROUP_PROTOCOL' && value === 'classic')
    ) {
      throw new ConfigError(
        name,
        `${name} is ${JSON.stringify(value)}, which this forwarder cannot do: ${unsupported}; use go-forwarder or java-forwarder`,
      );
    }
  }

  const modeRaw = optional(env, 'FORWARDER_MODE') ?? 'correct';
  if (!(MODES as readonly string[]).includes(modeRaw)) {
    throw invalid('FORWARDER_MODE', modeRaw, `one of ${MODES.join(', ')} (default correct)`);
  }
  const retryInitialMs = positiveInt(env, 'FORWARDER_RETRY_INITIAL_MS', 200);
  const retryMaxMs = positiveInt(env, 'FORWARDER_RETRY_MAX_MS', 5000);
  if (retryMaxMs < retryInitialMs) {
    throw new ConfigError(
      'FORWARDER_RETRY_MAX_MS',
      `FORWARDER_RETRY_MAX_MS is ${retryMaxMs}, below FORWARDER_RETRY_INITIAL_MS ${retryInitialMs}; expected a cap >= the initial delay, e.g. 5000`,
    );
  }
  const httpTimeoutMs = positiveInt(env, 'FORWARDER_HTTP_TIMEOUT_MS', 10_000);

  const skipAfterAttempts = positiveInt(env, 'FORWARDER_SKIP_AFTER_ATTEMPTS', 3, 'attempts');
  const parallelJitterMs = positiveInt(env, 'FORWARDER_PARALLEL_JITTER_MS', 20);
  // Absent: every record committed on its own, as before.
  const commitIntervalMs =
    optional(env, 'FORWARDER_COMMIT_INTERVAL_MS') === undefined ? 0 : positiveInt(env, 'FORWARDER_COMMIT_INTERVAL_MS', 1);

  const commitEveryRecords =
    optional(env, 'FORWARDER_COMMIT_EVERY') === undefined ? 0 : positiveInt(env, 'FORWARDER_COMMIT_EVERY', 1, 'records');
  const partitionsInFlight = positiveInt(env, 'FORWARDER_PARTITIONS_IN_FLIGHT', 1, 'partitions');

  const startDelayMs = optional(env, 'FORWARDER_START_DELAY_MS') === undefined ? 0 : positiveInt(env, 'FORWARDER_START_DELAY_MS', 1);

  const protocol = optional(env, 'KAFKA_SECURITY_PROTOCOL') ?? 'PLAINTEXT';
  if (protocol !== 'PLAINTEXT' && protocol !== 'SSL') {
    throw invalid('KAFKA_SECURITY_PROTOCOL', protocol, 'PLAINTEXT or SSL (SASL is not supported by this forwarder)');
  }
  const caLocation = protocol === 'SSL' ? required(env, 'KAFKA_SSL_CA_LOCATION', 'the path of the PEM CA certificate to trust') : undefined;

  const fromBeginningRaw = optional(env, 'FORWARDER_FROM_BEGINNING') ?? 'true';
  if (fromBeginningRaw !== 'true' && fromBeginningRaw !== 'false') {
    throw invalid('FORWARDER_FROM_BEGINNING', fromBeginningRaw, 'true or false (default true)');
  }

  return {
    brokers,
    topics,
    groupId,
    targetUrl,
    instance,
    onError: onErrorRaw,
    mode: modeRaw as ForwarderMode,
    retryInitialMs,
    retryMaxMs,
    httpTimeoutMs,
    // offset-reset-latest is that bug whatever FORWARDER_FROM_BEGINNING says.
    fromBeginning: fromBeginningRaw === 'true' && modeRaw !== 'offset-reset-latest',
    skipAfterAttempts,
    parallelJitterMs,
    commitIntervalMs,
    commitEveryRecords,
    caLocation,
    partitionsInFlight,
    startDelayMs,
  };
}

// An empty value counts as unset: `FOO= cmd` is how shells and compose files usually "unset".
function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string, expected: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(name, `${name} is not set; expected ${expected}`);
  return value;
}

function list(env: Env, name: string, expected: string): string[] {
  const items = required(env, name, expected)
    .split(',')
    .map((item) => item.trim());
  if (items.some((item) => item === '')) throw invalid(name, env[name] ?? '', expected);
  return items;
}

function positiveInt(env: Env, name: string, fallback: number, unit = 'milliseconds'): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw invalid(name, raw, `a positive whole number of ${unit} (default ${fallback})`);
  }
  return Number(raw);
}

function invalid(name: string, value: string, expected: string): ConfigError {
  return new ConfigError(name, `${name} is ${JSON.stringify(value)}; expected ${expected}`);
}
