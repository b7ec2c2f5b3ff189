// FORWARDER_MODE=double-send, a broken mode: every record is posted a second time after its 2xx —
// a retry wrapper that also fires on success, a copy-pasted second call. The second answer is not
// even looked at; the record is then committed as usual. Nothing is lost and no commit is unsafe,
// but every message reaches the server twice: the check `duplicates` must fail against any bound
// below that.

import type { Drive, RecordProcessor } from '../record-processor.js';

export function doubleSend(processor: RecordProcessor): Drive {
  return {
    autoCommit: false,
    eachMessage: processor.eachMessageWith(async ({ topic, partition, message, heartbeat }) => {
      await processor.settle({ topic, partition, offset: message.offset }, message, heartbeat);
      await processor.postWithHeartbeats(message, heartbeat);
      await processor.commit(topic, partition, message.offset);
    }),
  };
}
