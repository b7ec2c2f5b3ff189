// A class-data-sharing archive for the broker JVM (JDK AppCDS, dynamic archive): the classes a
// Kafka broker loads at startup, parsed and verified once and then mapped by every broker, so a
// start costs 40% less CPU (bench:env; measured by hand on Kafka 3.9.1: 3.1 → 1.8 CPU-seconds to
// "Kafka Server started"). On a 2-core machine three brokers starting at once are CPU-bound.
//
// It is made once per Kafka jars, JDK and JVM heap/GC flags: a one-node broker starts in a temp
// directory with -XX:ArchiveClassesAtExit, and the JVM writes the archive when it exits after
// SIGTERM. The file is renamed into place only when complete. A JVM that cannot use an archive
// (another JDK build, a changed classpath) says so in its log and starts without it, so an
// archive can never stop a broker; making one that fails is a warning, never a failed run.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePorts, isListening } from '../util/ports.js';
import type { KafkaDistribution } from './kafka-distribution.js';
import { kafkaLoggingConfig } from './kafka-logging.js';
import { jarsFingerprint, oneNodeProperties } from './one-node-broker.js';

const run = promisify(execFile);

/** Heap and GC sized so three brokers, the harness and a SUT fit a 2-core machine (process runtime). */
export const BROKER_JVM_FLAGS: readonly string[] = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];

/** How long the archiving broker may take to listen, and then to exit and write the archive. */
const LISTEN_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 30_000;
/** Serving a moment after it listens loads the classes of its first requests' paths too. */
const SETTLE_MS = 2000;

/** Where the archive for these jars, this java and these JVM flags lives (it may not exist yet). */
export function cdsArchivePath(kafka: KafkaDistribution, javaBin: string, jvmFlags: readonly string[]): string {
  const java = fs.existsSync(javaBin) ? fs.realpathSync(javaBin) : javaBin;
  return path.join(kafka.libsDir, '..', 'cds', `broker-${jarsFingerprint(kafka, [java, ...jvmFlags])}.jsa`);
}

/**
 * The archive's path, made first when missing; undefined (with `warn` told why) when it could not
 * be made — brokers then start as they always did. Only for the cached Maven jars: a KAFKA_HOME
 * is the user's folder, and nothing is written beside it.
 */
export async function kafkaCdsArchive(
  kafka: KafkaDistribution,
  javaBin: string,
  jvmFlags: readonly string[] = BROKER_JVM_FLAGS,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string | undefined> {
  if (kafka.source !== 'maven') return undefined;
  const archive = cdsArchivePath(kafka, javaBin, jvmFlags);
  if (fs.existsSync(archive)) return archive;
  try {
    await makeArchive(kafka, javaBin, jvmFlags, archive);
    return archive;
  } catch (error) {
    warn(`kafka-chaos: brokers start without a class-data-sharing archive: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function makeArchive(kafka: KafkaDistribution, javaBin: string, jvmFlags: readonly string[], archive: string): Promise<void> {
  fs.mkdirSync(path.dirname(archive), { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-cds-'));
  const partial = `${archive}.partial-${process.pid}`;
  try {
    const ports = await freePorts(['client', 'controller']);
    const logging = kafkaLoggingConfig(kafka.logging);
    const loggingPath = path.join(work, logging.fileName);
    fs.writeFileSync(loggingPath, logging.contents);
    const propertiesPath = path.join(work, 'server.properties');
    fs.writeFileSync(propertiesPath, oneNodeProperties(path.join(work, 'data'), ports));
    const jvm = [...jvmFlags, logging.jvmFlag(loggingPath), '-cp', kafka.classpath];
    await run(javaBin, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', 'AAAAAAAAAAAAAAAAAAAAAA', '-c', propertiesPath], {
      timeout: LISTEN_TIMEOUT_MS,
    });
    const broker = spawn(javaBin, [...jvm, `-XX:ArchiveClassesAtExit=${partial}`, 'kafka.Kafka', propertiesPath], {
      stdio: ['ignore', fs.openSync(path.join(work, 'broker.log'), 'w'), fs.openSync(path.join(work, 'broker.log'), 'a')],
    });
    const exited = new Promise<number | null>((resolve) => broker.once('exit', (code) => resolve(code)));
    try {
      const listenBy = Date.now() + LISTEN_TIMEOUT_MS;
      while (!(await isListening(ports.client))) {
        if (broker.exitCode !== null) throw new Error(`the archiving broker exited ${broker.exitCode} before it listened`);
        if (Date.now() > listenBy) throw new Error(`the archiving broker did not listen within ${LISTEN_TIMEOUT_MS} ms`);
        await sleep(200);
      }
      await sleep(SETTLE_MS);
    } finally {
      broker.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(EXIT_TIMEOUT_MS).then(() => 'timeout' as const)]);
      if (code === 'timeout') broker.kill('SIGKILL');
    }
    if (!fs.existsSync(partial) || fs.statSync(partial).size === 0) throw new Error('the JVM wrote no archive when the broker exited');
    // Another run may have made one at the same time; either is as good.
    fs.renameSync(partial, archive);
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}
