// `kafka-chaos chaos [--sut NAME] [--cucumber-config FILE] [cucumber args…]`: runs the Gherkin
// scenarios (features/**/*.feature; `--tags @smoke` and other cucumber arguments pass through;
// feature paths and --tags given here replace the configured ones instead of adding to them).
// First a preflight compiles every selected scenario and fails fast — before any cluster
// starts — on an undefined, ambiguous or malformed step. Then cucumber runs them, writing
// reports/allure-results, and categories.json and environment.properties are written beside.
// Exit 0: every scenario passed; 1: a reliability check failed; 2: only environment or usage
// failures (nothing was said about the SUT).

import fs from 'node:fs';
import path from 'node:path';
import { loadConfiguration, loadSupport, runCucumber, type IRunConfiguration, type IRunEnvironment } from '@cucumber/cucumber/api';
import { loadConfig } from '../../config/chaos-config.js';
import { writeAllureExtras } from '../../report/allure-extras.js';
import { defaultSut } from '../../scenario/default-sut.js';
import { findStepProblems, formatStepProblems } from '../../scenario/preflight.js';
import { formatSeconds } from '../../scenario/progress-line.js';
import { runFacts } from '../../scenario/run-facts.js';
import { ConfigError } from '../../util/errors.js';

export const DEFAULT_RESULTS_DIR = path.join('reports', 'allure-results');

interface ChaosArgs {
  sut?: string;
  configFile?: string;
  cucumberArgs: string[];
}

/** Takes this command's own flags out; everything else is cucumber's. */
export function splitChaosArgs(args: readonly string[]): ChaosArgs {
  const result: ChaosArgs = { cucumberArgs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--sut' || flag === '--cucumber-config') {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new ConfigError(`${flag} needs a value`, { fix: `e.g. ${flag === '--sut' ? '--sut my-forwarder' : '--cucumber-config cucumber.mjs'}` });
      if (flag === '--sut') result.sut = value;
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

async function configure(args: ChaosArgs, environment: IRunEnvironment): Promise<IRunConfiguration> {
  const cwd = environment.cwd ?? process.cwd();
  const file = args.configFile ?? (fs.existsSync(path.join(cwd, 'cucumber.mjs')) ? 'cucumber.mjs' : undefined);
  // Feature paths on the command line replace the configured ones (cucumber would merge them).
  const { useConfiguration: given } = await loadConfiguration({ file: false, provided: args.cucumberArgs }, environment);
  const paths = new Set(given.paths);
  const { runConfiguration } = await loadConfiguration({ file, provided: args.cucumberArgs.filter((a) => !paths.has(a)) }, environment);
  if (given.paths.length > 0) runConfiguration.sources.paths = given.paths;
  // So do tags: the configured "not @known-defect" is a default, and `--tags @known-defect` runs them.
  if (given.tags.trim() !== '') runConfiguration.sources.tagExpression = given.tags;
  if (args.sut !== undefined) {
    defaultSut(args.sut); // an unknown name fails here, before anything starts
    runConfiguration.runtime.worldParameters = { ...runConfiguration.runtime.worldParameters, sut: args.sut };
  }
  const options = runConfiguration.formats.options as { resultsDir?: string };
  options.resultsDir ??= DEFAULT_RESULTS_DIR;
  return runConfiguration;
}

export async function chaosCommand(args: string[]): Promise<number> {
  const parsed = splitChaosArgs(args);
  const environment: IRunEnvironment = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env };
  const configuration = await configure(parsed, environment);
  const resultsDir = path.resolve(environment.cwd!, (configuration.formats.options as { resultsDir: string }).resultsDir);
  const support = await loadSupport(configuration, environment);

  const problems = await findStepProblems(configuration, support, environment);
  if (problems.length > 0) {
    console.error(`kafka-chaos: ${formatStepProblems(problems)}`);
    return 2;
  }
  if (configuration.runtime.dryRun) {
    const { success } = await runCucumber({ ...configuration, support }, environment);
    return success ? 0 : 2;
  }

  clearResults(resultsDir);
  runFacts.reset();
  const started = Date.now();
  const { success } = await runCucumber({ ...configuration, support }, environment);
  const config = loadConfig();
  const last = runFacts.environments[runFacts.environments.length - 1];
  writeAllureExtras(resultsDir, {
    runtime: last?.runtime ?? config.runtime,
    kafkaVersion: last?.kafkaVersion ?? config.kafka.version,
    sut: [...runFacts.suts].join(', ') || 'none',
    images: last?.images,
  });

  const lines = runFacts.featureWallTimes().map((f) => `  ${formatSeconds(f.wallMs).padStart(6)}  ${f.scenarios} scenario${f.scenarios === 1 ? ' ' : 's'}${f.failed > 0 ? ` (${f.failed} failed)` : ''}  ${f.feature}`);
  console.error(`kafka-chaos: ${runFacts.scenarios.length} scenarios in ${formatSeconds(Date.now() - started)}; per feature:\n${lines.join('\n')}`);
  console.error(`kafka-chaos: Allure results in ${path.relative(process.cwd(), resultsDir) || resultsDir}; evidence under ${runFacts.environments.map((e) => e.runDir).join(', ') || '(no environment started)'}`);
  if (success) return 0;
  return runFacts.reliabilityFailures().length > 0 ? 1 : 2;
}
