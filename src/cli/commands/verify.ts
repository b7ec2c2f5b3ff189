// `kafka-chaos verify <dir>`: judges a run from its ledgers alone — also one whose runner was
// killed. <dir> is a run directory (it has run.json: a scenario's folder, or a hand-made run) or a
// run root (the folder `chaos` prints as "evidence under …", holding scenarios/<NN-slug>/ run
// directories: each is judged, one table apiece). Each judged directory gets verdict.json and
// timeline.json. Exit: 0 all held, 1 a judged check was violated (or a step found a failure), 2
// undecided or unusable evidence — over a run root, the worst of its scenarios.

import fs from 'node:fs';
import path from 'node:path';
import { readLedgers } from '../../evidence/read-ledgers.js';
import { readRunFacts } from '../../evidence/run-json.js';
import { ConfigError, describeError } from '../../util/errors.js';
import { buildTimeline, judgeRun, optionsFromFacts, type JudgeOverrides, type Verdict } from '../../verify/index.js';
import { flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT, EXIT_OF_KIND, exitCodeOfError } from '../exit-codes.js';
import { verdictTable } from '../../report/verdict-table.js';

export const verifyHelp = {
  summary: 'judge a run directory (or a run root, scenario by scenario) from its ledgers',
  usage: 'kafka-chaos verify <run-dir | run-root> [--all] [--group ID] [--topic NAME] [--max-duplicates N]',
  flags: {
    all: { type: 'boolean', summary: "judge every check, not only the ones the scenario's steps asserted" },
    group: { type: 'string', value: 'ID', summary: "the SUT's consumer group (default: run.json's group)" },
    topic: { type: 'string', value: 'NAME', summary: "judge only this topic (default: run.json's topics)" },
    'max-duplicates': {
      type: 'string',
      value: 'N',
      summary: "the duplicates bound (default: run.json's maxDuplicates; none: duplicates not judged)",
    },
  },
  notes: [
    'A run directory holds run.json; a run root (what chaos prints as "evidence under …") holds scenarios/<NN-slug>/.',
    'Each judged directory gets verdict.json and timeline.json.',
    'Exit: 0 every judged check holds, 1 one is violated, 2 the checker could not decide or the evidence is unusable.',
  ],
} as const satisfies CommandHelp;

const FLAGS = flagTypes(verifyHelp.flags);

// A violated check is a verdict on the SUT; an undecided one is missing evidence, the environment's.
const exitOf = (valid: Verdict['valid']): number =>
  valid === true ? EXIT.ok : EXIT_OF_KIND[valid === false ? 'reliability' : 'environment'];

/** Worst of exit codes: 1 (violated) over 2 (undecided) over 0. */
export function worstExit(codes: readonly number[]): number {
  if (codes.includes(1)) return 1;
  return codes.includes(2) ? 2 : 0;
}

/** The scenario folders of a run root (those holding a run.json), in name order. */
export function scenarioDirs(root: string): string[] {
  const scenarios = path.join(root, 'scenarios');
  if (!fs.existsSync(scenarios) || !fs.statSync(scenarios).isDirectory()) return [];
  return fs
    .readdirSync(scenarios)
    .sort()
    .map((name) => path.join(scenarios, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'run.json')));
}

function overridesFrom(flags: ReturnType<typeof parseFlags<typeof FLAGS>>): JudgeOverrides {
  const overrides: JudgeOverrides = { all: flags.all === true };
  if (flags.group !== undefined) overrides.group = flags.group;
  if (flags.topic !== undefined) overrides.topics = [flags.topic];
  if (flags['max-duplicates'] !== undefined) {
    const bound = Number(flags['max-duplicates']);
    if (!(Number.isInteger(bound) && bound >= 0))
      throw new ConfigError(`--max-duplicates must be a whole number ≥ 0, not ${flags['max-duplicates']}`);
    overrides.maxDuplicates = bound;
  }
  return overrides;
}

/** Judges one run directory: writes verdict.json and timeline.json, prints the table, returns the exit code. */
async function judgeDirectory(runDir: string, overrides: JudgeOverrides): Promise<number> {
  const facts = readRunFacts(runDir);
  const options = optionsFromFacts(facts, overrides, path.join(runDir, 'run.json'));
  const ledgers = await readLedgers(runDir, facts);
  const verdict = judgeRun(ledgers, facts, overrides);
  fs.writeFileSync(path.join(runDir, 'verdict.json'), JSON.stringify(verdict, null, 2) + '\n');
  fs.writeFileSync(path.join(runDir, 'timeline.json'), JSON.stringify(buildTimeline(ledgers, options.group)) + '\n');
  console.log(verdictTable(verdict));
  return exitOf(verdict.valid);
}

/** `--help` is main.ts's, from verifyHelp: this command never sees it. */
export async function verifyCommand(args: string[]): Promise<number> {
  const dir = args[0];
  if (!dir || dir.startsWith('--'))
    throw new ConfigError('verify needs a run directory', {
      fix: 'kafka-chaos verify reports/runs/<run-id> [--all] [--max-duplicates N] (see verify --help)',
    });
  const overrides = overridesFrom(parseFlags(args.slice(1), FLAGS));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError(`${dir} is not a directory`, {
      fix: 'give verify a run directory (with run.json) or a run root (with scenarios/)',
    });
  }
  const scenarios = scenarioDirs(dir);
  if (scenarios.length === 0) {
    if (fs.existsSync(path.join(dir, 'run.json'))) return judgeDirectory(dir, overrides);
    throw new ConfigError(`${dir} is neither a run directory (it has no run.json) nor a run root (it has no scenarios/*/run.json)`, {
      fix: 'give verify the folder `kafka-chaos chaos` printed as "evidence under …", or one of its scenarios/<NN-slug> folders',
    });
  }
  const codes: number[] = [];
  for (const scenario of scenarios) {
    console.log(`\nscenario ${path.basename(scenario)} (${scenario})`);
    try {
      codes.push(await judgeDirectory(scenario, overrides));
    } catch (error) {
      // One scenario's unusable run.json must not hide the others' verdicts.
      console.log(`  error: ${describeError(error)}`);
      codes.push(exitCodeOfError(error));
    }
  }
  const worst = worstExit(codes);
  console.log(
    `\n${scenarios.length} scenarios: ${codes.filter((c) => c === 0).length} hold, ${codes.filter((c) => c === 1).length} violated, ${codes.filter((c) => c === 2).length} undecided`,
  );
  return worst;
}
