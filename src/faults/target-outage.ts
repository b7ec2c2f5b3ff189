// The HTTP target goes down — its listener closed, connections refused, as the seed's
// `docker stop httpserver` — and comes back; recorded in faults.jsonl under TARGET_DOWN_FAULT,
// the fault name the checker's commit-during-outage check reads.

import type { StartedTarget } from '../environment/runtime.js';
import { TARGET_DOWN_FAULT } from '../evidence/ledger-records.js';
import type { ActiveFault, FaultLedger } from './fault-ledger.js';

export class TargetOutage {
  private active: ActiveFault | undefined;

  constructor(
    private readonly target: StartedTarget,
    private readonly ledger: FaultLedger,
  ) {}

  async inject(): Promise<void> {
    await this.target.control.down();
    this.active = this.ledger.injected(TARGET_DOWN_FAULT, 'target');
  }

  async heal(): Promise<void> {
    await this.target.control.up();
    this.active?.healed();
    this.active = undefined;
  }
}
