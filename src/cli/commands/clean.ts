// `kafka-chaos clean`: stop what a killed runner left behind — its processes (clean-orphans.ts)
// and its containers and networks (clean-containers.ts), each found by its run labels. Without
// --run it stays in its lane: only runs of this project's runs directory (KAFKA_CHAOS_RUNS_DIR,
// else reports/runs) are touched; another checkout's or user's runs are listed and left alone
// unless --all-projects says otherwise.

import { cleanContainers } from '../../environment/container/clean-containers.js';
import { cleanOrphans } from '../../environment/process/clean-orphans.js';
import { defaultRunsRoot } from '../../evidence/run-directory.js';
import { flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const cleanHelp = {
  summary: "stop what a killed runner left behind (this project's runs only; --run ID, --force, --all-projects)",
  usage: 'kafka-chaos clean [--run ID] [--force] [--all-projects]',
  flags: {
    run: {
      type: 'string',
      value: 'ID',
      summary: 'only this run (its id: the folder name under reports/runs), whichever project it belongs to',
    },
    force: { type: 'boolean', summary: 'also stop runs whose runner is still alive' },
    'all-projects': { type: 'boolean', summary: "also runs of other runs directories (another checkout's, another user's)" },
  },
  notes: ['Runs are found by their labels, never by process or container name.'],
} as const satisfies CommandHelp;

export async function cleanCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, flagTypes(cleanHelp.flags));
  const runsRoot = flags.run !== undefined || flags['all-projects'] ? undefined : defaultRunsRoot();
  const options = { runId: flags.run, force: flags.force, runsRoot };
  const reports = await cleanOrphans(options);
  const containerReports = await cleanContainers(options);
  const elsewhere = new Set(
    [...reports, ...containerReports].filter((r) => r.elsewhere).map((r) => `${r.runId} (${r.runsRoot || 'no runs directory named'})`),
  );
  if (reports.length === 0 && containerReports.length === 0) console.log('clean: nothing of any kafka-chaos run is running');
  for (const report of reports.filter((r) => !r.elsewhere)) {
    if (report.runnerAlive && !flags.force) {
      console.log(
        `clean: run ${report.runId} is still running (its runner lives); left ${report.pids.length} processes alone (--force stops them)`,
      );
    } else {
      console.log(`clean: run ${report.runId}: stopped ${report.killed.length} processes (${report.killed.join(', ')})`);
    }
  }
  for (const report of containerReports.filter((r) => !r.elsewhere)) {
    if (!report.removed) {
      console.log(
        `clean: run ${report.runId} is still running (its runner lives); left ${report.containers.length} containers alone (--force removes them)`,
      );
    } else {
      console.log(`clean: run ${report.runId}: removed ${report.containers.length} containers and ${report.networks.length} networks`);
    }
  }
  if (elsewhere.size > 0) {
    console.log(
      `clean: left alone ${elsewhere.size} run${elsewhere.size === 1 ? '' : 's'} of other runs directories than ${runsRoot}: ${[...elsewhere].join(', ')} (--all-projects includes them)`,
    );
  }
  return EXIT.ok;
}
