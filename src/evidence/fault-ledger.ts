// faults.jsonl: every fault with its heal. The injection is written and flushed at once, the heal
// appended under the same id when it comes — so a runner killed mid-fault still leaves the
// fault on disk, as a window that never closed (healedAt null).

import { JsonlWriter } from './jsonl-writer.js';
import { LEDGER_FILES, type FaultRecord } from './ledger-records.js';

export interface ActiveFault {
  /** Marks the fault healed now and writes that. */
  healed(): void;
}

export class FaultLedger {
  private readonly writer: JsonlWriter<FaultRecord>;
  private count = 0;

  constructor(runDir: { file(name: string): string }) {
    this.writer = new JsonlWriter<FaultRecord>(runDir.file(LEDGER_FILES.faults));
  }

  /** Records a fault acting since `atMs` (default now: when its act took effect). */
  injected(fault: string, subject: string, params: Record<string, unknown> = {}, atMs = Date.now()): ActiveFault {
    const record: FaultRecord = { id: `${fault}-${++this.count}`, fault, subject, params, injectedAt: atMs, healedAt: null };
    this.write(record);
    let healed = false;
    return {
      healed: () => {
        if (healed) return;
        healed = true;
        this.write({ ...record, healedAt: Date.now() });
      },
    };
  }

  close(): void {
    this.writer.close();
  }

  private write(record: FaultRecord): void {
    this.writer.append(record);
    this.writer.flush(); // a fault is rare and must survive a crash the moment after
  }
}
