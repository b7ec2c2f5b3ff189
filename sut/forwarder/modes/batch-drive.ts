// How the modes that take whole batches (eachBatch) are driven: a batch is refused once the
// processor is stopping, and its work is tracked so a shutdown waits for it — the same for every
// such mode, whatever it does with the batch.

import type { EachBatchPayload } from 'kafkajs';
import type { Drive, RecordProcessor } from '../record-processor.js';

export function batchDrive(processor: RecordProcessor, handle: (payload: EachBatchPayload) => Promise<void>): Drive {
  return {
    autoCommit: false,
    eachBatch: (payload) => {
      const refused = processor.refusal();
      if (refused) return Promise.reject(refused);
      return processor.track(handle(payload));
    },
  };
}
