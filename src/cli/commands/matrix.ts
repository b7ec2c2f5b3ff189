// `kafka-chaos matrix [--suts a,b,…] [--kafka v1,v2,…] [--out DIR] [chaos args…]`: the same scenarios against
// each client and Kafka version, side by side. It selects what `kafka-chaos chaos <chaos args>`
// would, keeps the scenarios that start "the system under test" (portable-scenarios.ts), runs
// them once per client and version (`chaos --sut <client>` with KAFKA_VERSION, one after the
// other: one cluster at a time), and prints client × scenario → verdict with the headline
// figures; matrix.json and each column's Allure results (the runtime, the SUT and Kafka as
// parameters, so one report shows a scenario per client) go to reports/matrix/<id>/.
// Exit: 0 every cell passed; 1 a reliability check failed in some cell; 2 otherwise.

import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/chaos-config.js';
import { newRunId } from '../../evidence/run-directory.js';
import { matrixCells, otherVersionCell, type MatrixCell } from '../../matrix/matrix-cells.js';
import { runColumn } from '../../matrix/matrix-run.js';
import { matrixExitCode, renderMatrix, type MatrixColumn } from '../../matrix/matrix-table.js';
import { runsOnColumn, splitPortable } from '../../matrix/portable-scenarios.js';
import { stepById } from '../../scenario/step-registry.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandHelp } from '../args.js';
import { selectedScenarios } from './chaos.js';

/** The reference consumers a matrix runs unless --suts names others. */
export const REFERENCE_CLIENTS = ['forwarder', 'go-forwarder', 'java-forwarder', 'python-forwarder'] as const;

export const matrixHelp: CommandHelp = {
  summary: 'run the scenarios that start "the system under test" against each client and Kafka version, side by side',
  usage: 'kafka-chaos matrix [--suts NAME,…] [--kafka VERSION,…] [--out DIR] [chaos args…] [feature paths…]',
  flags: {
    suts: { type: 'string', value: 'NAME,…', summary: `the clients, each a declared SUT (default: ${REFERENCE_CLIENTS.join(', ')})` },
    kafka: { type: 'string', value: 'VERSION,…', summary: "the Kafka versions (default: the config's, e.g. 3.9.1,4.4.0)" },
    out: { type: 'string', value: 'DIR', summary: 'where its output goes (default: reports/matrix/<id>)' },
  },
  notes: [
    'Every other argument goes to `kafka-chaos chaos` as given (--tags, feature paths, cucumber options).',
    'A scenario that names its own SUT runs the same client in every column: it is listed, not run.',
    'Output: reports/matrix/<id>/ — matrix.txt, matrix.json, and per column its chaos.log and allure-results',
    "(`kafka-chaos report --results <the columns' allure-results, comma-separated>` builds one report).",
    'Exit: 0 every cell passed; 1 a reliability check failed in some cell; 2 a cell was left undecided.',
  ],
};

const EXAMPLES: Record<string, string> = { '--suts': 'forwarder,go-forwarder', '--kafka': '3.9.1,4.4.0', '--out': 'reports/my-matrix' };

/** Takes `flag VALUE` (or `flag=VALUE`) out of args: the matrix's own flags; the rest are chaos's. */
function takeFlag(args: string[], flag: string): string | undefined {
  const at = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (at < 0) return undefined;
  const inline = args[at]!.includes('=') ? args[at]!.slice(flag.length + 1) : undefined;
  const value = inline ?? args[at + 1];
  if (value === undefined || value.startsWith('--'))
    throw new ConfigError(`${flag} needs a value`, {
      fix: `e.g. ${flag} ${EXAMPLES[flag]}`,
    });
  args.splice(at, inline === undefined ? 2 : 1);
  return value;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * The chaos arguments without --name: a column names its scenarios exactly, and cucumber ORs
 * names, so the user's (already applied in choosing them) would let pinned scenarios back in.
 */
function withoutNames(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--name') i++;
    else if (!args[i]!.startsWith('--name=')) kept.push(args[i]!);
  }
  return kept;
}

export async function matrixCommand(argv: string[]): Promise<number> {
  const chaosArgs = [...argv];
  const config = loadConfig();
  const suts = list(takeFlag(chaosArgs, '--suts')) ?? [...REFERENCE_CLIENTS];
  const versions = list(takeFlag(chaosArgs, '--kafka')) ?? [config.kafka.version];
  const out = takeFlag(chaosArgs, '--out');
  if (chaosArgs.some((a) => a === '--sut' || a.startsWith('--sut=') || a === '--shard' || a.startsWith('--shard='))) {
    throw new ConfigError('matrix sets --sut for each column and runs every scenario', {
      fix: 'name the clients with --suts a,b and leave --sut and --shard out',
    });
  }
  const unknown = suts.find((s) => config.sut[s] === undefined);
  if (unknown)
    throw new ConfigError(`--suts: "${unknown}" is not a declared SUT`, { fix: `declared: ${Object.keys(config.sut).join(', ')}` });
  const badVersion = versions.find((v) => !/^\d+\.\d+\.\d+$/.test(v));
  if (badVersion) throw new ConfigError(`--kafka: "${badVersion}" is not a version like 3.9.1`, { fix: 'e.g. --kafka 3.9.1,4.4.0' });

  const split = splitPortable(await selectedScenarios(chaosArgs), (id) => stepById(id)?.sut);
  if (split.portable.length === 0) {
    throw new ConfigError('no selected scenario starts "the system under test"', {
      fix: 'select features whose scenarios say "the system under test consumes …" (see docs/matrix.md)',
    });
  }
  const dir = out ?? path.join('reports', 'matrix', newRunId());
  fs.mkdirSync(dir, { recursive: true });
  const columns: MatrixColumn[] = versions.flatMap((kafkaVersion) => suts.map((sut) => ({ sut, kafkaVersion })));
  console.log(
    `matrix: ${split.portable.length} scenarios × ${columns.length} columns (${suts.join(', ')} on Kafka ${versions.join(', ')}); output in ${dir}`,
  );

  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const cells: MatrixCell[] = [];
  const resultsDirs: string[] = [];
  try {
    for (const column of columns) {
      if (interrupt.signal.aborted) break;
      const runs = split.portable.filter((s) => runsOnColumn(s, column.kafkaVersion));
      cells.push(...split.portable.filter((s) => !runs.includes(s)).map((s) => otherVersionCell(s, column.sut, column.kafkaVersion)));
      if (runs.length === 0) continue;
      const startedAt = Date.now();
      const run = await runColumn({
        ...column,
        scenarios: runs,
        chaosArgs: withoutNames(chaosArgs),
        dir: path.join(dir, `${column.sut}-kafka-${column.kafkaVersion}`),
        signal: interrupt.signal,
      });
      resultsDirs.push(run.resultsDir);
      const found = matrixCells(run.envelopes, runs, column.sut, column.kafkaVersion);
      cells.push(...found);
      const passed = found.filter((c) => c.status === 'passed').length;
      console.log(
        `[${column.sut} @ ${column.kafkaVersion}] ${passed} of ${found.length} passed in ${Math.round((Date.now() - startedAt) / 1000)} s (chaos ${run.ended}; log: ${run.logFile})`,
      );
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const text = renderMatrix(columns, cells, split.pinned);
  fs.writeFileSync(path.join(dir, 'matrix.txt'), `${text}\n`);
  fs.writeFileSync(
    path.join(dir, 'matrix.json'),
    `${JSON.stringify({ columns, cells, pinned: split.pinned, withoutSut: split.withoutSut }, null, 2)}\n`,
  );
  console.log(`\n${text}\n\nOne Allure report of every column: kafka-chaos report --results ${resultsDirs.join(',')}`);
  return interrupt.signal.aborted ? 130 : matrixExitCode(cells);
}
