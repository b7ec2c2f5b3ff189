// `kafka-chaos report [--results DIR[,DIR…]] [--report DIR] [--timeout-ms N]`: builds the Allure
// report from the scenario results `chaos` wrote — several directories (the shards of a split run)
// merged into one — keeping the previous report's history (trends, flaky and new failures). The paths are the user's project's — relative to the working directory,
// where `chaos` writes reports/allure-results — never the installed package's. Exit 0 built;
// 2 nothing to report or the generator failed, printed by main.ts as one line with its fix.

import path from 'node:path';
import { buildAllureReport, mergeResults } from '../../report/allure-report.js';
import { ConfigError } from '../../util/errors.js';
import { flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { DEFAULT_RESULTS_DIR } from './chaos.js';

const DEFAULT_REPORT_DIR = path.join('reports', 'allure-report');
/** Where the results of several directories (shards) are gathered for one report. */
const MERGED_RESULTS_DIR = path.join('reports', 'allure-results-merged');

export const reportHelp = {
  summary: 'build the Allure report (reports/allure-report) from the last chaos run, keeping history',
  usage: 'kafka-chaos report [--results DIR[,DIR…]] [--report DIR] [--timeout-ms N]',
  flags: {
    results: {
      type: 'string',
      value: 'DIR[,DIR…]',
      summary: `the Allure results chaos wrote (default: ${DEFAULT_RESULTS_DIR}); several, comma-separated — shards' — are merged into one report`,
    },
    report: {
      type: 'string',
      value: 'DIR',
      summary: `where the report goes; its history/ carries trends to the next (default: ${DEFAULT_REPORT_DIR})`,
    },
    'timeout-ms': { type: 'string', value: 'N', summary: 'give up on the generator after N milliseconds (default: 180000)' },
  },
  notes: [
    'Relative paths are taken from the current directory (your project). The generator runs on Java 8+.',
    'Exit: 0 the report was built; 2 no results to report, or the generator failed.',
  ],
} as const satisfies CommandHelp;

export async function reportCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, flagTypes(reportHelp.flags));
  const timeoutMs = flags['timeout-ms'] === undefined ? undefined : Number(flags['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigError(`--timeout-ms must be a whole number of milliseconds > 0, not ${flags['timeout-ms']}`, {
      fix: 'e.g. --timeout-ms 300000',
    });
  }
  const resultsDirs = (flags.results ?? DEFAULT_RESULTS_DIR)
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  const resultsDir = resultsDirs.length > 1 ? mergeResults(resultsDirs, MERGED_RESULTS_DIR) : (resultsDirs[0] ?? DEFAULT_RESULTS_DIR);
  const reportDir = flags.report ?? DEFAULT_REPORT_DIR;
  const built = await buildAllureReport({ resultsDir, reportDir, timeoutMs });
  const shown = path.relative(process.cwd(), built.reportDir) || '.';
  console.log(
    `Allure report: ${shown}/index.html — ${built.results} scenario result${built.results === 1 ? '' : 's'}, ` +
      `${built.historyKept ? 'history of earlier runs kept' : 'first run (no earlier history)'}; ` +
      `view it with: npx allure open -h 127.0.0.1 ${shown}`,
  );
  return EXIT.ok;
}
