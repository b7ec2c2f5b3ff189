// The SUT contract: the environment every system under test is started with, whichever runtime
// and language. Documented in docs/sut-contract.md. On top of these a SUT gets
// its declared `env` and a step's `with env:` values, and (process runtime) the allowlist of
// process/child-environment.ts — nothing that leads to the target's or Toxiproxy's controls.

import type { SutDefinition, SutLaunch } from './runtime.js';

/** How a SUT reaches Kafka: in the clear, or over TLS trusting the run's CA (a PEM path the SUT can read). */
export type SutSecurity = { protocol: 'PLAINTEXT' } | { protocol: 'SSL'; caLocation: string };

export const PLAINTEXT: SutSecurity = { protocol: 'PLAINTEXT' };

export function sutEnvironment(
  launch: SutLaunch,
  index: number,
  bootstrapServers: readonly string[],
  targetUrl: string,
  security: SutSecurity = PLAINTEXT,
): Record<string, string> {
  return {
    KAFKA_BOOTSTRAP_SERVERS: bootstrapServers.join(','),
    KAFKA_TOPIC: launch.topic,
    KAFKA_GROUP_ID: launch.groupId,
    TARGET_URL: targetUrl,
    SUT_INSTANCE: String(index),
    // Kafka's own names for the two settings (security.protocol, ssl.ca.location in librdkafka).
    KAFKA_SECURITY_PROTOCOL: security.protocol,
    ...(security.protocol === 'SSL' ? { KAFKA_SSL_CA_LOCATION: security.caLocation } : {}),
  };
}

/** What a masked value is shown as. */
export const MASKED_VALUE = '•••';

/**
 * A step's `with env:` values as run.json and reports show them: a value may be a credential, so
 * each is masked unless the SUT's "publicEnv" names the variable (e.g. FORWARDER_MODE).
 */
export function shownEnv(env: Record<string, string>, definition: Pick<SutDefinition, 'publicEnv'> | undefined): Record<string, string> {
  const visible = new Set(definition?.publicEnv ?? []);
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, visible.has(name) ? value : MASKED_VALUE]));
}
