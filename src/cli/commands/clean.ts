// `kafka-chaos clean`: stop what a killed runner left behind (see clean-orphans.ts).

import { cleanOrphans } from '../../environment/process/clean-orphans.js';
import { parseFlags } from '../args.js';

export async function cleanCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { run: 'string', force: 'boolean' });
  const reports = await cleanOrphans({ runId: flags.run, force: flags.force });
  if (reports.length === 0) console.log('clean: no process of any kafka-chaos run is running');
  for (const report of reports) {
    if (report.runnerAlive && !flags.force) {
      console.log(`clean: run ${report.runId} is still running (its runner lives); left ${report.pids.length} processes alone (--force stops them)`);
    } else {
      console.log(`clean: run ${report.runId}: stopped ${report.killed.length} processes (${report.killed.join(', ')})`);
    }
  }
  return 0;
}
