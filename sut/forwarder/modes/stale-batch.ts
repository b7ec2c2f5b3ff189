// FORWARDER_MODE=stale-batch, a broken mode: the zombie. Each fetched batch is delivered record by
// record to its end without ever asking whether this member still owns the partition — no
// heartbeat while it works, no look at kafkajs's isStale() or isRunning() — and committed once at
// the end. Frozen (a GC pause, SIGSTOP) past its session timeout, it is evicted and its partition
// given to another member, which resumes from the last commit; thawed, it goes on delivering the
// rest of the batch it holds, records the new owner is delivering too (kafkajs#1046,
// librdkafka#5604). Its final commit fails for the old generation, so nothing is lost and no
// commit is unsafe; but those deliveries follow no rewind: `duplicates-explained` must fail.

import type { EachBatchPayload } from 'kafkajs';
import type { Drive, RecordProcessor } from '../record-processor.js';
import { batchDrive } from './batch-drive.js';

// The zombie's defining omission: nothing between two records tells it the group moved on.
const noHeartbeat = (): Promise<void> => Promise.resolve();

export function staleBatch(processor: RecordProcessor): Drive {
  return batchDrive(processor, (payload) => deliverWholeBatch(processor, payload));
}

async function deliverWholeBatch(processor: RecordProcessor, { batch }: EachBatchPayload): Promise<void> {
  const { topic, partition, messages } = batch;
  for (const message of messages) await processor.settle({ topic, partition, offset: message.offset }, message, noHeartbeat);
  const last = messages[messages.length - 1];
  if (last) await processor.commit(topic, partition, last.offset);
}
