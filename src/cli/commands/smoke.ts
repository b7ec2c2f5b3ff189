// `kafka-chaos chaos` until the Gherkin scenarios land: the first story of seed 000 end to end —
// the reference forwarder carries 100 messages from a 2-partition topic to the HTTP target, and
// the group then has committed exactly the log-end offsets. Exit 0 when that holds, 1 when not.

import { committedOffsets, createTopic, endOffsets } from '../../environment/kafka-clients.js';
import { awaitDelivery } from '../../traffic/await-delivery.js';
import { produceMessages } from '../../traffic/produce-messages.js';
import { TimeoutError } from '../../util/errors.js';
import { waitFor } from '../../util/wait-for.js';
import { parseFlags } from '../args.js';
import { environmentFromConfig } from './environment-from-config.js';

export async function smokeCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { sut: 'string', messages: 'string' });
  const sut = flags.sut ?? 'forwarder';
  const count = Number(flags.messages ?? 100);
  const topic = 'smoke';
  const groupId = 'smoke-forwarder';
  await using env = await environmentFromConfig().start();
  console.log(`chaos: ${env.runtime} runtime, Kafka ${env.cluster.kafkaVersion}, run ${env.run.root}`);
  const kafka = env.kafka('kafka-chaos-smoke');
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopic(admin, { topic, partitions: 2, replicationFactor: Math.min(3, env.cluster.ids.length) });
    await using _fleet = await env.startSut({ sut, topic, groupId, instances: 1 });
    const produced = await produceMessages(kafka, { topic, count, partitions: 2 });
    const started = Date.now();
    try {
      await awaitDelivery(env.target.ledgerPath, produced.map((m) => m.id), 60_000);
      console.log(`chaos: ${count} messages delivered by ${sut} in ${Date.now() - started} ms`);
      const ends = await endOffsets(admin, topic);
      const committed = await waitFor(
        async () => {
          const offsets = await committedOffsets(admin, groupId, topic);
          return [...ends].every(([p, end]) => offsets.get(p) === end) ? offsets : undefined;
        },
        { what: `group ${groupId} to commit the log-end offsets ${[...ends].map(([p, e]) => `p${p}:${e}`).join(' ')}`, timeoutMs: 30_000 },
      );
      console.log(`chaos: committed ${[...committed].map(([p, o]) => `p${p}:${o}`).join(' ')} = log-end offsets — holds`);
      return 0;
    } catch (error) {
      // The environment came up and the traffic was acked: what did not happen is the SUT's.
      if (!(error instanceof TimeoutError)) throw error;
      console.error(`chaos: does not hold — ${error.message}`);
      return 1;
    }
  } finally {
    await admin.disconnect();
  }
}
