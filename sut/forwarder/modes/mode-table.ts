// Which FORWARDER_MODE drives the record processor how: the one place a mode is chosen. `correct`
// is the at-least-once core as record-processor.ts defines it; every other entry is a deliberate
// bug (sut/forwarder/README.md) kept in a file of its own, built only from the core's parts.

import type { ForwarderConfig, ForwarderMode } from '../forwarder-config.js';
import type { Drive, RecordProcessor } from '../record-processor.js';
import { autoCommit } from './auto-commit.js';
import { commitBeforeSend } from './commit-before-send.js';
import { doubleSend } from './double-send.js';
import { ignoreCommitFailure } from './ignore-commit-failure.js';
import { ignoreErrors } from './ignore-errors.js';
import { skipAfterRetries } from './skip-after-retries.js';
import { staleBatch } from './stale-batch.js';
import { unorderedParallel } from './unordered-parallel.js';

type Strategy = (processor: RecordProcessor, config: ForwarderConfig) => Drive;

// Each record committed after its 2xx; or, with FORWARDER_COMMIT_INTERVAL_MS / _EVERY, the
// delivered prefix committed by kafkajs from the offsets it resolves as each delivery returns.
const correct: Strategy = (processor, config) =>
  config.commitIntervalMs > 0 || config.commitEveryRecords > 0
    ? {
        autoCommit: true,
        // The one not set adds no trigger; kafkajs also commits at the end of every batch.
        ...(config.commitIntervalMs > 0 ? { autoCommitInterval: config.commitIntervalMs } : {}),
        ...(config.commitEveryRecords > 0 ? { autoCommitThreshold: config.commitEveryRecords } : {}),
        eachMessage: processor.deliverOnly,
      }
    : { autoCommit: false, eachMessage: processor.eachMessage };

// A Record over every mode, so a mode added to MODES without a strategy does not compile.
const STRATEGIES: Record<ForwarderMode, Strategy> = {
  correct,
  'auto-commit': autoCommit,
  'commit-before-send': commitBeforeSend,
  'ignore-errors': ignoreErrors,
  'skip-after-retries': skipAfterRetries,
  'unordered-parallel': unorderedParallel,
  'double-send': doubleSend,
  'stale-batch': staleBatch,
  'ignore-commit-failure': ignoreCommitFailure,
  // The correct core; forwarder-config.ts starts partitions without a commit at their end.
  'offset-reset-latest': correct,
};

/** How kafkajs is to drive `processor` in the configured mode. */
export function driveFor(config: ForwarderConfig, processor: RecordProcessor): Drive {
  return STRATEGIES[config.mode](processor, config);
}
