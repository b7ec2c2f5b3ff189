// events.jsonl: what happened to the system under test and the scenario, as it happened —
// SUT instances started, stopped, killed, paused, exited on their own. The checker reads these
// to attribute a duplicate to a rewind (a restart re-reads from the last commit).

import { JsonlWriter } from './jsonl-writer.js';
import { LEDGER_FILES, type EventRecord } from './ledger-records.js';

export class EventLedger {
  private readonly writer: JsonlWriter<EventRecord>;
  private closed = false;

  constructor(runDir: { file(name: string): string }) {
    this.writer = new JsonlWriter<EventRecord>(runDir.file(LEDGER_FILES.events));
  }

  /** Appends and flushes an event; after close (a process exiting late) it is dropped. */
  record(kind: string, subject?: string, detail?: Record<string, unknown>): void {
    if (this.closed) return;
    this.writer.append({ at: Date.now(), kind, subject, detail });
    this.writer.flush(); // rare, and needed by the verdict even when the runner dies next
  }

  close(): void {
    this.closed = true;
    this.writer.close();
  }
}
