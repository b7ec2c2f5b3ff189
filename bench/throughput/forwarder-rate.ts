// bench:throughput, end to end: how fast the reference forwarder drains a backlog the harness
// producer wrote — one instance, from the log to 2xx answers in the recording target's ledger.
// The sustained rate is taken between 10% and 90% of the backlog delivered, so neither the
// group join nor the last partition's tail counts. The fast configuration drains it all; the
// one-record-at-a-time configuration (seed 000's) only for a fixed window, it being ~20× slower.

import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedEnvironment } from '../../src/environment/runtime.js';

export const FAST_FORWARDER_ENV = {
  FORWARDER_ON_ERROR: 'retry',
  FORWARDER_PARTITIONS_IN_FLIGHT: '6',
  FORWARDER_COMMIT_INTERVAL_MS: '1000',
  FORWARDER_COMMIT_EVERY: '500',
};

/** Counts 2xx lines appended to the target's ledger since it was created, reading only what is new. */
class LedgerTail {
  private offset = 0;
  private partial = '';
  delivered = 0;

  constructor(private readonly ledgerPath: string) {}

  poll(): number {
    const size = fs.existsSync(this.ledgerPath) ? fs.statSync(this.ledgerPath).size : 0;
    if (size <= this.offset) return this.delivered;
    const fd = fs.openSync(this.ledgerPath, 'r');
    try {
      const chunk = Buffer.alloc(size - this.offset);
      fs.readSync(fd, chunk, 0, chunk.length, this.offset);
      this.offset = size;
      const lines = (this.partial + chunk.toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        const status = (JSON.parse(line) as { status: number | null }).status;
        if (status !== null && status >= 200 && status < 300) this.delivered++;
      }
    } finally {
      fs.closeSync(fd);
    }
    return this.delivered;
  }
}

export interface DrainRate {
  perSecond: number;
  delivered: number;
  elapsedMs: number;
}

/**
 * Starts one instance on `topic` as a new group, and measures its 2xx rate: until `backlog`
 * deliveries (the rate between 10% and 90% of them), or for `windowMs` when given.
 */
export async function measureDrain(
  env: StartedEnvironment,
  topic: string,
  groupId: string,
  backlog: number,
  sutEnv: Record<string, string>,
  windowMs?: number,
): Promise<DrainRate> {
  const tail = new LedgerTail(env.target.ledgerPath);
  const base = tail.poll();
  const fleet = await env.startSut({ sut: 'forwarder', topic, groupId, instances: 1, env: sutEnv });
  try {
    const started = performance.now();
    const boundMs = (windowMs ?? 0) + 300_000;
    let at10: number | undefined;
    let at90: number | undefined;
    // A window opens at the first delivery, so the group join is not part of it.
    let window: { openedAt: number; deliveredBefore: number } | undefined;
    for (;;) {
      const delivered = tail.poll() - base;
      const now = performance.now();
      if (at10 === undefined && delivered >= backlog * 0.1) at10 = now;
      if (at90 === undefined && delivered >= backlog * 0.9) at90 = now;
      if (windowMs !== undefined && window === undefined && delivered > 0) window = { openedAt: now, deliveredBefore: delivered };
      if (window && windowMs !== undefined && now - window.openedAt >= windowMs) {
        const inWindow = delivered - window.deliveredBefore;
        return { perSecond: inWindow / ((now - window.openedAt) / 1000), delivered: inWindow, elapsedMs: now - window.openedAt };
      }
      if (windowMs === undefined && delivered >= backlog) break;
      if (now - started >= boundMs) throw new Error(`the forwarder delivered ${delivered} of ${backlog} within ${boundMs} ms`);
      await sleep(100);
    }
    return {
      perSecond: (backlog * 0.8) / (((at90 ?? 0) - (at10 ?? 0)) / 1000),
      delivered: backlog,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await fleet[Symbol.asyncDispose]();
  }
}
