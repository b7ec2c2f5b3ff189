// kafkajs itself, for tests that act as a client the harness's seam does not model on purpose —
// a consumer that joins a group and commits, a producer with kafkajs's defaults — configured and
// logging as the harness's own clients are (src/environment/kafkajs-clients.ts).

import type { Kafka } from 'kafkajs';
import { harnessKafka } from '../../src/environment/kafkajs-clients.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';

/** A kafkajs client through the harness proxies of `env` (or through `brokers`, when given). */
export function kafkajsOf(env: StartedEnvironment, clientId: string, brokers: readonly string[] = env.cluster.bootstrap('harness')): Kafka {
  return harnessKafka(brokers, clientId, env.run.log('harness-kafkajs'));
}
