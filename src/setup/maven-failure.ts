// Turns a failed `mvn dependency:copy-dependencies` run into one line that says what went wrong:
// a Kafka version that was never released, an unreachable Maven Central, or anything else.

import { ChaosError, ConfigError, FetchError } from '../util/errors.js';
import { outputLines } from './run-tool.js';

const NOT_FOUND = [/Could not find artifact/i, /was not found in/i, /Failure to find/i];
const NETWORK = [
  /Could not transfer/i,
  /Connection refused/i,
  /Unknown host/i,
  /timed out/i,
  /Network is unreachable/i,
  /No route to host/i,
  /Temporary failure in name resolution/i,
  /Name or service not known/i,
];

export function kafkaCoordinates(version: string): string {
  return `org.apache.kafka:kafka_2.13:${version}`;
}

/** Drops Maven's "[ERROR]" prefix and "-> [Help 1]" suffix, which add nothing on one line. */
function stripMavenDecoration(line: string): string {
  return line
    .replace(/^\[(?:ERROR|WARNING|INFO)\]\s*/, '')
    .replace(/\s*->\s*\[Help \d+\]\s*$/, '')
    .trim();
}

/**
 * The shortest line that still says why a transfer failed. Maven nests causes as
 * "Plugin … could not be resolved: Failed to read …: Could not transfer artifact A from/to R (url):
 * transfer failed for …: Connect to … failed: Connection refused"; the artifact and repository
 * (first part from "Could not transfer") and the root cause (last part) are what matter.
 */
export function networkReason(line: string): string {
  const stripped = stripMavenDecoration(line);
  const start = stripped.indexOf('Could not transfer');
  const fromTransfer = start >= 0 ? stripped.slice(start) : stripped;
  const parts = fromTransfer.split(': ');
  return parts.length > 2 ? `${parts[0]}: ${parts[parts.length - 1]}` : fromTransfer;
}

/** The error for a failed Maven fetch of Kafka `version`, given the text of mvn.log. */
export function mavenFailureError(logText: string, version: string, logPath: string): ChaosError {
  const coordinates = kafkaCoordinates(version);
  const lines = outputLines(logText);
  // A missing transitive dependency is not "this Kafka version does not exist": only a line that
  // names kafka_2.13 at the requested version counts as not-found.
  const kafkaMissing = lines.some(
    (line) =>
      line.includes('org.apache.kafka:kafka_2.13:') && line.includes(`:${version}`) && NOT_FOUND.some((pattern) => pattern.test(line)),
  );
  if (kafkaMissing) {
    return new ConfigError(`Kafka version ${version} is not on Maven Central (${coordinates})`, {
      fix: 'set kafka.version to a released version such as 3.9.1 or 4.1.1',
    });
  }
  const networkLine = lines.find((line) => NETWORK.some((pattern) => pattern.test(line)));
  if (networkLine !== undefined) {
    return new FetchError(`could not download ${coordinates} from Maven Central: ${networkReason(networkLine)}`, {
      fix: 'check the network or the proxy/mirror in ~/.m2/settings.xml, or set KAFKA_HOME',
      retriable: true,
    });
  }
  const firstError = lines
    .filter((line) => line.startsWith('[ERROR]'))
    .map(stripMavenDecoration)
    .find((line) => line !== '');
  const reason = firstError === undefined ? '' : `: ${firstError}`;
  return new FetchError(`mvn could not fetch ${coordinates}${reason} (log: ${logPath})`, {
    fix: `read ${logPath}, correct the cause and run setup again, or set KAFKA_HOME`,
  });
}
