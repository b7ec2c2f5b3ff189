// A live status line during a long wait — "delivered 812/1500 · lag 688 · faults: target-down 4s".
// On a terminal it rewrites one line in place about once a second; elsewhere (CI logs) it
// prints a plain line every `periodMs`, so a log shows the wait moving without flooding.

import { describeError } from '../util/errors.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  output?: ProgressOutput;
  /** How often a terminal line is redrawn. */
  ttyIntervalMs?: number;
  /** How often a plain line is printed when the output is not a terminal. */
  periodMs?: number;
}

/** Shows `render()`'s line while `work` runs; the line is cleared (terminal) when it settles. */
export async function withProgress<T>(
  label: string,
  render: () => Promise<string>,
  work: Promise<T>,
  options: ProgressOptions = {},
): Promise<T> {
  const output = options.output ?? process.stderr;
  const tty = output.isTTY === true;
  const intervalMs = tty ? (options.ttyIntervalMs ?? 1000) : (options.periodMs ?? 10_000);
  const started = Date.now();
  let drawing = false;
  let drawn = false;
  const draw = async () => {
    if (drawing) return; // a slow render (a busy broker) must not pile up
    drawing = true;
    let text: string;
    try {
      text = await render();
    } catch (error) {
      text = `(progress unavailable: ${describeError(error)})`;
    } finally {
      drawing = false;
    }
    const line = `  … ${label} ${Math.round((Date.now() - started) / 1000)}s · ${text}`;
    if (tty) {
      const columns = (output as { columns?: number }).columns ?? 120;
      output.write(`\r\x1b[K${line.slice(0, Math.max(20, columns - 1))}`);
      drawn = true;
    } else {
      output.write(`${line}\n`);
    }
  };
  const timer = setInterval(() => void draw(), intervalMs);
  timer.unref();
  try {
    return await work;
  } finally {
    clearInterval(timer);
    if (tty && drawn) output.write('\r\x1b[K');
  }
}

/** "4s", "1m05s". */
export function formatSeconds(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
