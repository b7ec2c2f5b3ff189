// FORWARDER_MODE=ignore-commit-failure, a broken mode: a commit that fails because the group moved
// on is logged and ignored. Each fetched batch is delivered and committed record by record; the
// only sign of ownership it heeds would be its commits, and it ignores them: after a rebalance
// took the partition (the member was frozen past its session timeout), the first commit fails
// for the old generation, and the batch goes on — posting records the new owner is delivering
// too, and committing later offsets that fail in turn. Nothing is lost and no commit lands
// unsafely; the deliveries after the partition moved follow no rewind: `duplicates-explained` fails.

import type { EachBatchPayload } from 'kafkajs';
import { warn } from '../event-log.js';
import type { Drive, RecordProcessor } from '../record-processor.js';
import { batchDrive } from './batch-drive.js';

// It relies on its commits to learn that the group changed, so it sends no heartbeat of its own.
const commitsOnly = (): Promise<void> => Promise.resolve();

export function ignoreCommitFailure(processor: RecordProcessor): Drive {
  return batchDrive(processor, (payload) => deliverIgnoringCommits(processor, payload));
}

async function deliverIgnoringCommits(processor: RecordProcessor, { batch }: EachBatchPayload): Promise<void> {
  const { topic, partition, messages } = batch;
  for (const message of messages) {
    await processor.settle({ topic, partition, offset: message.offset }, message, commitsOnly);
    try {
      await processor.commit(topic, partition, message.offset);
    } catch (error) {
      // BROKEN ON PURPOSE: the failed commit says this member no longer owns the partition.
      warn('ignore-commit-failure: a failed commit is ignored and the batch goes on', {
        topic,
        partition,
        offset: message.offset,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
