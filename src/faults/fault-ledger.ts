// faults.jsonl: every fault with its heal. A fault is recorded when it heals — or, if the run
// ends first, as still active (healedAt null) — so the checker knows each outage window.

import { JsonlWriter } from '../evidence/jsonl-writer.js';
import { LEDGER_FILES, type FaultRecord } from '../evidence/ledger-records.js';

export interface ActiveFault {
  /** Marks the fault healed now and writes its record. */
  healed(): void;
}

export class FaultLedger {
  private readonly writer: JsonlWriter<FaultRecord>;
  private readonly active = new Set<FaultRecord>();

  constructor(runDir: { file(name: string): string }) {
    this.writer = new JsonlWriter<FaultRecord>(runDir.file(LEDGER_FILES.faults));
  }

  injected(fault: string, subject: string, params: Record<string, unknown> = {}): ActiveFault {
    const record: FaultRecord = { fault, subject, params, injectedAt: Date.now(), healedAt: null };
    this.active.add(record);
    return {
      healed: () => {
        if (!this.active.delete(record)) return;
        this.writer.append({ ...record, healedAt: Date.now() });
        this.writer.flush();
      },
    };
  }

  /** Writes the faults still active (never healed) and closes the ledger. */
  close(): void {
    for (const record of this.active) this.writer.append(record);
    this.active.clear();
    this.writer.close();
  }
}
