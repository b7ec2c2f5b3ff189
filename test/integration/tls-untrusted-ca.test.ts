// A TLS cluster (process runtime) and a SUT that does not trust its CA: each reference consumer
// is handed a CA that did not sign the brokers' certificate — the way a service with its own
// baked-in truststore meets a cluster — and the harness must report a failed start, an
// environment failure in one line that names the cause, never a group that silently never forms.
// The TLS scenario itself (features/tls-client-listener.feature) runs in the chaos stages.

import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { builtInSuts } from '../../src/config/chaos-config.js';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import { createTopic } from '../../src/environment/kafka-clients.js';
import type { StartedEnvironment, SutDefinition } from '../../src/environment/runtime.js';
import { makeCertificateAuthority, resolveKeytool } from '../../src/environment/tls-certificates.js';
import { awaitSutReady } from '../../src/scenario/group-readiness.js';
import { EnvironmentError } from '../../src/util/errors.js';
import { environmentForSuite, tempRunsRoot } from '../support/test-environment.js';

const CLIENTS = ['forwarder', 'go-forwarder', 'java-forwarder', 'python-forwarder'] as const;

/** The client's own command, with KAFKA_SSL_CA_LOCATION replaced by another CA before it starts. */
function distrusting(definition: SutDefinition, foreignCa: string): SutDefinition {
  return {
    ...definition,
    command: ['sh', '-c', 'KAFKA_SSL_CA_LOCATION="$FOREIGN_CA" exec "$@"', 'sh', ...definition.command!],
    env: { ...definition.env, FOREIGN_CA: foreignCa },
  };
}

describe('a SUT that does not trust the TLS cluster CA', () => {
  const suite = environmentForSuite('tls-untrusted', (environment) => {
    environment.withSutTls();
    const foreignCa = path.join(foreignCaDir, 'foreign-ca.pem');
    for (const client of CLIENTS) environment.withSut(`${client}-distrusting`, distrusting(builtInSuts()[client]!, foreignCa));
    return environment;
  });
  const foreignCaDir = tempRunsRoot('foreign-ca');
  let env: StartedEnvironment;
  let admin: AdminClient;
  before(async () => {
    ({ env, admin } = suite);
    await makeCertificateAuthority(await resolveKeytool(), foreignCaDir, 'foreign-ca');
    await createTopic(admin, { topic: 'tls-orders', partitions: 1 });
  });

  for (const client of CLIENTS)
    it(`${client}: fails to start with one line naming the untrusted certificate`, (t) =>
      suite.track(async () => {
        let failure: unknown;
        try {
          await using fleet = await env.startSut({
            sut: `${client}-distrusting`,
            topic: 'tls-orders',
            groupId: `tls-${client}`,
            instances: 1,
          });
          await awaitSutReady({ env, admin }, fleet);
        } catch (error) {
          failure = error;
        }
        assert.ok(failure instanceof EnvironmentError, `an environment failure, not ${String(failure)}`);
        assert.doesNotMatch(failure.message, /\n/, 'one line');
        assert.match(failure.message, /TLS certificate is not trusted by KAFKA_SSL_CA_LOCATION .*foreign-ca\.pem/);
        t.diagnostic(failure.message);
      })());
});
