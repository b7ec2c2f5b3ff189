// Named error types. Every error says what failed and how to fix it, on one line, and
// carries `retriable` and `cause` (kafkajs style). An EnvironmentError is the harness's or the
// machine's fault — it must never be reported as a reliability failure of the system under test.

export interface ChaosErrorOptions {
  /** What the user should do about it; appended to the message as "— fix: …". */
  fix?: string;
  retriable?: boolean;
  cause?: unknown;
}

export class ChaosError extends Error {
  readonly retriable: boolean;
  readonly fix: string | undefined;

  constructor(message: string, options: ChaosErrorOptions = {}) {
    super(options.fix ? `${message} — fix: ${options.fix}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.fix = options.fix;
  }
}

/** The environment (machine, tools, cluster, Docker) failed: not a verdict on the SUT. */
export class EnvironmentError extends ChaosError {}

/** A tool the harness needs (java, mvn, go, toxiproxy-server) is not installed. */
export class MissingToolError extends EnvironmentError {}

/** A download from a package registry failed. */
export class FetchError extends EnvironmentError {}

/** A listener could not bind because another process holds its port. */
export class PortInUseError extends EnvironmentError {}

/** Something awaited did not happen in time (a broker, a proxy, a delivery). */
export class TimeoutError extends ChaosError {
  constructor(message: string, options: ChaosErrorOptions = {}) {
    super(message, { retriable: true, ...options });
  }
}

/**
 * A bounded wait ended while its probe could not look (a broker refused the admin call, a file
 * could not be read): nothing was observed, so it is the environment's failure, not a finding.
 */
export class ProbeFailedError extends TimeoutError {}

/** A started process exited while it was expected to keep running. */
export class ProcessExitedError extends EnvironmentError {}

/** The user's configuration is invalid. */
export class ConfigError extends ChaosError {}

/** One line, for a terminal: the message plus the first cause's message, if it adds anything. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message} (cause: ${cause})` : error.message;
}
