// The harness's handle on a recording target process: its control API over HTTP, each call
// carrying the run's control secret (which no error message ever shows). Every call is bounded
// by a timeout, and every failure names the call and the port.

import { ConfigError, describeError, EnvironmentError, TimeoutError } from '../util/errors.js';
import { LOOPBACK } from '../util/ports.js';
import type { TargetState } from './control-api.js';
import type { TargetBehavior } from './target-behavior.js';

export interface TargetControlOptions {
  port: number;
  /** The run's control secret the target was started with. */
  secret: string;
  /** Where the control API answers: loopback for a local target, a container's address otherwise. */
  host?: string;
  timeoutMs?: number;
}

export class TargetControl {
  readonly controlPort: number;
  readonly host: string;
  readonly #secret: string;
  private readonly timeoutMs: number;

  constructor(options: TargetControlOptions) {
    this.controlPort = options.port;
    this.host = options.host ?? LOOPBACK;
    this.#secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  state(): Promise<TargetState> {
    return this.call('GET', '/state');
  }

  /** Takes the data listener down: new connections are refused, open ones destroyed. */
  down(): Promise<TargetState> {
    return this.call('POST', '/down');
  }

  up(): Promise<TargetState> {
    return this.call('POST', '/up');
  }

  /** Replaces the whole behaviour; fractions count afresh. */
  setBehavior(behavior: TargetBehavior): Promise<TargetState> {
    return this.call('PUT', '/behavior', behavior);
  }

  /** Normal behaviour, listening. */
  reset(): Promise<TargetState> {
    return this.call('POST', '/reset');
  }

  answerStatus(status: number, options: { fraction?: number; retryAfterSeconds?: number } = {}): Promise<TargetState> {
    return this.setBehavior({ status, ...options });
  }

  answerAfter(delayMs: number): Promise<TargetState> {
    return this.setBehavior({ delayMs });
  }

  dropConnections(options: { fraction?: number } = {}): Promise<TargetState> {
    return this.setBehavior({ drop: true, ...options });
  }

  private async call(method: string, path: string, body?: TargetBehavior): Promise<TargetState> {
    const what = `target control ${method} ${path} on ${this.host}:${this.controlPort}`;
    let status: number;
    let text: string;
    try {
      const response = await fetch(`http://${this.host}:${this.controlPort}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#secret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new TimeoutError(`${what} got no answer within ${this.timeoutMs} ms`, { cause: error });
      }
      // A refused or reset connection may be a target still starting: worth another try.
      throw new EnvironmentError(`${what} failed: ${describeError(error)}`, {
        cause: error,
        retriable: true,
        fix: 'check that the target process is running (see its log)',
      });
    }
    if (status === 200) return JSON.parse(text) as TargetState;
    const message = `${what} was refused with ${status}: ${errorMessage(text)}`;
    throw status === 400 ? new ConfigError(message) : new EnvironmentError(message);
  }
}

/** The control API's `{ error }`, or the raw text when the answer is not that. */
function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim();
}
