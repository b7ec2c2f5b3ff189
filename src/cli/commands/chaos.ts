// `kafka-chaos chaos [--sut NAME] [--cucumber-config FILE] [cucumber args…]`: runs the Gherkin
// scenarios (features/**/*.feature; `--tags @smoke` and other cucumber arguments pass through;
// feature paths and --tags given here replace the configured ones instead of adding to them).
// First a preflight — for --dry-run and real runs alike — fails fast, before any cluster starts:
// an unknown option, a bad config, no scenario selected, an undefined, ambiguous or malformed
// step, a scenario that cannot run (replication above its brokers, broker 9 of 3, a name Kafka
// refuses, an ambiguous or unstartable SUT). Then cucumber runs them, writing
// reports/allure-results, and categories.json and environment.properties are written beside.
// Exit codes: exit-codes.ts (0 every scenario passed; 1 a reliability check failed; 2 only
// environment or usage failures — nothing was said about the SUT).

import fs from 'node:fs';
import path from 'node:path';
import { loadConfiguration, loadSupport, runCucumber, type IRunConfiguration, type IRunEnvironment } from '@cucumber/cucumber/api';
import { loadConfig, type ChaosConfig } from '../../config/chaos-config.js';
import { writeAllureExtras } from '../../report/allure-extras.js';
import { defaultSut } from '../../scenario/default-sut.js';
import { HARNESS_CUCUMBER_CONFIG, HARNESS_STEPS, projectStepImports, registerProjectStepLoader } from '../../scenario/harness-steps.js';
import { compileScenarios, formatStepProblems, type CompiledScenario } from '../../scenario/preflight.js';
import { checkScenarios } from '../../scenario/preflight-scenarios.js';
import { formatSeconds } from '../../scenario/progress-line.js';
import { runFacts } from '../../scenario/run-facts.js';
import { sutProblems } from '../../scenario/sut-preflight.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandHelp } from '../args.js';
import { checkCucumberArgs } from '../cucumber-options.js';
import { EXIT, exitCodeOfFailures } from '../exit-codes.js';
import { selectionProblem } from './chaos-selection.js';
import { featuresOfShard, parseShard, type Shard } from './chaos-shard.js';

export const DEFAULT_RESULTS_DIR = path.join('reports', 'allure-results');

/** Where shard i of n writes its Allure results by default. */
export const shardResultsDir = (shard: Shard) => `${DEFAULT_RESULTS_DIR}-shard-${shard.index}-of-${shard.total}`;

/** The harness's step definitions: loaded in every project, so the step vocabulary is always there. */

export const chaosHelp: CommandHelp = {
  summary: 'run the Gherkin scenarios (features/**/*.feature) against the system under test',
  usage: 'kafka-chaos chaos [--sut NAME] [--cucumber-config FILE] [--dry-run] [--tags EXPR] [cucumber args…] [feature paths…]',
  flags: {
    sut: { type: 'string', value: 'NAME', summary: 'the SUT "the system under test" means (one declared in kafka-chaos.config.json)' },
    'cucumber-config': {
      type: 'string',
      value: 'FILE',
      summary: "a cucumber configuration file of your own instead of the harness's (the built-in steps are added to it)",
    },
    'dry-run': {
      type: 'boolean',
      summary: 'only the preflight: config, scenarios, steps and SUTs are checked, nothing starts; exit 0 only if all is well',
    },
    tags: { type: 'string', value: 'EXPR', summary: 'run only the scenarios whose tags match, e.g. @smoke (replaces the configured tags)' },
    shard: {
      type: 'string',
      value: 'I/N',
      summary:
        'run shard I of N: the features split deterministically by scenario count; results go to reports/allure-results-shard-I-of-N',
    },
  },
  notes: [
    'Every other cucumber-js argument passes through (e.g. --name, --fail-fast, --format, --world-parameters;',
    'see `npx cucumber-js --help`). Feature paths given here replace the configured ones.',
    'Exit: 0 every scenario passed; 1 a reliability check failed; 2 environment, usage, config or scenario problem (docs/exit-codes.md).',
  ],
};

/** This command's own flags, for the unknown-option message. */
const OWN_FLAGS = ['sut', 'cucumber-config', 'shard', 'help'];

interface ChaosArgs {
  sut?: string;
  configFile?: string;
  shard?: Shard;
  cucumberArgs: string[];
}

/** Takes this command's own flags out; everything else is cucumber's. */
export function splitChaosArgs(args: readonly string[]): ChaosArgs {
  const result: ChaosArgs = { cucumberArgs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--sut' || flag === '--cucumber-config' || flag === '--shard') {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--'))
        throw new ConfigError(`${flag} needs a value`, {
          fix: `e.g. ${{ '--sut': '--sut my-forwarder', '--cucumber-config': '--cucumber-config cucumber.mjs', '--shard': '--shard 1/4' }[flag]}`,
        });
      if (flag === '--sut') result.sut = value;
      else if (flag === '--shard') result.shard = parseShard(value);
      else result.configFile = value;
    } else result.cucumberArgs.push(arg);
  }
  return result;
}

/** Empties a results directory of earlier runs' results, keeping history/ (Allure's trends). */
export function clearResults(resultsDir: string): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const name of fs.readdirSync(resultsDir)) {
    if (name === 'history') continue;
    fs.rmSync(path.join(resultsDir, name), { recursive: true, force: true });
  }
}

interface Configured {
  configuration: IRunConfiguration;
  givenPaths: string[];
  tagsGiven: boolean;
}

async function configure(args: ChaosArgs, environment: IRunEnvironment, config: ChaosConfig): Promise<Configured> {
  const cwd = environment.cwd ?? process.cwd();
  // The harness's configuration unless one is named: a project's cucumber.mjs for its other tests is not ours to take.
  // (cucumber joins the file to the cwd, so it is given relative to it.)
  const file = args.configFile ?? path.relative(cwd, HARNESS_CUCUMBER_CONFIG);
  // Feature paths on the command line replace the configured ones (cucumber would merge them).
  const { useConfiguration: given } = await loadConfiguration({ file: false, provided: args.cucumberArgs }, environment);
  const paths = new Set(given.paths);
  const { runConfiguration } = await loadConfiguration({ file, provided: args.cucumberArgs.filter((a) => !paths.has(a)) }, environment);
  if (given.paths.length > 0) runConfiguration.sources.paths = given.paths;
  // So do tags: the configured "not @known-defect" is a default, and `--tags @known-defect` runs them.
  if (given.tags.trim() !== '') runConfiguration.sources.tagExpression = given.tags;
  if (args.sut !== undefined) {
    defaultSut(args.sut, Object.keys(config.sut)); // an unknown name fails here, before anything starts
    runConfiguration.runtime.worldParameters = { ...runConfiguration.runtime.worldParameters, sut: args.sut };
  }
  const imports = (runConfiguration.support.importPaths ??= []);
  if (args.configFile === undefined) {
    const project = projectStepImports(cwd);
    // The project's steps may be TypeScript, loaded without a build step.
    if (project.length > 0) registerProjectStepLoader(cwd);
    imports.push(...project);
  } else if (imports.length === 0 && (runConfiguration.support.requirePaths ?? []).length === 0) {
    imports.push('features/**/*.@(js|mjs)'); // cucumber's default, which an import added here would switch off
  }
  if (!imports.some((p) => path.resolve(cwd, p) === HARNESS_STEPS)) imports.push(HARNESS_STEPS);
  const options = runConfiguration.formats.options as { resultsDir?: string };
  options.resultsDir ??= DEFAULT_RESULTS_DIR;
  return { configuration: runConfiguration, givenPaths: given.paths, tagsGiven: given.tags.trim() !== '' };
}

/**
 * Everything that can be known before a cluster starts; throws or prints, and says whether all is
 * well. With a shard, the run's paths become the shard's feature files.
 */
async function preflight(
  configured: Configured,
  support: Awaited<ReturnType<typeof loadSupport>>,
  environment: IRunEnvironment,
  config: ChaosConfig,
  shard: Shard | undefined,
): Promise<boolean> {
  const { configuration } = configured;
  const compiled = await compileScenarios(configuration, support, environment);
  const selection = selectionProblem({
    cwd: environment.cwd!,
    givenPaths: configured.givenPaths,
    paths: configuration.sources.paths,
    tagExpression: configuration.sources.tagExpression,
    tagsGiven: configured.tagsGiven,
    names: configuration.sources.names,
    featureFiles: compiled.featureFiles.length,
    scenariosFound: compiled.scenariosFound,
    scenariosSelected: compiled.scenarios.length,
  });
  if (selection && compiled.problems.every((p) => p.kind !== 'unparsable')) throw new ConfigError(selection);
  const requestedSut = (configuration.runtime.worldParameters as { sut?: string } | undefined)?.sut;
  const checked = checkScenarios(compiled.scenarios, {
    brokers: config.kafka.brokers,
    declaredSuts: Object.keys(config.sut),
    requestedSut,
  });
  const problems = [...compiled.problems, ...checked.problems, ...(await sutProblems(checked.suts, config))];
  problems.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
  if (problems.length > 0) {
    console.error(`kafka-chaos: ${formatStepProblems(problems)}`);
    return false;
  }
  if (shard) {
    const perFeature = new Map(compiled.featureFiles.map((uri) => [uri, 0]));
    for (const scenario of compiled.scenarios) perFeature.set(scenario.uri, (perFeature.get(scenario.uri) ?? 0) + 1);
    const mine = featuresOfShard(perFeature, shard);
    const count = mine.reduce((n, uri) => n + perFeature.get(uri)!, 0);
    console.error(
      `kafka-chaos: shard ${shard.index}/${shard.total}: ${mine.length} of ${[...perFeature.values()].filter((n) => n > 0).length} features, ${count} of ${compiled.scenarios.length} scenarios${mine.length > 0 ? `: ${mine.join(', ')}` : ''}`,
    );
    configuration.sources.paths = mine;
  }
  return true;
}

/**
 * The scenarios `kafka-chaos chaos <args>` would select, compiled, with nothing started (for
 * `kafka-chaos matrix`). A step problem is the preflight's one-line usage error.
 */
export async function selectedScenarios(args: readonly string[]): Promise<CompiledScenario[]> {
  const parsed = splitChaosArgs(args);
  checkCucumberArgs(parsed.cucumberArgs, OWN_FLAGS);
  const environment: IRunEnvironment = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env };
  const { configuration } = await configure(parsed, environment, loadConfig());
  const compiled = await compileScenarios(configuration, await loadSupport(configuration, environment), environment);
  if (compiled.problems.length > 0) throw new ConfigError(formatStepProblems(compiled.problems));
  return compiled.scenarios;
}

export async function chaosCommand(args: string[]): Promise<number> {
  const parsed = splitChaosArgs(args);
  checkCucumberArgs(parsed.cucumberArgs, OWN_FLAGS);
  const environment: IRunEnvironment = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env };
  const config = loadConfig(); // a bad config is a usage error before anything else, also for --dry-run
  const configured = await configure(parsed, environment, config);
  const { configuration } = configured;
  const options = configuration.formats.options as { resultsDir: string };
  // A shard's results stay apart from the other shards' (`kafka-chaos report --results a,b,…` merges them).
  if (parsed.shard && options.resultsDir === DEFAULT_RESULTS_DIR) options.resultsDir = shardResultsDir(parsed.shard);
  const resultsDir = path.resolve(environment.cwd!, options.resultsDir);
  const support = await loadSupport(configuration, environment);

  if (!(await preflight(configured, support, environment, config, parsed.shard))) return EXIT.notJudged;
  if (parsed.shard && configuration.sources.paths.length === 0) {
    console.error(`kafka-chaos: shard ${parsed.shard.index}/${parsed.shard.total} has no feature to run (fewer features than shards)`);
    return EXIT.ok;
  }
  if (configuration.runtime.dryRun) {
    const { success } = await runCucumber({ ...configuration, support }, environment);
    return success ? EXIT.ok : EXIT.notJudged;
  }

  clearResults(resultsDir);
  runFacts.reset();
  const started = Date.now();
  const { success } = await runCucumber({ ...configuration, support }, environment);
  const last = runFacts.environments[runFacts.environments.length - 1];
  writeAllureExtras(resultsDir, {
    runtime: last?.runtime ?? config.runtime,
    kafkaVersion: last?.kafkaVersion ?? config.kafka.version,
    sut: [...runFacts.suts].join(', ') || 'none',
    images: last?.images,
  });

  const lines = runFacts
    .featureWallTimes()
    .map(
      (f) =>
        `  ${formatSeconds(f.wallMs).padStart(6)}  ${f.scenarios} scenario${f.scenarios === 1 ? ' ' : 's'}${f.failed > 0 ? ` (${f.failed} failed)` : ''}  ${f.feature}`,
    );
  console.error(
    `kafka-chaos: ${runFacts.scenarios.length} scenarios in ${formatSeconds(Date.now() - started)}; per feature:\n${lines.join('\n')}`,
  );
  console.error(
    `kafka-chaos: Allure results in ${path.relative(process.cwd(), resultsDir) || resultsDir}; evidence under ${runFacts.environments.map((e) => e.runDir).join(', ') || '(no environment started)'}`,
  );
  if (success) return EXIT.ok;
  return exitCodeOfFailures(runFacts.failureKinds());
}
