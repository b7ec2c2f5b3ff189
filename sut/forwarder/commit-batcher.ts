// Commits delivered records' offsets every FORWARDER_COMMIT_INTERVAL_MS instead of one by one,
// as most production consumers do (auto-commit intervals, Connect's offset.flush.interval.ms).
// Still at-least-once: only offsets of records that got a 2xx are ever held here. A crash loses
// the held ones, so up to an interval of records is delivered again — the duplicates a correct
// sink may have, each explained by the rewind that follows. On a rebalance the held offsets are
// dropped, never committed: the partition may belong to another member now, and committing it
// would move that member's position (kafkajs#1046).

import type { Consumer } from 'kafkajs';
import { warn } from './event-log.js';

export class CommitBatcher {
  private readonly held = new Map<string, { topic: string; partition: number; offset: string }>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly consumer: Consumer,
    readonly intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** Holds `next` (the offset after a delivered record) for the partition until the next flush. */
  hold(topic: string, partition: number, next: string): void {
    this.held.set(`${topic}\u0000${partition}`, { topic, partition, offset: next });
  }

  /** Commits every held offset at once; a failure is logged and the offsets dropped (redelivered). */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.held.size === 0) return;
    const offsets = [...this.held.values()];
    this.held.clear();
    this.flushing = this.consumer
      .commitOffsets(offsets)
      .catch((error: unknown) => {
        warn('batched commit failed; its records will be delivered again', {
          partitions: offsets.length,
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** The group rebalanced: what is held may no longer be this member's to commit. */
  drop(): void {
    this.held.clear();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
