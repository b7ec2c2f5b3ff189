// FORWARDER_MODE=ignore-errors, a broken mode: "log and move on". A failed POST (connection
// refused, 5xx, timeout) is not retried and does not stop the pipeline, whatever
// FORWARDER_ON_ERROR says: the record is skipped at once and its offset committed. Every record
// sent while the target is down or failing is lost: the check `lost` must fail (and
// `commit-during-outage`).

import type { Drive, RecordProcessor } from '../record-processor.js';
import { skipAndCommit } from './skip-and-commit.js';

export function ignoreErrors(processor: RecordProcessor): Drive {
  return skipAndCommit(processor, () => true);
}
