#!/usr/bin/env node
// `npm run report` (node dist/src/report/main.js [--results DIR] [--report DIR]): builds the Allure
// report from the scenario results, keeping history. Exit 0 built; 2 nothing to report or the
// generator failed — printed as one line with its fix. Paths default to the project's reports/.

import path from 'node:path';
import { packageRoot } from '../setup/project-paths.js';
import { ConfigError, describeError } from '../util/errors.js';
import { parseFlags } from '../util/parse-flags.js';
import { buildAllureReport } from './allure-report.js';

async function main(args: string[]): Promise<number> {
  const flags = parseFlags(args, { results: 'string', report: 'string', 'timeout-ms': 'string' });
  const timeoutMs = flags['timeout-ms'] === undefined ? undefined : Number(flags['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigError(`--timeout-ms must be a whole number of milliseconds > 0, not ${flags['timeout-ms']}`);
  }
  const resultsDir = flags.results ?? path.join(packageRoot, 'reports', 'allure-results');
  const reportDir = flags.report ?? path.join(packageRoot, 'reports', 'allure-report');
  const built = await buildAllureReport({ resultsDir, reportDir, timeoutMs });
  const shown = path.relative(process.cwd(), built.reportDir) || '.';
  console.log(
    `Allure report: ${shown}/index.html — ${built.results} scenario result${built.results === 1 ? '' : 's'}, ` +
      `${built.historyKept ? 'history of earlier runs kept' : 'first run (no earlier history)'}; ` +
      `view it with: npx allure open -h 127.0.0.1 ${shown}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`kafka-chaos report: ${describeError(error)}`);
    process.exitCode = 2;
  },
);
