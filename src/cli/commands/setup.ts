// `kafka-chaos setup`: fetch or build what the real environment needs, printing each step.

import { runSetup } from '../../setup/run-setup.js';
import { loadConfig } from '../../config/chaos-config.js';
import { parseFlags } from '../args.js';

export async function setupCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { quiet: 'boolean', 'kafka-version': 'string' });
  const kafkaVersion = flags['kafka-version'] ?? loadConfig().kafka.version;
  await runSetup({ kafkaVersion, quiet: flags.quiet });
  return 0;
}
