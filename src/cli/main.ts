#!/usr/bin/env node
// kafka-chaos command line: one subcommand per file under commands/. Errors print as one line
// (cause and fix) and exit by their kind — an environment or usage failure (2) is never a
// verdict on the SUT.
// `kafka-chaos <command> --help` prints the command's flags (declared once, in its file) and
// exits 0; exit codes are exit-codes.ts's (docs/exit-codes.md).

import { describeError } from '../util/errors.js';
import { formatHelp, wantsHelp, type CommandHelp } from './args.js';
import { cleanCommand, cleanHelp } from './commands/clean.js';
import { imagesCommand, imagesHelp } from './commands/images.js';
import { setupCommand, setupHelp } from './commands/setup.js';
import { stepsCommand, stepsHelp } from './commands/steps.js';
import { chaosCommand, chaosHelp } from './commands/chaos.js';
import { upCommand, upHelp } from './commands/up.js';
import { verifyCommand } from './commands/verify.js';
import { EXIT, exitCodeOfError } from './exit-codes.js';

interface Command {
  summary: string;
  /** Printed for --help; a command without one answers --help itself (verify). */
  help?: CommandHelp;
  run: (args: string[]) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  setup: { summary: setupHelp.summary, help: setupHelp, run: setupCommand },
  up: { summary: upHelp.summary, help: upHelp, run: upCommand },
  chaos: {
    summary: 'run the Gherkin scenarios (features/): [--tags @smoke] [--sut NAME] [--dry-run] [cucumber args]',
    help: chaosHelp,
    run: chaosCommand,
  },
  steps: { summary: stepsHelp.summary, help: stepsHelp, run: stepsCommand },
  verify: { summary: 'judge a run directory from its ledgers: verify <run-dir> [--max-duplicates N] [--group G]', run: verifyCommand },
  images: { summary: imagesHelp.summary, help: imagesHelp, run: imagesCommand },
  clean: { summary: cleanHelp.summary, help: cleanHelp, run: cleanCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return [
    'usage: kafka-chaos <command> [options]   (kafka-chaos <command> --help for its options)',
    ...lines,
    'exit: 0 all held; 1 a reliability check failed; 2 environment, usage or evidence problem',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? EXIT.ok : EXIT.notJudged;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kafka-chaos: unknown command "${name}" — fix: use one of ${Object.keys(COMMANDS).join(', ')}\n${usage()}`);
    return EXIT.notJudged;
  }
  if (command.help && wantsHelp(args)) {
    console.log(formatHelp(name, command.help));
    return EXIT.ok;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`kafka-chaos: ${describeError(error)}`);
    process.exitCode = exitCodeOfError(error);
  },
);
