#!/usr/bin/env node
// kafka-chaos command line: one subcommand per file under commands/. Errors print as one line
// (cause and fix) and exit by their kind — an environment or usage failure (2) is never a
// verdict on the SUT.
// `kafka-chaos <command> --help` prints the command's flags (declared once, in its file) and
// exits 0; `kafka-chaos --version` prints the installed package's version; exit codes are
// exit-codes.ts's (docs/exit-codes.md).

import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../setup/project-paths.js';
import { describeError } from '../util/errors.js';
import { formatHelp, wantsHelp, type CommandHelp } from './args.js';
import { cleanCommand, cleanHelp } from './commands/clean.js';
import { imagesCommand, imagesHelp } from './commands/images.js';
import { setupCommand, setupHelp } from './commands/setup.js';
import { stepsCommand, stepsHelp } from './commands/steps.js';
import { chaosCommand, chaosHelp } from './commands/chaos.js';
import { matrixCommand, matrixHelp } from './commands/matrix.js';
import { upCommand, upHelp } from './commands/up.js';
import { verifyCommand, verifyHelp } from './commands/verify.js';
import { reportCommand, reportHelp } from './commands/report.js';
import { initCommand, initHelp } from './commands/init.js';
import { EXIT, exitCodeOfError } from './exit-codes.js';

interface Command {
  summary: string;
  /** Printed for --help, by main: a command never sees --help. */
  help: CommandHelp;
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
  matrix: { summary: matrixHelp.summary, help: matrixHelp, run: matrixCommand },
  steps: { summary: stepsHelp.summary, help: stepsHelp, run: stepsCommand },
  verify: { summary: verifyHelp.summary, help: verifyHelp, run: verifyCommand },
  report: { summary: reportHelp.summary, help: reportHelp, run: reportCommand },
  images: { summary: imagesHelp.summary, help: imagesHelp, run: imagesCommand },
  clean: { summary: cleanHelp.summary, help: cleanHelp, run: cleanCommand },
  init: { summary: initHelp.summary, help: initHelp, run: initCommand },
};

/** The installed package's version: its own package.json, wherever the user's project is. */
function version(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return [
    'usage: kafka-chaos <command> [options]   (kafka-chaos <command> --help for its options)',
    '       kafka-chaos --version             (or -v: prints the installed version)',
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
  if (name === '--version' || name === '-v') {
    console.log(`kafka-chaos ${version()}`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kafka-chaos: unknown command "${name}" — fix: use one of ${Object.keys(COMMANDS).join(', ')}\n${usage()}`);
    return EXIT.notJudged;
  }
  if (wantsHelp(args)) {
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
