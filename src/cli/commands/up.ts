// `kafka-chaos up`: the environment alone — a cluster behind Toxiproxy and the recording
// target — held until Ctrl-C, for exploring by hand or pointing your own SUT at it.

import { once } from 'node:events';
import { ConfigError } from '../../util/errors.js';
import type { CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { environmentFromConfig } from '../../config/environment-from-config.js';

export const upHelp: CommandHelp = {
  summary: 'bring the environment up, print its addresses, hold it until Ctrl-C',
  usage: 'kafka-chaos up',
  flags: {},
  notes: [
    'Takes no arguments: the cluster (kafka.brokers, kafka.version) and runtime come from kafka-chaos.config.json, CHAOS_RUNTIME and KAFKA_VERSION.',
  ],
};

export async function upCommand(args: string[]): Promise<number> {
  if (args.length > 0)
    throw new ConfigError(`up takes no arguments (got ${args.join(' ')})`, { fix: 'configure the environment in kafka-chaos.config.json' });
  const started = Date.now();
  const env = await environmentFromConfig().start();
  try {
    const toxiproxy = env.network.proxies.length;
    console.log(
      `up: ${env.runtime} runtime, Kafka ${env.cluster.kafkaVersion}, ${env.cluster.ids.length} brokers ready in ${Date.now() - started} ms`,
    );
    console.log(`  run directory        ${env.run.root}`);
    console.log(`  harness bootstrap    ${env.cluster.bootstrap('harness').join(',')}`);
    console.log(`  SUT bootstrap        ${env.cluster.bootstrap('sut').join(',')}   (KAFKA_BOOTSTRAP_SERVERS)`);
    console.log(`  HTTP target          ${env.target.url}   (TARGET_URL; ledger ${env.target.ledgerPath})`);
    console.log(`  Toxiproxy            ${toxiproxy} proxies`);
    console.log('Press Ctrl-C to stop everything.');
    await once(process, 'SIGINT');
    return EXIT.ok;
  } finally {
    await env.stop();
  }
}
