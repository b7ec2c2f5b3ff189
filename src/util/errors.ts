// Named error types, one family: every harness error is a ChaosError, which says what failed and
// how to fix it on one line, carries `retriable` and `cause` (kafkajs style), and a `kind` — whose
// failure it is — from which the CLI picks its exit code (src/cli/exit-codes.ts). Three direct
// subclasses set the kind: an EnvironmentError is the harness's or the machine's fault and must
// never be reported as a reliability failure of the system under test; a ReliabilityError is a
// verdict on the SUT; a UsageError is the user's command line, config or scenario.

export interface ChaosErrorOptions {
  /** What the user should do about it; appended to the message as "— fix: …". */
  fix?: string;
  retriable?: boolean;
  cause?: unknown;
}

/** Whose failure an error is; the exit code follows it (environment and usage: 2, reliability: 1). */
export type ErrorKind = 'environment' | 'reliability' | 'usage';

export class ChaosError extends Error {
  /**
   * A ChaosError that names no kind (one raised as a bare ChaosError, or a subclass not yet
   * under one of the three below) is the environment's: a harness error must never pass for a
   * verdict on the SUT.
   */
  readonly kind: ErrorKind = 'environment';
  readonly retriable: boolean;
  readonly fix: string | undefined;

  constructor(message: string, options: ChaosErrorOptions = {}) {
    super(options.fix ? `${message} — fix: ${options.fix}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.fix = options.fix;
  }
}

/** The environment (machine, tools, cluster, Docker, evidence) failed: not a verdict on the SUT. */
export class EnvironmentError extends ChaosError {
  override readonly kind: ErrorKind = 'environment';
}

/**
 * A claim about the system under test did not hold: the only kind that exits 1. Its subclass
 * ReliabilityAssertionError (src/scenario/failure-category.ts) is what a Then step throws.
 */
export class ReliabilityError extends ChaosError {
  override readonly kind: ErrorKind = 'reliability';
}

/** The user's command line, configuration or scenario cannot be used as written. */
export class UsageError extends ChaosError {
  override readonly kind: ErrorKind = 'usage';
}

/** A tool the harness needs (java, mvn, go, toxiproxy-server) is not installed. */
export class MissingToolError extends EnvironmentError {}

/** A download from a package registry failed. */
export class FetchError extends EnvironmentError {}

/** A listener could not bind because another process holds its port. */
export class PortInUseError extends EnvironmentError {}

/**
 * Something awaited did not happen in time (a broker, a proxy, a delivery). By itself that is
 * the environment's: a scenario that means a slow pipeline judges the verdict instead
 * (src/scenario/scenario-waits.ts turns its TimeoutError into a ReliabilityAssertionError).
 */
export class TimeoutError extends EnvironmentError {
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

/** The user's configuration (a flag, the config file, a scenario's wording) is invalid. */
export class ConfigError extends UsageError {}

/** One line, for a terminal: the message plus the first cause's message, if it adds anything. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message} (cause: ${cause})` : error.message;
}
