// Test support: environments whose run directories live in a temp dir, removed when the test
// passed and kept (with their logs) when it failed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChaosEnvironment } from '../../src/environment/chaos-environment.js';
import { REFERENCE_FORWARDER } from '../../src/config/chaos-config.js';

export function tempRunsRoot(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kafka-chaos-${label}-`));
}

export function testEnvironment(runsRoot: string): ChaosEnvironment {
  return new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime('process').withSut('forwarder', REFERENCE_FORWARDER);
}

/** Removes a runs root after a passing test; a failing one keeps it for its logs. */
export function removeIfPassed(runsRoot: string, passed: boolean): void {
  if (passed) fs.rmSync(runsRoot, { recursive: true, force: true });
  else console.error(`kept the run directory for inspection: ${runsRoot}`);
}
