// `kafka-chaos setup`: makes sure java, the Kafka jars, toxiproxy-server and the Go, Java and Python forwarders are all present,
// fetching what is missing. Cheap when everything is cached, so it can run before every test run.

import { type JavaInstallation, resolveJava } from './java.js';
import { DEFAULT_KAFKA_VERSION, type KafkaDistribution, requiredJavaMajor, resolveKafka } from './kafka-distribution.js';
import { BROKER_JVM_FLAGS, kafkaCdsArchive } from './kafka-cds-archive.js';
import { kafkaFormatTemplate } from './kafka-format-template.js';
import { cacheDir } from './project-paths.js';
import { EnvironmentError } from '../util/errors.js';
import { resolveGoForwarder } from './go-forwarder-binary.js';
import { buildJavaForwarder, JAVA_FORWARDER_KAFKA_VERSION } from './java-forwarder-build.js';
import { resolveToxiproxy, type ToxiproxyBinary } from './toxiproxy-binary.js';
import { ensurePythonVenv } from './python-venv.js';
import path from 'node:path';

export interface SetupOptions {
  kafkaVersion?: string;
  /** No progress lines at all (errors are still thrown). */
  quiet?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface SetupResult {
  java: JavaInstallation;
  kafka: KafkaDistribution;
  toxiproxy: ToxiproxyBinary;
  /** The Go reference forwarder's binary; undefined when it could not be built (said on stderr). */
  goForwarder: string | undefined;
  /** The Java reference forwarder's classes; undefined when not built (said). */
  javaForwarder: string | undefined;
  /** The Python reference forwarder's venv python; undefined when it could not be made (said). */
  pythonForwarder: string | undefined;
  /** The brokers' class-data-sharing archive; undefined when it could not be made (said). */
  cdsArchive: string | undefined;
  /** The formatted-log-directory template; undefined when it could not be made (said). */
  formatTemplate: string | undefined;
}

export async function runSetup(options: SetupOptions = {}): Promise<SetupResult> {
  const env = options.env ?? process.env;
  const log = options.quiet ? undefined : (options.log ?? ((line: string) => console.log(line)));
  const cache = cacheDir(env);

  // Java first: mvn needs it too, and its error is the clearest place to start.
  const java = await resolveJava(env, requiredJavaMajor(options.kafkaVersion ?? DEFAULT_KAFKA_VERSION));
  log?.(`setup: java ${java.majorVersion} at ${java.javaBin}`);

  const kafka = await resolveKafka({ version: options.kafkaVersion, cacheDir: cache, env, log });
  // A KAFKA_HOME can hold another version than the one asked for; re-check Java against what is really there.
  if (requiredJavaMajor(kafka.version) > java.majorVersion) await resolveJava(env, requiredJavaMajor(kafka.version));
  log?.(
    kafka.source === 'KAFKA_HOME'
      ? `setup: Kafka ${kafka.version} jars: from KAFKA_HOME at ${kafka.libsDir}`
      : `setup: Kafka ${kafka.version} jars: cached at ${kafka.libsDir}`,
  );

  // The brokers' class-data-sharing archive, so that no cluster start pays for making it.
  const cdsArchive = await kafkaCdsArchive(kafka, java.javaBin);
  if (cdsArchive) log?.(`setup: broker class-data-sharing archive at ${cdsArchive}`);
  const formatTemplate = await kafkaFormatTemplate(kafka, java.javaBin, BROKER_JVM_FLAGS);
  if (formatTemplate) log?.(`setup: brokers' storage formatted from ${formatTemplate}`);

  const toxiproxy = await resolveToxiproxy({ cacheDir: cache, env, log });
  const where = { TOXIPROXY_BIN: 'from TOXIPROXY_BIN', PATH: 'from PATH', built: 'built' }[toxiproxy.source];
  log?.(`setup: toxiproxy-server ${toxiproxy.version}: ${where} at ${toxiproxy.bin}`);

  // With the same Go: a scenario naming the Go forwarder finds it built. Only such a scenario
  // needs it (its preflight says so when it is missing), so a Go too old for franz-go is a
  // warning here, not a reason to refuse every other run.
  let goForwarder: string | undefined;
  try {
    goForwarder = await resolveGoForwarder({ cacheDir: cache, env, log });
    log?.(`setup: go-forwarder: built at ${goForwarder}`);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    process.stderr.write(`setup: warning: the Go reference forwarder (go-forwarder) is not available: ${error.message}\n`);
  }

  // The Java forwarder runs on the default Kafka version's client jars (they talk to 3.x and 4.x
  // brokers alike): compiled when those are the jars this setup fetched.
  let javaForwarder: string | undefined;
  if (kafka.version === JAVA_FORWARDER_KAFKA_VERSION) {
    try {
      javaForwarder = await buildJavaForwarder({ javaBin: java.javaBin, libsDir: kafka.libsDir, cacheDir: cache, env, log });
      log?.(`setup: java-forwarder: compiled at ${javaForwarder}`);
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      process.stderr.write(`setup: warning: the Java reference forwarder (java-forwarder) is not available: ${error.message}\n`);
    }
  } else {
    log?.(
      `setup: java-forwarder: runs on Kafka ${JAVA_FORWARDER_KAFKA_VERSION}'s client jars; \`kafka-chaos setup --kafka-version ${JAVA_FORWARDER_KAFKA_VERSION}\` builds it`,
    );
  }

  // The Python forwarder's venv (confluent-kafka's wheel bundles librdkafka: no compiler). Only a
  // scenario naming it needs it, so a missing python3 or venv module is a warning, as for Go.
  let pythonForwarder: string | undefined;
  try {
    pythonForwarder = await ensurePythonVenv();
    log?.(`setup: python-forwarder: venv at ${path.dirname(path.dirname(pythonForwarder))}`);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    process.stderr.write(`setup: warning: the Python reference forwarder (python-forwarder) is not available: ${error.message}\n`);
  }

  return { java, kafka, toxiproxy, goForwarder, javaForwarder, pythonForwarder, cdsArchive, formatTemplate };
}
