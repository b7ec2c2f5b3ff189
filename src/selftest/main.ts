// `npm run chaos:selftest`: proves the harness catches broken pipelines. For each forwarder mode
// of the plan (plan.ts) it runs that mode's scenarios through cucumber — the correct forwarder
// runs every planned scenario — with the mode injected through a temporary
// kafka-chaos.config.json, so it works the same on either runtime. It then prints the detection
// matrix and exits 0 only if every broken mode was caught as planned and the correct forwarder
// passed everything; 1 when a mode was missed or correct failed; 2 when the environment left
// cells undecided (or the plan or config is unusable).
//
// With --correct-from, the correct forwarder's scenarios that a chaos run already ran the same way
// are taken from that run's cucumber messages instead of being run again (CI does this).
//
// --fast runs every forwarder mode in the fast configuration (partitions in flight, batched commits).
//
// usage: node dist/src/selftest/main.js [--only mode[,mode…]] [--fast] [--correct-from messages.ndjson]

import fs from 'node:fs';
import path from 'node:path';
import { newRunId } from '../evidence/run-directory.js';
import { packageRoot } from '../setup/project-paths.js';
import { loadConfig } from '../config/chaos-config.js';
import { ConfigError, describeError } from '../util/errors.js';
import { checkPlan } from './check-plan.js';
import { buildMatrix, CORRECT_MODE, renderMatrix, restrictPlan, scenariosFor } from './detection-matrix.js';
import { FAST_FORWARDER_ENV, userConfigJson, writeModeConfig } from './mode-config.js';
import { SELFTEST_PLAN } from './plan.js';
import type { SelftestPlan } from './detection-matrix.js';
import { runMode } from './run-mode.js';
import { splitCorrectRuns, type CorrectRunSplit } from './reused-correct-runs.js';
import { outcomesFromEnvelopes, readEnvelopes, type ScenarioOutcome } from '../scenario/scenario-outcome.js';

/** Per scenario a mode runs, plus one cluster start per feature file, bounds the mode's run. */
const SCENARIO_BUDGET_MS = 4 * 60_000;
const FEATURE_BUDGET_MS = 60_000;

interface SelftestArgs {
  only?: string[];
  /** A cucumber message stream (`--format message:FILE`) of a chaos run whose correct-forwarder results to reuse. */
  correctFrom?: string;
  /** Every forwarder mode in the fast configuration (FAST_FORWARDER_ENV). */
  fast?: boolean;
}

const USAGE_FIX = 'chaos:selftest [-- --only auto-commit,double-send] [--fast] [--correct-from reports/chaos-messages.ndjson]';

function parseArgs(argv: readonly string[]): SelftestArgs {
  const args: SelftestArgs = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--fast') {
      args.fast = true;
      i--;
      continue;
    }
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`${flag} needs a value`, { fix: USAGE_FIX });
    if (flag === '--only') args.only = value.split(',').map((m) => m.trim());
    else if (flag === '--correct-from') args.correctFrom = value;
    else throw new ConfigError(`unexpected arguments: ${argv.join(' ')}`, { fix: USAGE_FIX });
  }
  return args;
}

/**
 * The correct forwarder's results already in a chaos run's message stream (reused-correct-runs.ts),
 * or none. The runtime must be named: "auto" could have chosen differently for that run.
 */
function reusableCorrect(file: string | undefined, plan: SelftestPlan, configFile: string): CorrectRunSplit | undefined {
  if (file === undefined) return undefined;
  if (!fs.existsSync(file)) {
    throw new ConfigError(`--correct-from ${file}: no such file`, {
      fix: 'write it with `kafka-chaos chaos --format message:<file>` first, or leave --correct-from out',
    });
  }
  const config = loadConfig(configFile);
  if (config.runtime === 'auto') {
    throw new ConfigError('--correct-from needs the runtime named, as the chaos run it reuses had one', {
      fix: "set CHAOS_RUNTIME (process or container) or the config's runtime",
    });
  }
  const envelopes = readEnvelopes(file);
  return splitCorrectRuns(envelopes, scenariosFor(plan, CORRECT_MODE), { runtime: config.runtime, kafkaVersion: config.kafka.version });
}

async function main(argv: readonly string[]): Promise<number> {
  const startedAt = Date.now();
  const args = parseArgs(argv);
  const plan = restrictPlan(SELFTEST_PLAN, args.only);
  await checkPlan(plan);
  const base = userConfigJson();
  const dir = path.join(packageRoot, 'reports', 'selftest', newRunId());
  fs.mkdirSync(dir, { recursive: true });
  const forwarderEnv = args.fast ? FAST_FORWARDER_ENV : {};
  const earlier = reusableCorrect(args.correctFrom, plan, writeModeConfig(dir, base, CORRECT_MODE, undefined, forwarderEnv));
  console.log(
    `selftest: ${plan.broken.length} broken modes and the correct forwarder${args.fast ? ', the forwarder in its fast configuration' : ''}; runs in ${path.relative(process.cwd(), dir) || dir}`,
  );

  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const mode of [CORRECT_MODE, ...plan.broken.map((m) => m.mode)]) {
      if (interrupt.signal.aborted) break;
      let scenarios = scenariosFor(plan, mode);
      if (mode === CORRECT_MODE && earlier) {
        outcomes.push(...earlier.reused.map((o) => ({ ...o, detail: `${o.detail} (in ${args.correctFrom})` })));
        scenarios = earlier.toRun;
        const taken = earlier.reused.map((o) => `${o.scenario} ${o.status}`).join(', ') || 'none';
        console.log(
          `\n[${mode}] ${earlier.reused.length} of ${earlier.reused.length + scenarios.length} taken from ${args.correctFrom}: ${taken}`,
        );
        for (const note of earlier.notes) console.log(`[${mode}]   ${note}`);
        if (scenarios.length === 0) continue;
      }
      const features = new Set(scenarios.map((s) => s.feature)).size;
      const modeStartedAt = Date.now();
      console.log(`\n[${mode}] ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`);
      const run = await runMode({
        mode,
        scenarios,
        configFile: writeModeConfig(dir, base, mode, plan.broken.find((m) => m.mode === mode)?.sut, forwarderEnv),
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
