// The fault kinds of the harness's fault families, for tests that inject faults outside a
// scenario: the step files are loaded as cucumber loads them (which registers every kind), and a
// kind is then looked up by its name in faults.jsonl.

import assert from 'node:assert/strict';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import type { StartedEnvironment, SutFleet } from '../../src/environment/runtime.js';
import type { FaultLedger } from '../../src/evidence/fault-ledger.js';
import { TARGET_DOWN_FAULT } from '../../src/evidence/ledger-records.js';
import { FaultBook } from '../../src/faults/fault-book.js';
import type { AnyFaultKind, FaultContext } from '../../src/faults/fault-kind.js';
import { faultKind, faultKinds } from '../../src/faults/fault-registry.js';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';

export async function harnessFault(name: string): Promise<AnyFaultKind> {
  await loadHarnessSteps();
  const kind = faultKind(name);
  assert.ok(
    kind,
    `a fault family defines "${name}" (defined: ${faultKinds()
      .map((k) => k.name)
      .join(', ')})`,
  );
  return kind;
}

/** What a test's faults act through; `sut()` fails the test when it started none. */
export function testFaultContext(env: StartedEnvironment, admin: AdminClient, fleet?: () => SutFleet | undefined): FaultContext {
  return {
    env,
    admin,
    sut: () => {
      const started = fleet?.();
      assert.ok(started, 'the test started a SUT');
      return started;
    },
  };
}

/** Seed 000's outage for tests: the registered target-down kind, booked in `ledger` as a scenario books it. */
export async function targetOutage(
  env: StartedEnvironment,
  ledger: FaultLedger,
): Promise<{ inject(): Promise<void>; heal(): Promise<void> }> {
  const kind = await harnessFault(TARGET_DOWN_FAULT);
  const book = new FaultBook(ledger);
  const ctx: FaultContext = { env, admin: undefined as never, sut: () => assert.fail('the target outage needs no SUT') };
  return {
    inject: async () => {
      await book.inject(kind, {}, ctx);
    },
    heal: async () => {
      await book.healAll();
    },
  };
}
