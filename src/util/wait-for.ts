// The one polling helper: every wait in the harness is bounded and says what it awaited.

import { setTimeout as sleep } from 'node:timers/promises';
import { ChaosError, ProbeFailedError, TimeoutError } from './errors.js';

export interface WaitForOptions {
  /** What is awaited, in words: it becomes the timeout error's message (a function is asked at timeout). */
  what: string | (() => string);
  timeoutMs: number;
  intervalMs?: number;
  /** Appended to the timeout message, e.g. "see logs/broker-1.log". */
  hint?: string;
  /** Aborts the wait early (Ctrl-C, a process that exited). */
  signal?: AbortSignal;
}

/**
 * Polls `probe` until it returns a value other than `undefined`/`false`, and returns it.
 * A probe that throws counts as "not yet"; its last error becomes the timeout's cause — except a
 * ChaosError that is not retriable (a process that exited), which ends the wait at once.
 * At the deadline: a TimeoutError when the last probe saw the condition false; a ProbeFailedError
 * (also a TimeoutError, for callers that only bound a wait) when the last probe could not look at
 * all — a wait whose outcome is a finding must not mistake "could not tell" for "did not happen".
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, options: WaitForOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 250;
  let lastError: unknown;
  let lastProbeFailed: boolean;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const value = await probe();
      lastProbeFailed = false;
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof ChaosError && !error.retriable) throw error;
      lastError = error;
      lastProbeFailed = true;
    }
    if (Date.now() >= deadline) {
      const hint = options.hint ? `; ${options.hint}` : '';
      const what = typeof options.what === 'function' ? options.what() : options.what;
      const message = `timed out after ${options.timeoutMs} ms waiting for ${what}${hint}`;
      if (lastProbeFailed)
        throw new ProbeFailedError(`${message}; the last check failed: ${describeCause(lastError)}`, { cause: lastError });
      throw new TimeoutError(message, { cause: lastError });
    }
    await sleep(Math.min(intervalMs, Math.max(1, deadline - Date.now())), undefined, { signal: options.signal });
  }
}

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `action` until it succeeds, at most `attempts` times, with a fixed pause between tries. */
export async function retry<T>(action: () => Promise<T>, options: { what: string; attempts: number; delayMs: number }): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return await action();
    } catch (error) {
      lastError = error;
      if (attempt < options.attempts) await sleep(options.delayMs);
    }
  }
  throw new TimeoutError(`${options.what} failed after ${options.attempts} attempts`, { cause: lastError });
}
