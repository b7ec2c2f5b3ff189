#!/usr/bin/env node
// kafka-chaos command line: one subcommand per file under commands/. Errors print as one line
// (cause and fix) and exit 2: an environment or usage failure is never a verdict on the SUT.

import { describeError } from '../util/errors.js';
import { cleanCommand } from './commands/clean.js';
import { imagesCommand } from './commands/images.js';
import { setupCommand } from './commands/setup.js';
import { stepsCommand } from './commands/steps.js';
import { chaosCommand } from './commands/chaos.js';
import { upCommand } from './commands/up.js';
import { verifyCommand } from './commands/verify.js';

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  setup: { summary: 'fetch or build the real components (Kafka jars, toxiproxy-server); idempotent', run: setupCommand },
  up: { summary: 'bring the environment up, print its addresses, hold it until Ctrl-C', run: upCommand },
  chaos: { summary: 'run the Gherkin scenarios (features/): [--tags @smoke] [--sut NAME] [cucumber args]', run: chaosCommand },
  steps: { summary: 'print every scenario step with an example (--markdown: as a table)', run: stepsCommand },
  verify: { summary: 'judge a run directory from its ledgers: verify <run-dir> [--max-duplicates N] [--group G]', run: verifyCommand },
  images: { summary: 'build or pull the images of the container runtime (KAFKA_CHAOS_IMAGES=pull|local|auto)', run: imagesCommand },
  clean: { summary: 'stop processes left behind by a runner that was killed (--run ID, --force)', run: cleanCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: kafka-chaos <command> [options]\n${lines.join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kafka-chaos: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`kafka-chaos: ${describeError(error)}`);
    process.exitCode = 2;
  },
);
