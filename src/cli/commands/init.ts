// `kafka-chaos init [--dir DIR]`: starts kafka-chaos in a user's project (the working directory,
// or DIR) — a config declaring one SUT to fill in, the seed scenario (an HTTP outage that must
// lose nothing), a GitHub Actions workflow, and reports/ in .gitignore. It never overwrites: a
// file already there is the user's and is left byte for byte as it is ("kept"), so init is safe
// to run twice or in a project that has some of these already. The templates are real files
// under the package's templates/init/, so they ship with it and are read where it is installed.

import fs from 'node:fs';
import path from 'node:path';
import { hint } from '../../setup/command-hint.js';
import { DEFAULT_KAFKA_VERSION } from '../../setup/kafka-distribution.js';
import { packageRoot } from '../../setup/project-paths.js';
import { ConfigError, EnvironmentError } from '../../util/errors.js';
import { flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const initHelp = {
  summary: 'start kafka-chaos in your project: a config, an example scenario, a CI workflow (never overwrites)',
  usage: 'kafka-chaos init [--dir DIR]',
  flags: {
    dir: { type: 'string', value: 'DIR', summary: "the project's folder (default: the current directory); it must exist" },
  },
  notes: [
    'Writes kafka-chaos.config.json, features/example-http-outage.feature and .github/workflows/chaos.yml where',
    'they do not exist yet, and adds reports/ to .gitignore. An existing file is kept as it is, never overwritten.',
  ],
} as const satisfies CommandHelp;

/** The templates' folder in the installed package. */
export const TEMPLATES_DIR = path.join(packageRoot, 'templates', 'init');

/** Each file init writes: its template (under TEMPLATES_DIR) and where it goes in the project. */
export const INIT_FILES: readonly { template: string; target: string }[] = [
  { template: 'kafka-chaos.config.json', target: 'kafka-chaos.config.json' },
  { template: 'example-http-outage.feature', target: path.join('features', 'example-http-outage.feature') },
  // Not a dot-folder in the package: publishing tools skip or rename some dotfiles.
  { template: 'github-workflow-chaos.yml', target: path.join('.github', 'workflows', 'chaos.yml') },
];

/** What init puts in .gitignore: run output (results, reports, evidence), never source. */
const IGNORED = 'reports/';

export type InitOutcome = 'wrote' | 'kept' | 'appended';

/** A template's text, with the values that must follow the installed package filled in. */
function templateText(template: string): string {
  const file = path.join(TEMPLATES_DIR, template);
  if (!fs.existsSync(file)) {
    throw new EnvironmentError(`the template ${file} is missing from the installed kafka-chaos`, {
      fix: 'reinstall the package: `npm install -D kafka-chaos`',
    });
  }
  return fs.readFileSync(file, 'utf8').replaceAll('@KAFKA_VERSION@', DEFAULT_KAFKA_VERSION);
}

/** Writes `text` to `file` unless something is there already; 'wx' makes the check and the write one step. */
function writeNew(file: string, text: string): InitOutcome {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, text, { flag: 'wx' });
    return 'wrote';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'kept';
    throw error;
  }
}

/** Adds IGNORED to .gitignore unless a line already ignores reports/ (in any of git's spellings). */
function ignoreReports(file: string): InitOutcome {
  if (!fs.existsSync(file)) return writeNew(file, `${IGNORED}\n`);
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => ['reports', 'reports/', '/reports', '/reports/'].includes(line))) return 'kept';
  fs.appendFileSync(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${IGNORED}\n`);
  return 'appended';
}

/** The project folder: --dir (relative to the working directory) or the working directory itself. */
function projectDir(dir: string | undefined): string {
  if (dir === undefined) return process.cwd();
  const resolved = path.resolve(dir);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) {
    throw new ConfigError(`--dir ${dir} is not a directory`, { fix: 'create the folder first, or give --dir the folder of your project' });
  }
  return resolved;
}

/** Writes the starter files into `dir`; returns each file's outcome, path relative to `dir`. */
export function initProject(dir: string): { file: string; outcome: InitOutcome }[] {
  const results = INIT_FILES.map(({ template, target }) => ({
    file: target,
    outcome: writeNew(path.join(dir, target), templateText(template)),
  }));
  results.push({ file: '.gitignore', outcome: ignoreReports(path.join(dir, '.gitignore')) });
  return results;
}

function nextSteps(configKept: boolean): string[] {
  const sut = configKept
    ? 'kafka-chaos.config.json was kept: the example says "the system under test", which is your one declared SUT (with several, pass --sut NAME)'
    : 'kafka-chaos.config.json: point sut.my-service.command at what starts your consumer (relative to the config file; rename my-service at will)';
  return [
    '',
    'next steps:',
    `  1. ${sut}.`,
    '     Your service gets KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC, KAFKA_GROUP_ID and TARGET_URL (POST each message there);',
    '     see the SUT contract in the package docs (docs/sut-contract.md). Add "image" to run it in Docker (runtime "container").',
    `  2. \`${hint('steps')}\` lists every step a scenario can use; add your own stories under features/.`,
    `  3. \`${hint('chaos', '--dry-run')}\` checks config, scenarios and your SUT's command without starting anything.`,
    `  4. \`${hint('setup')}\` then \`${hint('chaos')}\`: the real run (Kafka needs Java 17+ and Maven, Toxiproxy Go 1.23+).`,
    `  5. \`${hint('report')}\` builds the Allure report in reports/allure-report.`,
    '  .github/workflows/chaos.yml runs steps 4 and 5 in GitHub Actions; build your service where it says so.',
  ];
}

export async function initCommand(args: string[]): Promise<number> {
  // Said outright, as the answer to a likely guess: there is no flag that overwrites.
  if (args.includes('--force')) {
    throw new ConfigError('init never overwrites a file, and has no --force', {
      fix: 'move or delete the file you want rewritten, then run init again',
    });
  }
  const flags = parseFlags(args, flagTypes(initHelp.flags));
  const dir = projectDir(flags.dir);
  const results = initProject(dir);
  const shown = (file: string) => path.relative(process.cwd(), path.join(dir, file)) || file;
  for (const { file, outcome } of results) {
    const ignored = file === '.gitignore';
    const why =
      outcome === 'kept' ? (ignored ? ` (it ignores ${IGNORED} already)` : ' (it exists; left as it is)') : ignored ? ` (${IGNORED})` : '';
    console.log(`${outcome.padEnd(8)} ${shown(file)}${why}`);
  }
  const configKept = results.find((r) => r.file === 'kafka-chaos.config.json')?.outcome === 'kept';
  console.log(nextSteps(configKept).join('\n'));
  return EXIT.ok;
}
