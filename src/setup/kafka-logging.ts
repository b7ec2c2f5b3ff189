// The broker's logging configuration. Brokers log to stdout only: the runtime captures each
// broker's stdout into its own log file, so a file appender here would just duplicate it.
// Kafka 3.x logs through log4j 1.x (reload4j); Kafka 4.x through log4j2.

export type KafkaLogging = 'log4j1' | 'log4j2';

export interface KafkaLoggingConfig {
  /** The name to write `contents` under, next to the broker's other config files. */
  fileName: string;
  contents: string;
  /** The JVM system property that points the logging backend at the written file. */
  jvmFlag: (path: string) => string;
}

/** Kafka's own layout, so broker lines look like those from a stock distribution. */
const PATTERN = '[%d] %p %m (%c)%n';

/** The logging generation of a Kafka version: 4.0 replaced log4j 1.x with log4j2. */
export function kafkaLoggingFor(version: string): KafkaLogging {
  return Number.parseInt(version, 10) >= 4 ? 'log4j2' : 'log4j1';
}

export function kafkaLoggingConfig(logging: KafkaLogging): KafkaLoggingConfig {
  if (logging === 'log4j1') {
    return {
      fileName: 'log4j.properties',
      contents: [
        'log4j.rootLogger=INFO, stdout',
        'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
        'log4j.appender.stdout.Target=System.out',
        'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
        `log4j.appender.stdout.layout.ConversionPattern=${PATTERN}`,
        // As in Kafka's shipped config: per-request logging would drown everything else.
        'log4j.logger.kafka.request.logger=WARN',
        '',
      ].join('\n'),
      jvmFlag: (path) => `-Dlog4j.configuration=file:${path}`,
    };
  }
  // Properties rather than Kafka's shipped YAML: YAML would need jackson-dataformat-yaml on the classpath.
  return {
    fileName: 'log4j2.properties',
    contents: [
      'status = warn',
      'name = kafka-chaos-broker',
      'appender.stdout.type = Console',
      'appender.stdout.name = STDOUT',
      'appender.stdout.target = SYSTEM_OUT',
      'appender.stdout.layout.type = PatternLayout',
      `appender.stdout.layout.pattern = ${PATTERN}`,
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.stdout.ref = STDOUT',
      'logger.request.name = kafka.request.logger',
      'logger.request.level = WARN',
      '',
    ].join('\n'),
    jvmFlag: (path) => `-Dlog4j2.configurationFile=${path}`,
  };
}
