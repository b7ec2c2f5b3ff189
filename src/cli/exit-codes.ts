// The CLI's exit codes, which CI relies on: 0 all held, 1 a reliability check failed, 2 an
// environment, usage or evidence problem (nothing was said about the SUT). A failure's code
// follows its kind (src/util/errors.ts), here and nowhere else: EXIT_OF_KIND. EXIT_CODE_TABLE
// says what each code means per command; docs/exit-codes.md shows the same table, and a unit
// test checks the two agree and runs each row's `example` to see the code happen.

import { ChaosError, type ErrorKind } from '../util/errors.js';

export const EXIT = {
  /** Everything held (or, for tools, the command did what it says). */
  ok: 0,
  /** A reliability check of the system under test failed. */
  reliabilityFailure: 1,
  /** Environment, usage, configuration or evidence problem: no verdict on the SUT. */
  notJudged: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The code of a failure of each kind: only a verdict on the SUT exits 1. */
export const EXIT_OF_KIND: Readonly<Record<ErrorKind, ExitCode>> = {
  reliability: EXIT.reliabilityFailure,
  environment: EXIT.notJudged,
  usage: EXIT.notJudged,
};

/** The code for an error that ended a command. One that is no ChaosError is a harness bug: the environment's. */
export function exitCodeOfError(error: unknown): ExitCode {
  return EXIT_OF_KIND[error instanceof ChaosError ? error.kind : 'environment'];
}

/**
 * The code of a command that failed, from the kinds of its failures (a run's scenarios, a run
 * root's directories): a reliability failure anywhere outranks the rest; none at all is still
 * a failure — of the environment (a pending or undefined step, a crash).
 */
export function exitCodeOfFailures(kinds: Iterable<ErrorKind>): ExitCode {
  const codes = [...kinds].map((kind) => EXIT_OF_KIND[kind]);
  return codes.includes(EXIT.reliabilityFailure) ? EXIT.reliabilityFailure : EXIT.notJudged;
}

export interface ExitCodeRow {
  /** The command as typed after `kafka-chaos` ("(none)" for the bare program). */
  command: string;
  code: ExitCode;
  meaning: string;
  /**
   * Arguments (after `kafka-chaos`) that produce this code without a cluster, run by the test in
   * a scratch project; absent where only a real run can show it (the test suites do).
   */
  example?: readonly string[];
}

export const EXIT_CODE_TABLE: readonly ExitCodeRow[] = [
  { command: '(none)', code: EXIT.notJudged, meaning: 'no command given: usage printed', example: [] },
  { command: '(any)', code: EXIT.ok, meaning: '--help: usage printed', example: ['--help'] },
  { command: '(any)', code: EXIT.ok, meaning: '--version: the installed version printed', example: ['--version'] },
  { command: '(any)', code: EXIT.notJudged, meaning: 'unknown command', example: ['no-such-command'] },
  {
    command: 'chaos',
    code: EXIT.ok,
    meaning: 'every selected scenario passed; with --dry-run: the preflight found nothing wrong',
    example: ['chaos', '--dry-run'],
  },
  { command: 'chaos', code: EXIT.reliabilityFailure, meaning: 'a reliability check of the SUT failed in at least one scenario' },
  {
    command: 'chaos',
    code: EXIT.notJudged,
    meaning:
      'only environment failures, or a usage, config or scenario problem found before anything started (unknown flag, no scenario selected, bad step, unresolvable SUT)',
    example: ['chaos', '--bogus-flag'],
  },
  { command: 'verify', code: EXIT.ok, meaning: 'every check the run asserted holds (for a run root: in every scenario)' },
  { command: 'verify', code: EXIT.reliabilityFailure, meaning: 'an asserted check is violated, or a step recorded a finding' },
  {
    command: 'verify',
    code: EXIT.notJudged,
    meaning: 'an asserted check is unknown (evidence missing, emptied or unreadable), or the run directory or flags are unusable',
    example: ['verify'],
  },
  { command: 'setup', code: EXIT.ok, meaning: 'Kafka and toxiproxy-server are in place' },
  {
    command: 'setup',
    code: EXIT.notJudged,
    meaning: 'a tool or download is missing, or a usage error',
    example: ['setup', '--bogus-flag'],
  },
  { command: 'up', code: EXIT.ok, meaning: 'the environment ran and was stopped with Ctrl-C' },
  {
    command: 'up',
    code: EXIT.notJudged,
    meaning: 'the environment did not start, or a usage or config error',
    example: ['up', 'extra-argument'],
  },
  { command: 'steps', code: EXIT.ok, meaning: 'the step catalogue printed', example: ['steps'] },
  { command: 'steps', code: EXIT.notJudged, meaning: 'usage error', example: ['steps', '--bogus-flag'] },
  { command: 'images', code: EXIT.ok, meaning: 'every image of the container runtime resolved' },
  {
    command: 'images',
    code: EXIT.notJudged,
    meaning: 'no Docker daemon, an image could not be built or pulled, or a usage error',
    example: ['images', '--bogus-flag'],
  },
  {
    command: 'clean',
    code: EXIT.ok,
    meaning: 'leftovers of dead runs of this project stopped (or nothing to do)',
    example: ['clean', '--run', 'no-such-run'],
  },
  {
    command: 'clean',
    code: EXIT.notJudged,
    meaning: 'a leftover could not be stopped, or a usage error',
    example: ['clean', '--bogus-flag'],
  },
  { command: 'report', code: EXIT.ok, meaning: 'the Allure report was built' },
  {
    command: 'report',
    code: EXIT.notJudged,
    meaning: 'no scenario results to report, the generator failed, or a usage error',
    example: ['report', '--results', 'reports/no-results-yet'], // the scratch project's own results are written by its chaos rows
  },
  // Last: its example writes a kafka-chaos.config.json into the scratch project the rows above share.
  {
    command: 'init',
    code: EXIT.ok,
    meaning: 'the starter files written, or kept where they existed',
    example: ['init'],
  },
  {
    command: 'init',
    code: EXIT.notJudged,
    meaning: 'a usage error (unknown flag, --dir not a directory), or a template is missing',
    example: ['init', '--dir', 'no-such-dir'],
  },
];
