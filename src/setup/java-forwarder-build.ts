// The Java reference forwarder (sut/java-forwarder, kafka-clients), compiled by `kafka-chaos setup`
// with the JDK's javac against the Kafka jars setup fetched, into the cache per digest of its
// source. Its command is known without building (javaForwarderCommand), so the config can name it;
// the SUT preflight reports a missing build with the fix (run setup) before any cluster starts.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FetchError, MissingToolError } from '../util/errors.js';
import { envVar } from './env-var.js';
import { findExecutable, isExecutableFile } from './find-executable.js';
import { DEFAULT_KAFKA_VERSION } from './kafka-distribution.js';
import { cacheDir as defaultCacheDir, packageRoot } from './project-paths.js';
import { outputLines, runTool } from './run-tool.js';
import { makeStagingDir } from './staging-dir.js';

export const JAVA_FORWARDER_SOURCE_DIR = path.join(packageRoot, 'sut', 'java-forwarder');
/** Its sources: the poll loop, its settings and its POST (compiled together). */
export const JAVA_FORWARDER_SOURCES = ['Forwarder.java', 'Settings.java', 'HttpPoster.java'];
/** The client jars it runs on: the default Kafka version's, whatever version a scenario's brokers run. */
export const JAVA_FORWARDER_KAFKA_VERSION = DEFAULT_KAFKA_VERSION;

/**
 * Its client logging, warnings and errors to stderr: Kafka 3.x's jars log through log4j 1.x
 * (reload4j), 4.x's through log4j2. Both files are passed; each backend reads only its own
 * property, so the same command and image work on either generation of jars.
 */
export const JAVA_FORWARDER_LOGGING_FILES = ['log4j.properties', 'log4j2.properties'];
export const JAVA_FORWARDER_LOGGING_FLAGS = (dir: string): string[] => [
  `-Dlog4j.configuration=file:${path.join(dir, 'log4j.properties')}`,
  `-Dlog4j2.configurationFile=${path.join(dir, 'log4j2.properties')}`,
];

/** Where the compiled classes of the current source live (they may not be built yet). */
export function javaForwarderClasses(cacheDir: string = defaultCacheDir()): string {
  // A package without the source gets a folder that is never built: the preflight says so.
  // The client jars' version too: classes compiled against one kafka-clients are not reused on another.
  const hash = crypto.createHash('sha256').update(`kafka-clients ${JAVA_FORWARDER_KAFKA_VERSION}\0`);
  for (const name of JAVA_FORWARDER_SOURCES) {
    const file = path.join(JAVA_FORWARDER_SOURCE_DIR, name);
    hash.update(`${name}\0`).update(fs.existsSync(file) ? fs.readFileSync(file) : `missing: ${file}`);
  }
  const digest = hash.digest('hex').slice(0, 12);
  return path.join(cacheDir, 'java-forwarder', digest, 'classes');
}

/** `java -cp <classes>:<kafka libs>/* Forwarder`, with its client logging configured. */
export function javaForwarderCommand(cacheDir: string = defaultCacheDir(), env: NodeJS.ProcessEnv = process.env): string[] {
  const kafkaHome = envVar(env, 'KAFKA_HOME');
  const libs = kafkaHome !== undefined ? path.join(kafkaHome, 'libs') : path.join(cacheDir, 'kafka', JAVA_FORWARDER_KAFKA_VERSION, 'libs');
  return [
    'java',
    '-cp',
    `${javaForwarderClasses(cacheDir)}${path.delimiter}${path.join(libs, '*')}`,
    ...JAVA_FORWARDER_LOGGING_FLAGS(JAVA_FORWARDER_SOURCE_DIR),
    'Forwarder',
  ];
}

/** javac beside the java that runs the brokers (a JDK), else on PATH; undefined on a bare JRE. */
function findJavac(javaBin: string, env: NodeJS.ProcessEnv): string | undefined {
  const beside = path.join(path.dirname(fs.realpathSync(javaBin)), 'javac');
  return isExecutableFile(beside) ? beside : findExecutable('javac', env);
}

export interface BuildJavaForwarderOptions {
  javaBin: string;
  /** The Kafka jars to compile against. */
  libsDir: string;
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** The compiled classes' folder, compiled first when this source has not been. */
export async function buildJavaForwarder(options: BuildJavaForwarderOptions): Promise<string> {
  const env = options.env ?? process.env;
  const classes = javaForwarderClasses(options.cacheDir ?? defaultCacheDir(env));
  if (fs.existsSync(path.join(classes, 'Forwarder.class'))) return classes;
  const javac = findJavac(options.javaBin, env);
  if (javac === undefined) {
    throw new MissingToolError('the Java reference forwarder cannot be compiled: no javac beside java or on PATH', {
      fix: 'install a JDK (not only a JRE), e.g. openjdk-17-jdk-headless',
    });
  }
  const dir = path.dirname(classes);
  fs.mkdirSync(dir, { recursive: true });
  const staging = await makeStagingDir(dir, 'build-');
  const logPath = path.join(dir, 'javac.log');
  try {
    options.log?.(`setup: the Java reference forwarder (kafka-clients): compiling with javac (log: ${logPath})`);
    const args = [
      '-cp',
      path.join(options.libsDir, '*'),
      '-d',
      staging,
      ...JAVA_FORWARDER_SOURCES.map((name) => path.join(JAVA_FORWARDER_SOURCE_DIR, name)),
    ];
    const result = await runTool(javac, args, { env, cwd: JAVA_FORWARDER_SOURCE_DIR, logFile: logPath });
    if (result.exitCode !== 0 || !fs.existsSync(path.join(staging, 'Forwarder.class'))) {
      const lines = outputLines(fs.readFileSync(logPath, 'utf8'));
      throw new FetchError(`could not compile the Java reference forwarder: ${lines[0] ?? 'no output'} (log: ${logPath})`, {
        fix: 'use JDK 17 or newer',
      });
    }
    await rename(staging, classes);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return classes;
}
