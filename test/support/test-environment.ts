// Test support: environments whose run directories live in a temp dir, removed when the test
// passed and kept (with their logs) when it failed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import { ChaosEnvironment } from '../../src/environment/chaos-environment.js';
import type { RuntimeKind, StartedEnvironment } from '../../src/environment/runtime.js';
import { REFERENCE_FORWARDER } from '../../src/config/chaos-config.js';
import { planOfRun } from './test-plan.js';

// Tests send traffic only to this machine and its own containers: images are built locally, never
// pulled, unless a developer explicitly says otherwise.
process.env.KAFKA_CHAOS_IMAGES ??= 'local';

export function tempRunsRoot(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kafka-chaos-${label}-`));
}

export function testEnvironment(runsRoot: string, runtime: RuntimeKind = 'process'): ChaosEnvironment {
  return new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime(runtime).withSut('forwarder', REFERENCE_FORWARDER);
}

/**
 * The runtimes the runtime-parameterised suites run on: under npm test, those its plan found
 * runnable (and named the rest); for a file run by hand, both unless KAFKA_CHAOS_TEST_RUNTIMES
 * names a subset (e.g. "process" on a machine without Docker). Never silently fewer.
 */
export function runtimesUnderTest(env: NodeJS.ProcessEnv = process.env): RuntimeKind[] {
  // Under npm test, what the runner decided for this machine (test-plan.ts), the same for every file.
  const planned = planOfRun(env)?.runtimes;
  if (planned) return planned;
  const named = (env.KAFKA_CHAOS_TEST_RUNTIMES ?? 'process,container').split(',').map((s) => s.trim());
  for (const name of named) {
    if (name !== 'process' && name !== 'container')
      throw new Error(`KAFKA_CHAOS_TEST_RUNTIMES: unknown runtime "${name}" (process, container)`);
  }
  return named as RuntimeKind[];
}

/** Removes a runs root after a passing test; a failing one keeps it for its logs. */
export function removeIfPassed(runsRoot: string, passed: boolean): void {
  if (passed) fs.rmSync(runsRoot, { recursive: true, force: true });
  else console.error(`kept the run directory for inspection: ${runsRoot}`);
}

/** Remembers whether any wrapped test failed, so the run directory is kept for its logs. */
export function failureTracker(): { readonly passed: boolean; track: (fn: () => Promise<void>) => () => Promise<void> } {
  let failed = false;
  return {
    get passed() {
      return !failed;
    },
    track: (fn) => async () => {
      try {
        await fn();
      } catch (error) {
        failed = true;
        throw error;
      }
    },
  };
}

export interface SuiteEnvironment {
  /** Set by the suite's `before` hook. */
  env: StartedEnvironment;
  /** A connected harness admin client for `env`. */
  admin: AdminClient;
  /** Wraps a test so that its failure keeps the run directory. */
  track: (fn: () => Promise<void>) => () => Promise<void>;
}

/**
 * One environment shared by the tests of a suite (call inside `describe`): started before them,
 * stopped after them, its run directory removed only when every tracked test passed.
 */
export function environmentForSuite(
  label: string,
  configure: (environment: ChaosEnvironment) => ChaosEnvironment = (e) => e,
  runtime: RuntimeKind = 'process',
): SuiteEnvironment {
  const runsRoot = tempRunsRoot(label);
  const failures = failureTracker();
  const suite = { track: failures.track } as SuiteEnvironment;
  before(async () => {
    suite.env = await configure(testEnvironment(runsRoot, runtime)).start();
    suite.admin = suite.env.kafka(`${label}-test`).admin();
    await suite.admin.connect();
  });
  after(async () => {
    await suite.admin?.disconnect();
    await suite.env?.stop();
    removeIfPassed(runsRoot, failures.passed);
  });
  return suite;
}
