// An append-only JSON-lines ledger. Appends are buffered and flushed at least every
// `flushIntervalMs` (200 ms by default), on flush(), and on close: a crash loses at most the
// last fraction of a second and leaves at most one torn last line, which readers skip.

import fs from 'node:fs';
import path from 'node:path';

export interface JsonlWriterOptions {
  flushIntervalMs?: number;
}

/** Every open ledger, flushed by one exit hook (a listener each would trip Node's leak warning). */
const openWriters = new Set<JsonlWriter<never>>();
let exitHookInstalled = false;

function flushAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => openWriters.forEach((writer) => writer.flush()));
}

export class JsonlWriter<T = unknown> {
  readonly path: string;
  private readonly fd: number;
  private pending: string[] = [];
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(filePath: string, options: JsonlWriterOptions = {}) {
    this.path = filePath;
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.fd = fs.openSync(filePath, 'a');
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
    openWriters.add(this as JsonlWriter<never>);
    flushAllOnExit();
  }

  append(record: T): void {
    if (this.closed) throw new Error(`ledger ${this.path} is closed; cannot append`);
    this.pending.push(JSON.stringify(record) + '\n');
  }

  /** Writes everything appended so far to the file (synchronously, so it survives a crash after). */
  flush(): void {
    if (this.pending.length === 0 || this.closed) return;
    const chunk = this.pending.join('');
    this.pending = [];
    fs.writeSync(this.fd, chunk);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    openWriters.delete(this as JsonlWriter<never>);
    fs.closeSync(this.fd);
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
