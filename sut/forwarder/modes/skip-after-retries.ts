// FORWARDER_MODE=skip-after-retries, a broken mode: a bounded retry policy whose exhaustion is
// treated as done. A failed record is retried with the usual capped exponential backoff, whatever
// FORWARDER_ON_ERROR says, and after FORWARDER_SKIP_AFTER_ATTEMPTS attempts (default 3) it is
// skipped and its offset committed. It survives a blip and loses what a longer outage holds: the
// check `lost` must fail (and `unsafe-commit`).

import type { ForwarderConfig } from '../forwarder-config.js';
import type { Drive, RecordProcessor } from '../record-processor.js';
import { skipAndCommit } from './skip-and-commit.js';

export function skipAfterRetries(processor: RecordProcessor, config: ForwarderConfig): Drive {
  return skipAndCommit(processor, (attempt) => attempt >= config.skipAfterAttempts);
}
