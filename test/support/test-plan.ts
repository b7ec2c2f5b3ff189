// What `npm test` can run on this machine, decided once before any test starts: the process half
// always; the container half when a Docker daemon answers and the local images can be had; the
// report test's browser half when Chromium is there. A part the machine lacks is left out and
// named — at the start and in the closing summary — unless it is required
// (KAFKA_CHAOS_TEST_RUNTIMES names the runtimes, KAFKA_CHAOS_TEST_REQUIRE=chromium), and then
// its absence fails the run at once with one line. Never silently less.

import type { RuntimeKind } from '../../src/environment/runtime.js';
import { findExecutable } from '../../src/setup/find-executable.js';

/** What the probes found; `why` fields say, in a few words, what is missing. */
export interface MachineProbes {
  docker: { answers: true } | { answers: false; why: string };
  /** The local images can be built or exist (moot when images come from a registry). */
  localImages: { ok: true } | { ok: false; why: string };
  chromium: { path: string } | { path: undefined; why: string };
}

export interface TestPlan {
  runtimes: RuntimeKind[];
  /** Whether the report test opens the report in Chromium. */
  browser: boolean;
  /** One line per part left out: what, why, and how to run it. */
  notRun: string[];
}

/** A required part is missing: the run must not start. */
export class RequiredPartMissing extends Error {}

const CONTAINER_FIX = 'start a Docker daemon (Debian: apt-get install docker.io debootstrap, then `dockerd &`)';

/** The plan for `env` on a machine with `probes`; throws RequiredPartMissing for a required part it lacks. */
export function decideTestPlan(env: NodeJS.ProcessEnv, probes: MachineProbes): TestPlan {
  const named = env.KAFKA_CHAOS_TEST_RUNTIMES?.trim();
  const requested = named ? parseRuntimes(named) : undefined;
  const required = new Set(
    (env.KAFKA_CHAOS_TEST_REQUIRE ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const part of required) {
    if (part !== 'chromium') throw new RequiredPartMissing(`KAFKA_CHAOS_TEST_REQUIRE: unknown part "${part}" (chromium)`);
  }
  const notRun: string[] = [];

  const containerWhy = !probes.docker.answers ? probes.docker.why : !probes.localImages.ok ? probes.localImages.why : undefined;
  let runtimes: RuntimeKind[];
  if (requested) {
    if (requested.includes('container') && containerWhy) {
      throw new RequiredPartMissing(
        `npm test: the container half is required (KAFKA_CHAOS_TEST_RUNTIMES=${named}) but cannot run: ${containerWhy} — fix: ${CONTAINER_FIX}, or set KAFKA_CHAOS_TEST_RUNTIMES=process`,
      );
    }
    runtimes = requested;
  } else if (containerWhy) {
    runtimes = ['process'];
    notRun.push(
      `the container half did not run (the runtime suites on containers, the container error tests): ${containerWhy} — to run it, ${CONTAINER_FIX}; KAFKA_CHAOS_TEST_RUNTIMES=process,container makes it required`,
    );
  } else {
    runtimes = ['process', 'container'];
  }

  const browser = probes.chromium.path !== undefined;
  if (!browser) {
    const why = probes.chromium.path === undefined ? probes.chromium.why : '';
    if (required.has('chromium')) {
      throw new RequiredPartMissing(
        `npm test: Chromium is required (KAFKA_CHAOS_TEST_REQUIRE=chromium) but ${why} — fix: apt-get install chromium, or set CHROMIUM_PATH`,
      );
    }
    notRun.push(
      `the report test's browser half did not run (the Allure report opened in headless Chromium): ${why} — to run it, apt-get install chromium or set CHROMIUM_PATH; KAFKA_CHAOS_TEST_REQUIRE=chromium makes it required`,
    );
  }
  return { runtimes, browser, notRun };
}

function parseRuntimes(named: string): RuntimeKind[] {
  const runtimes = named.split(',').map((s) => s.trim());
  for (const name of runtimes) {
    if (name !== 'process' && name !== 'container') {
      throw new RequiredPartMissing(`KAFKA_CHAOS_TEST_RUNTIMES: unknown runtime "${name}" (process, container)`);
    }
  }
  return runtimes as RuntimeKind[];
}

/** The Chromium the report test drives: CHROMIUM_PATH, else `chromium` on PATH. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CHROMIUM_PATH ?? findExecutable('chromium', env);
}

/** The variable through which the runner hands its plan to every test file. */
export const PLAN_VARIABLE = 'KAFKA_CHAOS_TEST_PLAN';

/** The plan `npm test` decided, when the test runs under it (a file run by hand has none). */
export function planOfRun(env: NodeJS.ProcessEnv = process.env): Pick<TestPlan, 'runtimes' | 'browser'> | undefined {
  const raw = env[PLAN_VARIABLE];
  return raw ? (JSON.parse(raw) as Pick<TestPlan, 'runtimes' | 'browser'>) : undefined;
}
