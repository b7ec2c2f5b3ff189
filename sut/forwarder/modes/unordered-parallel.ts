// FORWARDER_MODE=unordered-parallel, a broken mode: the "make it faster" bug. Each fetched batch
// is posted all at once — `Promise.all(batch.messages.map(post))` — and its offset committed
// only when every record of it has a 2xx. Nothing is lost and no commit is unsafe (still
// at-least-once), but the records of one partition reach the server in whatever order their
// requests happen to finish: a per-partition ordering violation, which the checker's `order`
// check must catch. A small random delay before each POST stands in for the uneven latency of a
// real network, so the reordering shows on a loopback target as it would in production.

import type { EachBatchPayload } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ForwarderConfig } from '../forwarder-config.js';
import type { Drive, RecordProcessor } from '../record-processor.js';
import { batchDrive } from './batch-drive.js';

export function unorderedParallel(processor: RecordProcessor, config: ForwarderConfig): Drive {
  const jitterMs = config.parallelJitterMs;
  return batchDrive(processor, (payload) => postBatchConcurrently(processor, jitterMs, payload));
}

async function postBatchConcurrently(processor: RecordProcessor, jitterMs: number, { batch, heartbeat }: EachBatchPayload): Promise<void> {
  const { topic, partition, messages } = batch;
  const last = messages[messages.length - 1];
  if (!last) return;
  const results = await Promise.allSettled(
    messages.map(async (message) => {
      await sleep(Math.floor(Math.random() * jitterMs));
      const refused = processor.refusal(); // stopped or shutting down meanwhile: not even tried
      if (refused) throw refused;
      return processor.settle({ topic, partition, offset: message.offset }, message, heartbeat);
    }),
  );
  // Any record left undelivered (stopped, shutting down, rebalanced) leaves the whole batch
  // uncommitted: its delivered records come again, a duplicate rather than a loss.
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  await processor.commit(topic, partition, last.offset);
}
