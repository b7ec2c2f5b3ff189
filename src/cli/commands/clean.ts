// `kafka-chaos clean`: stop what a killed runner left behind — its processes (clean-orphans.ts)
// and its containers and networks (clean-containers.ts), each found by its run labels.

import { cleanContainers } from '../../environment/container/clean-containers.js';
import { cleanOrphans } from '../../environment/process/clean-orphans.js';
import { parseFlags } from '../args.js';

export async function cleanCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { run: 'string', force: 'boolean' });
  const reports = await cleanOrphans({ runId: flags.run, force: flags.force });
  const containerReports = await cleanContainers({ runId: flags.run, force: flags.force });
  if (reports.length === 0 && containerReports.length === 0) console.log('clean: nothing of any kafka-chaos run is running');
  for (const report of reports) {
    if (report.runnerAlive && !flags.force) {
      console.log(`clean: run ${report.runId} is still running (its runner lives); left ${report.pids.length} processes alone (--force stops them)`);
    } else {
      console.log(`clean: run ${report.runId}: stopped ${report.killed.length} processes (${report.killed.join(', ')})`);
    }
  }
  for (const report of containerReports) {
    if (!report.removed) {
      console.log(`clean: run ${report.runId} is still running (its runner lives); left ${report.containers.length} containers alone (--force removes them)`);
    } else {
      console.log(`clean: run ${report.runId}: removed ${report.containers.length} containers and ${report.networks.length} networks`);
    }
  }
  return 0;
}
