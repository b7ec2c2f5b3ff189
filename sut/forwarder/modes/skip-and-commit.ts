// What the two "move on" broken modes, ignore-errors and skip-after-retries, share: a record whose
// delivery they give up on is logged, skipped and committed anyway, as if it had been delivered.
// The server never gets it, and nothing will deliver it again: the check `lost` must fail. Only
// when to give up differs, and each mode's file says it.

import { outcome, type Drive, type FailurePolicy, type RecordPosition, type RecordProcessor } from '../record-processor.js';
import type { DeliveryResult } from '../http-delivery.js';
import { emit } from '../event-log.js';

const SKIP_LOG_INTERVAL_MS = 1000;

/** The policy's way out of settle; caught before kafkajs could see it, so never logged by it. */
class RecordSkipped extends Error {}

/**
 * An eachMessage that retries a failed record (whatever FORWARDER_ON_ERROR says) until
 * `givesUp(attempt)`, then skips it; either way the record's offset is committed.
 */
export function skipAndCommit(processor: RecordProcessor, givesUp: (attempt: number) => boolean): Drive {
  let skippedRecords = 0;
  let lastSkipLog = 0;

  // One event for the first skip and then at most one a second, with the running total.
  const noteSkipped = (where: RecordPosition, attempts: number, result: DeliveryResult): void => {
    skippedRecords++;
    const now = Date.now();
    if (now - lastSkipLog < SKIP_LOG_INTERVAL_MS) return;
    lastSkipLog = now;
    emit('record-skipped', { ...where, attempts, ...outcome(result), skippedSoFar: skippedRecords });
  };

  const skipWhenGivenUp: FailurePolicy = (where, attempt, result) => {
    if (!givesUp(attempt)) return 'retry';
    noteSkipped(where, attempt, result);
    throw new RecordSkipped();
  };

  return {
    autoCommit: false,
    eachMessage: processor.eachMessageWith(async ({ topic, partition, message, heartbeat }) => {
      try {
        await processor.settle({ topic, partition, offset: message.offset }, message, heartbeat, skipWhenGivenUp);
      } catch (error) {
        if (!(error instanceof RecordSkipped)) throw error;
      }
      await processor.commit(topic, partition, message.offset);
    }),
  };
}
