// Which system under test "the system under test" means when a step does not name one: the
// world parameter (`kafka-chaos chaos --sut NAME`), else the one SUT the config declares
// besides the reference forwarder, else the reference forwarder.

import { loadConfig } from '../config/chaos-config.js';
import { ConfigError } from '../util/errors.js';

export function defaultSut(requested: string | undefined, declared: readonly string[] = Object.keys(loadConfig().sut)): string {
  if (requested !== undefined) {
    if (!declared.includes(requested)) {
      throw new ConfigError(`there is no SUT "${requested}" in kafka-chaos.config.json`, { fix: `use one of: ${declared.join(', ')}` });
    }
    return requested;
  }
  const own = declared.filter((name) => name !== 'forwarder');
  return own.length === 1 ? own[0]! : 'forwarder';
}
