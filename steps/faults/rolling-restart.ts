// A rolling restart of the brokers, as an operator upgrades a cluster: one broker at a time is
// stopped cleanly (controlled shutdown: its leaderships move first), started again, and waited
// for until it is registered and every partition's replicas are back in sync — only then the
// next. With replication factor 3 and min in-sync 2, a correct pipeline loses nothing and
// refuses no acks=all send throughout; what it must survive is leadership moving under it N times.

import { setTimeout as sleep } from 'node:timers/promises';
import { underReplicated } from '../../src/environment/kafka-clients.js';
import { BROKER_WAIT_MS } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import { waitFor } from '../../src/util/wait-for.js';
import { defineStep } from '../support/define-step.js';

/** How long one broker may take to catch its replicas up after its restart. */
const IN_SYNC_WAIT_MS = 120_000;

export const rollingRestart = defineFault<{ pauseBetweenMs?: number }>({
  name: 'rolling-restart',
  layer: 'broker',
  summary: 'each broker in turn stopped cleanly, started, and waited for back in every ISR before the next',
  subject: () => ({ on: 'cluster' }),
  async inject({ env, admin }, { pauseBetweenMs = 0 }) {
    const restarts: Array<{ broker: number; stoppedAt: number; inSyncAt: number }> = [];
    for (const id of env.cluster.ids) {
      const broker = env.cluster.broker(id);
      const stoppedAt = Date.now();
      await broker.stop();
      await broker.start();
      await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
      let lagging: string[] = [];
      await waitFor(async () => (lagging = await underReplicated(admin)).length === 0, {
        what: () => `every replica in sync after broker ${id}'s restart (${lagging.slice(0, 3).join('; ')})`,
        timeoutMs: IN_SYNC_WAIT_MS,
        intervalMs: 500,
      });
      restarts.push({ broker: id, stoppedAt, inSyncAt: Date.now() });
      if (id !== env.cluster.ids[env.cluster.ids.length - 1]) await sleep(pauseBetweenMs);
    }
    // Over when it returns: no heal owed. Its window in faults.jsonl spans the whole restart.
    return { details: { restarts } };
  },
  example: () => ({}),
});

defineStep(
  {
    id: 'rollingRestart',
    kind: 'fault',
    pattern: 'the brokers are restarted one at a time',
    example: 'the brokers are restarted one at a time',
    summary: 'a rolling restart: each broker stopped cleanly, started, and back in every ISR before the next',
  },
  async function () {
    await injectFault(this.session, rollingRestart, {});
  },
);

defineStep(
  {
    id: 'rollingRestartApart',
    kind: 'fault',
    pattern: 'the brokers are restarted one at a time, {duration} apart',
    example: 'the brokers are restarted one at a time, 10 seconds apart',
    summary: 'the same, waiting D between one broker back in sync and the next stopped',
  },
  async function (pauseBetweenMs: number) {
    await injectFault(this.session, rollingRestart, { pauseBetweenMs });
  },
);
