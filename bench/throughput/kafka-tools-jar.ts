// Kafka's ProducerPerformance lives in the kafka-tools jar, which a broker does not need and the
// setup's Kafka jars therefore leave out. bench:throughput fetches that one jar with Maven into
// the cache beside them (the rest of its classpath is the broker's libs), once.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findExecutable } from '../../src/setup/find-executable.js';

const MVN_TIMEOUT_MS = 300_000;

/** The path of kafka-tools-<version>.jar, fetched on first use. */
export function kafkaToolsJar(version: string, cacheRoot = path.join(os.homedir(), '.cache', 'kafka-chaos')): string {
  const dir = path.join(cacheRoot, 'kafka-tools', version);
  const jar = path.join(dir, `kafka-tools-${version}.jar`);
  if (fs.existsSync(jar)) return jar;
  const mvn = findExecutable('mvn', process.env);
  if (!mvn)
    throw new Error('bench:throughput needs Maven (mvn) to fetch kafka-tools for ProducerPerformance — install it (apt-get install maven)');
  fs.mkdirSync(dir, { recursive: true });
  const result = spawnSync(
    mvn,
    ['-B', '-q', 'dependency:copy', `-Dartifact=org.apache.kafka:kafka-tools:${version}`, `-DoutputDirectory=${dir}`],
    { encoding: 'utf8', timeout: MVN_TIMEOUT_MS, cwd: dir },
  );
  if (result.status !== 0 || !fs.existsSync(jar)) {
    throw new Error(
      `mvn could not fetch org.apache.kafka:kafka-tools:${version} within ${MVN_TIMEOUT_MS} ms: ${(result.stdout + result.stderr).trim().split('\n').slice(-2).join(' | ')}`,
    );
  }
  return jar;
}
