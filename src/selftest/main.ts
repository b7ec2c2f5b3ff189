// `npm run chaos:selftest`: proves the harness catches broken pipelines. For each forwarder mode
// of the plan (plan.ts) it runs that mode's scenarios through cucumber — the correct forwarder
// runs every planned scenario — with the mode injected through a temporary
// kafka-chaos.config.json, so it works the same on either runtime. It then prints the detection
// matrix and exits 0 only if every broken mode was caught as planned and the correct forwarder
// passed everything; 1 when a mode was missed or correct failed; 2 when the environment left
// cells undecided (or the plan or config is unusable).
//
// usage: node dist/src/selftest/main.js [--only mode[,mode…]]

import fs from 'node:fs';
import path from 'node:path';
import { newRunId } from '../evidence/run-directory.js';
import { packageRoot } from '../setup/project-paths.js';
import { ConfigError, describeError } from '../util/errors.js';
import { checkPlan } from './check-plan.js';
import { buildMatrix, CORRECT_MODE, renderMatrix, restrictPlan, scenariosFor } from './detection-matrix.js';
import { userConfigJson, writeModeConfig } from './mode-config.js';
import { SELFTEST_PLAN } from './plan.js';
import { runMode } from './run-mode.js';
import { outcomesFromEnvelopes, type ScenarioOutcome } from './scenario-outcome.js';

/** Per scenario a mode runs, plus one cluster start per feature file, bounds the mode's run. */
const SCENARIO_BUDGET_MS = 4 * 60_000;
const FEATURE_BUDGET_MS = 60_000;

function parseArgs(argv: readonly string[]): { only?: string[] } {
  if (argv.length === 0) return {};
  if (argv[0] === '--only' && argv[1] && argv.length === 2) return { only: argv[1].split(',').map((m) => m.trim()) };
  throw new ConfigError(`unexpected arguments: ${argv.join(' ')}`, { fix: 'chaos:selftest [-- --only auto-commit,double-send]' });
}

async function main(argv: readonly string[]): Promise<number> {
  const startedAt = Date.now();
  const plan = restrictPlan(SELFTEST_PLAN, parseArgs(argv).only);
  await checkPlan(plan);
  const base = userConfigJson();
  const dir = path.join(packageRoot, 'reports', 'selftest', newRunId());
  fs.mkdirSync(dir, { recursive: true });
  console.log(
    `selftest: ${plan.broken.length} broken modes and the correct forwarder; runs in ${path.relative(process.cwd(), dir) || dir}`,
  );

  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const mode of [CORRECT_MODE, ...plan.broken.map((m) => m.mode)]) {
      if (interrupt.signal.aborted) break;
      const scenarios = scenariosFor(plan, mode);
      const features = new Set(scenarios.map((s) => s.feature)).size;
      const modeStartedAt = Date.now();
      console.log(`\n[${mode}] ${scenarios.length} scenarios`);
      const run = await runMode({
        mode,
        scenarios,
        configFile: writeModeConfig(dir, base, mode, plan.broken.find((m) => m.mode === mode)?.sut),
        dir,
        timeoutMs: scenarios.length * SCENARIO_BUDGET_MS + features * FEATURE_BUDGET_MS,
        signal: interrupt.signal,
        onProgress: (p) => {
          if (p.event === 'finished') console.log(`[${mode}]   ${p.status === 'PASSED' ? 'passed' : p.status.toLowerCase()}: ${p.name}`);
        },
      });
      const found = outcomesFromEnvelopes(mode, run.envelopes, scenarios).map((o) =>
        o.status === 'env-error' && run.problem ? { ...o, detail: `${o.detail}; ${run.problem}` } : o,
      );
      outcomes.push(...found);
      const seconds = Math.round((Date.now() - modeStartedAt) / 1000);
      console.log(
        `[${mode}] done in ${seconds} s${run.problem ? ` — ${run.problem}` : ''}; log: ${path.relative(process.cwd(), run.logFile)}`,
      );
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const matrix = buildMatrix(plan, outcomes);
  const text = renderMatrix(matrix);
  fs.writeFileSync(path.join(dir, 'matrix.txt'), `${text}\n`);
  fs.writeFileSync(path.join(dir, 'matrix.json'), `${JSON.stringify({ ...matrix, outcomes }, null, 2)}\n`);
  const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
  console.log(`\ndetection matrix (${minutes} min):\n\n${text}\n`);
  if (interrupt.signal.aborted) {
    console.log('selftest: interrupted; the matrix holds what finished');
    return 130;
  }
  const verdicts = {
    0: 'every broken mode was caught and the correct forwarder passed',
    1: 'NOT every broken mode was caught, or the correct forwarder failed',
    2: 'the environment left cells undecided',
  };
  console.log(`selftest: ${verdicts[matrix.exitCode]}`);
  return matrix.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`selftest: ${describeError(error)}`);
    process.exitCode = 2;
  },
);
