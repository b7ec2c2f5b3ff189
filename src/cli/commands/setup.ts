// `kafka-chaos setup`: fetch or build what the real environment needs, printing each step.

import { runSetup } from '../../setup/run-setup.js';
import { loadConfig } from '../../config/chaos-config.js';
import { COMMON_FLAGS, flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const setupHelp = {
  summary: 'fetch or build the real components (Kafka jars, toxiproxy-server); idempotent',
  usage: 'kafka-chaos setup [--kafka-version X.Y.Z] [--quiet]',
  flags: {
    'kafka-version': { ...COMMON_FLAGS.kafkaVersion('the Kafka version to fetch'), type: 'string' },
    quiet: COMMON_FLAGS.quiet,
  },
} as const satisfies CommandHelp;

export async function setupCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, flagTypes(setupHelp.flags));
  const kafkaVersion = flags['kafka-version'] ?? loadConfig().kafka.version;
  await runSetup({ kafkaVersion, quiet: flags.quiet });
  return EXIT.ok;
}
