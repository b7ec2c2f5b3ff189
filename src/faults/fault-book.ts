// The scenario's nemesis log: every fault it injects, with the act that heals it. A fault is
// written to faults.jsonl when it takes effect and again when it heals (so a killed run still
// shows an open window); the book heals one fault, the faults a predicate over kinds and
// subjects picks, or everything still active — which teardown does, so no fault outlives its
// scenario.

import type { ActiveFault, FaultLedger } from '../evidence/fault-ledger.js';
import { subjectLabel, type AnyFaultKind, type FaultContext, type FaultKind, type FaultLayer, type FaultSubject } from './fault-kind.js';

export interface BookedFault {
  readonly kind: AnyFaultKind;
  readonly params: object;
  readonly subject: FaultSubject;
  readonly sinceMs: number;
  /** Undoes the fault and records its heal; a second call does nothing. */
  heal(): Promise<void>;
}

export class FaultBook {
  private readonly active: BookedFault[] = [];

  constructor(private readonly ledger: FaultLedger) {}

  /**
   * Injects a fault of `kind` and records it. If the inject fails, nothing is recorded and no
   * heal is owed. A fault with a heal acts from when its inject returns; one without (a
   * scale-out, a rolling restart) is over when it returns, and its window is its inject's span.
   */
  async inject<Params extends object>(
    kind: FaultKind<Params>,
    params: Params,
    ctx: FaultContext,
    /** What the step knows about the subject that the kind does not, e.g. { role: 'group-coordinator' }. */
    annotations: Record<string, unknown> = {},
  ): Promise<BookedFault> {
    const subject = kind.subject(params);
    const startedAt = Date.now();
    const injected = await kind.inject(ctx, params);
    const since = injected.heal ? Date.now() : startedAt;
    const record: ActiveFault = this.ledger.injected(
      kind.name,
      subjectLabel(subject),
      { ...params, ...injected.details, ...annotations },
      since,
    );
    let healing: Promise<void> | undefined;
    const booked: BookedFault = {
      kind: kind,
      params,
      subject,
      sinceMs: since,
      heal: () => {
        healing ??= (async () => {
          await injected.heal?.();
          record.healed();
          const at = this.active.indexOf(booked);
          if (at >= 0) this.active.splice(at, 1);
        })();
        return healing;
      },
    };
    if (injected.heal) this.active.push(booked);
    else record.healed();
    return booked;
  }

  /** The active faults, oldest first. */
  list(): readonly BookedFault[] {
    return this.active;
  }

  /** Whether a fault acts on one of `layers` now. */
  actsOn(...layers: FaultLayer[]): boolean {
    return this.active.some((f) => layers.includes(f.kind.layer));
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

  /** Heals the active faults of the given kinds whose subject passes `subject` (default: any). */
  healKinds(kinds: ReadonlyArray<AnyFaultKind>, subject: (s: FaultSubject) => boolean = () => true): Promise<number> {
    return this.healWhere((f) => kinds.includes(f.kind) && subject(f.subject));
  }

  healAll(): Promise<number> {
    return this.healWhere(() => true);
  }

  /** "target-down target 4s, isolate-broker broker-2 12s" for the progress line. */
  describeActive(nowMs = Date.now()): string {
    if (this.active.length === 0) return 'none';
    return this.active.map((f) => `${f.kind.name} ${subjectLabel(f.subject)} ${Math.round((nowMs - f.sinceMs) / 1000)}s`).join(', ');
  }
}
