// FORWARDER_MODE=commit-before-send, a broken mode: the offset is committed before the record is
// safe. Each record's offset + 1 is committed first and the record posted after it, under the
// usual error policy (FORWARDER_ON_ERROR). A failed POST, or a crash between the commit and the
// POST, leaves a committed record the server never had, and the next start begins after it: the
// checks `unsafe-commit` and `commit-during-outage` must fail, and after a restart `lost`.

import type { Drive, RecordProcessor } from '../record-processor.js';

export function commitBeforeSend(processor: RecordProcessor): Drive {
  return {
    autoCommit: false,
    eachMessage: processor.eachMessageWith(async ({ topic, partition, message, heartbeat }) => {
      await processor.commit(topic, partition, message.offset);
      await processor.settle({ topic, partition, offset: message.offset }, message, heartbeat);
    }),
  };
}
