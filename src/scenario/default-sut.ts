// Which system under test a step means. "The system under test" without a name is the world
// parameter (`kafka-chaos chaos --sut NAME`), else the one SUT the user's config declares
// besides the reference forwarder, else — when the user declares none — the reference
// forwarder. With two or more of the user's own SUTs and no --sut it is a usage error, never
// a silent fallback to the forwarder: a scenario must not pass without starting the user's
// service. The preflight finds such steps before anything starts (each step's descriptor says
// whether it starts a SUT and how it names it); the step itself fails the same way if it gets that far.
// A scenario (or its feature) may name its own default with a tag, `@sut:go-forwarder`, for steps
// that need what only some clients have; --sut still overrides it (the client matrix does).

import { loadConfig } from '../config/chaos-config.js';
import { ConfigError } from '../util/errors.js';
import { stepById } from './step-registry.js';

/** The reference forwarder's name in every config. */
export const FORWARDER = 'forwarder';
/** The SUTs every config declares (chaos-config.ts builtInSuts): never "the user's own". */
export const BUILT_IN_SUT_NAMES: readonly string[] = [FORWARDER, 'go-forwarder', 'java-forwarder', 'python-forwarder'];

export function defaultSut(requested: string | undefined, declared: readonly string[] = Object.keys(loadConfig().sut)): string {
  if (requested !== undefined) {
    if (!declared.includes(requested)) {
      throw new ConfigError(`there is no SUT "${requested}" in kafka-chaos.config.json`, { fix: `use one of: ${declared.join(', ')}` });
    }
    return requested;
  }
  const own = declared.filter((name) => !BUILT_IN_SUT_NAMES.includes(name));
  if (own.length <= 1) return own[0] ?? FORWARDER;
  throw new ConfigError(
    `"the system under test" is ambiguous: kafka-chaos.config.json declares ${own.length} systems under test (${own.join(', ')})`,
    {
      fix: `pass --sut ${own[0]} (or name it in the step: the system under test "${own[0]}" consumes …)`,
    },
  );
}

const SUT_TAG = /^@sut:(.+)$/;

/** What "the system under test" means in a scenario: --sut, else its @sut:NAME tag, else undefined (defaultSut decides). */
export function requestedSutOf(worldParameter: string | undefined, tags: readonly string[] = []): string | undefined {
  return worldParameter ?? tags.map((t) => SUT_TAG.exec(t)?.[1]).find((name) => name !== undefined);
}

/** The SUT a step starts (undefined: it starts none). Throws ConfigError as defaultSut does. */
export function sutOfStep(
  id: string | undefined,
  values: readonly unknown[],
  requested: string | undefined,
  declared: readonly string[],
): string | undefined {
  const how = id === undefined ? undefined : stepById(id)?.sut;
  if (how === undefined) return undefined;
  if (how === 'forwarder') return FORWARDER;
  return defaultSut(how === 'named' ? String(values[0]) : requested, declared);
}

/** The reference forwarder's knobs for "… and retries on errors": a short backoff, so an outage's end is noticed within a second. */
export const FORWARDER_RETRYING: Readonly<Record<string, string>> = {
  FORWARDER_ON_ERROR: 'retry',
  FORWARDER_RETRY_INITIAL_MS: '100',
  FORWARDER_RETRY_MAX_MS: '1000',
};
/** "… and stops on the first error" (seed 000's forwarder). */
export const FORWARDER_STOPPING: Readonly<Record<string, string>> = { FORWARDER_ON_ERROR: 'stop' };
