// The reference system under test: a Kafka→HTTP forwarder that is correctly at-least-once, the
// way a StreamSets pipeline with "On Record Error: Stop Pipeline" is. It consumes the topic(s),
// POSTs each record, and commits a record's offset only after the server answered 2xx. An HTTP
// outage therefore delays records but never loses them: in stop mode the process exits 3 and
// the next start re-delivers the failed record; in retry mode it waits the outage out.
//
// FORWARDER_MODE selects a deliberately broken variant instead (README.md beside this file lists
// each one, the bug it models and the check that must catch it); the default is `correct`.
//
// Exit codes: 0 stopped by SIGTERM/SIGINT, 1 crashed (Kafka unusable, the brokers' TLS certificate
// not trusted, kafkajs gave up, shutdown hung), 2 bad configuration, 3 pipeline stopped on a record error (stop mode).

import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { ConfigError, loadConfig, type ForwarderConfig } from './forwarder-config.js';
import { emit, stderrLogCreator, warn } from './event-log.js';
import { driveFor } from './modes/mode-table.js';
import { RecordNotDelivered, RecordProcessor } from './record-processor.js';
import { readCa, untrustedBecause } from './tls-trust.js';

const EXIT_OK = 0;
const EXIT_CRASHED = 1;
const EXIT_CONFIG = 2;
const EXIT_STOPPED_ON_ERROR = 3;

/** How long an HTTP request already on the wire may still answer after SIGTERM. */
const IN_FLIGHT_GRACE_MS = 5000;
/** Beyond this the shutdown is declared hung and the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 20_000;
/** How long a topic may stay unknown at startup before the forwarder gives up (exit 1). */
const SUBSCRIBE_PATIENCE_MS = 15_000;

function readConfig(): ForwarderConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`forwarder: ${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

function createConsumer(config: ForwarderConfig, ca: string | undefined): Consumer {
  const kafka = new Kafka({
    clientId: `kafka-chaos-forwarder-${config.instance}`,
    brokers: config.brokers,
    ...(ca === undefined ? {} : { ssl: { ca: [ca] } }),
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    // Enough patience for a broker failover (leader election, coordinator moving) to finish.
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 10 },
    logLevel: logLevel.WARN,
    // Our deliberate "not delivered" throws are reported as JSON events already.
    logCreator: stderrLogCreator((log) => log['error'] instanceof RecordNotDelivered),
  });
  return kafka.consumer({
    groupId: config.groupId,
    // Short enough that a killed instance's partitions move on quickly; heartbeats keep flowing
    // during slow HTTP requests and retry backoff (see record-processor.ts).
    sessionTimeout: 10_000,
    heartbeatInterval: 3000,
    // A member finishes its current HTTP request before it rejoins a rebalance.
    rebalanceTimeout: Math.max(30_000, config.httpTimeoutMs + 20_000),
    maxWaitTimeInMs: 1000,
    // Partitions added to a topic are seen at the next metadata refresh, and only then does the
    // group rebalance to assign them: kafkajs's default (5 minutes, as Java's) outlasts any drain.
    metadataMaxAge: 10_000,
    // A forwarder must not create the topic it reads by mistyping its name.
    allowAutoTopicCreation: false,
    // The consumer's own retries wrap every commit. kafkajs keeps committing to the broker it
    // first found as coordinator and only looks the coordinator up again when it rejoins
    // (kafkajs#1069): a commit that fails with NOT_COORDINATOR must surface within seconds, so
    // the runner rejoins and finds the new coordinator, rather than after a minute of retries.
    retry: { initialRetryTime: 300, maxRetryTime: 2000, retries: 5 },
  });
}

/** The CA to trust, checked against the brokers before anything starts (tls-trust.ts); exits on failure. */
async function trustedCa(config: ForwarderConfig): Promise<string | undefined> {
  if (config.caLocation === undefined) return undefined;
  const ca = readCa(config.caLocation);
  if (ca instanceof Error) {
    process.stderr.write(`forwarder: ${ca.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  const why = await untrustedBecause(config.brokers[0]!, ca);
  if (why !== undefined) {
    process.stderr.write(`forwarder: the brokers' TLS certificate is not trusted by KAFKA_SSL_CA_LOCATION ${config.caLocation} (${why})\n`);
    process.exit(EXIT_CRASHED);
  }
  return ca;
}

async function main(): Promise<void> {
  const config = readConfig();
  const consumer = createConsumer(config, await trustedCa(config));
  let exiting = false;

  const processor = new RecordProcessor(config, consumer, () => {
    // Not awaited: disconnecting waits for eachMessage to return, which is what called us.
    setImmediate(() => void terminate(EXIT_STOPPED_ON_ERROR, 'stopped-on-error'));
  });

  async function terminate(code: number, reason: string): Promise<void> {
    if (exiting) return;
    exiting = true;
    const deadline = setTimeout(() => {
      process.stderr.write(`forwarder: shutdown (${reason}) did not finish within ${SHUTDOWN_DEADLINE_MS}ms, exiting\n`);
      process.exit(code === EXIT_OK ? EXIT_CRASHED : code);
    }, SHUTDOWN_DEADLINE_MS);
    // Nothing is committed from here on except a record whose in-flight request still gets a 2xx.
    // With batched commits, kafkajs commits the delivered prefix as the given-up records return.
    await processor.quiesce(IN_FLIGHT_GRACE_MS);
    try {
      await consumer.disconnect();
    } catch (error) {
      process.stderr.write(`forwarder: disconnect failed: ${text(error)}\n`);
    }
    clearTimeout(deadline);
    emit('shutdown', { reason, exitCode: code, instance: config.instance });
    process.exit(code);
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void terminate(EXIT_OK, signal));
  }

  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    emit(joined ? 'rejoined' : 'ready', {
      instance: config.instance,
      groupId: payload.groupId,
      memberId: payload.memberId,
      topics: config.topics,
      onError: config.onError,
      mode: config.mode,
      // How it delivers and commits (0: per record), so a run's log shows which configuration ran.
      partitionsInFlight: config.partitionsInFlight,
      commitIntervalMs: config.commitIntervalMs,
      commitEveryRecords: config.commitEveryRecords,
      assignment: payload.memberAssignment,
    });
    joined = true;
  });

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (exiting) return;
    emit('crashed', { instance: config.instance, error: text(payload.error), restart: payload.restart });
    // With restart, kafkajs rejoins by itself and resumes from the committed offsets.
    if (!payload.restart) {
      exiting = true;
      process.exit(EXIT_CRASHED);
    }
  });

  try {
    if (config.startDelayMs > 0) await sleep(config.startDelayMs);
    await consumer.connect();
    await subscribeWithPatience(consumer, config);
    // One record at a time within a partition: the StreamSets pipeline model, which keeps each
    // partition's records in offset order (all modes but unordered-parallel). Partitions go one
    // at a time, or FORWARDER_PARTITIONS_IN_FLIGHT of them side by side.
    await consumer.run({ partitionsConsumedConcurrently: config.partitionsInFlight, ...driveFor(config, processor) });
  } catch (error) {
    if (exiting) return;
    exiting = true;
    emit('crashed', { instance: config.instance, error: text(error), restart: false, phase: 'startup' });
    process.stderr.write(
      `forwarder: could not start consuming ${config.topics.join(',')} from ${config.brokers.join(',')}: ${text(error)}\n`,
    );
    await consumer.disconnect().catch(() => undefined);
    process.exit(EXIT_CRASHED);
  }
}

/**
 * A topic created moments ago can be unknown to the broker answering the metadata request;
 * kafkajs fails subscribe at once then. Retry retriable failures for a while, so only a topic
 * that really is missing ends the process.
 */
async function subscribeWithPatience(consumer: Consumer, config: ForwarderConfig): Promise<void> {
  const giveUpAt = Date.now() + SUBSCRIBE_PATIENCE_MS;
  for (;;) {
    try {
      await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning });
      return;
    } catch (error) {
      const retriable = (error as { retriable?: unknown }).retriable === true;
      if (!retriable || Date.now() >= giveUpAt) throw error;
      warn('subscribe failed, retrying', { topics: config.topics, error: text(error) });
      await sleep(1000);
    }
  }
}

function text(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

await main();
