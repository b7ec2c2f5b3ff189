// The scenario's nemesis log: every fault it injects, with the act that heals it. Each fault is
// written to the scenario's faults.jsonl when it takes effect and again when it heals (so a
// killed run still shows an open window), and the book can heal one fault, the faults matching
// a description, or everything still active — which the After hook does, so no fault outlives
// its scenario.

import type { ActiveFault, FaultLedger } from '../faults/fault-ledger.js';

export interface BookedFault {
  readonly fault: string;
  readonly subject: string;
  readonly params: Record<string, unknown>;
  readonly sinceMs: number;
  /** Undoes the fault and records its heal; a second call does nothing. */
  heal(): Promise<void>;
}

export class FaultBook {
  private readonly active: BookedFault[] = [];

  constructor(private readonly ledger: FaultLedger) {}

  /**
   * Runs `act`, then records the fault; `undo` is what heals it. If `act` fails, nothing is
   * recorded and `undo` is not owed.
   */
  async inject(
    fault: string,
    subject: string,
    params: Record<string, unknown>,
    act: () => Promise<unknown>,
    undo: () => Promise<unknown>,
  ): Promise<BookedFault> {
    await act();
    const record: ActiveFault = this.ledger.injected(fault, subject, params);
    let healing: Promise<void> | undefined;
    const booked: BookedFault = {
      fault,
      subject,
      params,
      sinceMs: Date.now(),
      heal: () => {
        healing ??= (async () => {
          await undo();
          record.healed();
          const at = this.active.indexOf(booked);
          if (at >= 0) this.active.splice(at, 1);
        })();
        return healing;
      },
    };
    this.active.push(booked);
    return booked;
  }

  /** A fault that acts and is over at once (a scale-out): a window of zero length on the timeline. */
  instant(fault: string, subject: string, params: Record<string, unknown> = {}): void {
    this.ledger.injected(fault, subject, params).healed();
  }

  find(predicate: (fault: BookedFault) => boolean): BookedFault[] {
    return this.active.filter(predicate);
  }

  list(): readonly BookedFault[] {
    return this.active;
  }

  /** Heals every matching fault, most recent first; every one is tried even when one fails. */
  async healWhere(predicate: (fault: BookedFault) => boolean): Promise<number> {
    const matching = this.active.filter(predicate).reverse();
    const errors: unknown[] = [];
    for (const fault of matching) {
      try {
        await fault.heal();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} faults could not be healed`);
    return matching.length;
  }

  healAll(): Promise<number> {
    return this.healWhere(() => true);
  }

  /** "target-down 4s, isolate-broker broker-2 12s" for the progress line. */
  describeActive(nowMs = Date.now()): string {
    if (this.active.length === 0) return 'none';
    return this.active.map((f) => `${f.fault} ${f.subject} ${Math.round((nowMs - f.sinceMs) / 1000)}s`).join(', ');
  }
}
