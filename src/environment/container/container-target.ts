// The recording HTTP target in a container (alias "target"): SUTs post to it by name, the harness
// drives its control API by address. It runs as this machine's user and writes delivered.jsonl
// straight into the run directory, bind-mounted at /evidence.

import type Docker from 'dockerode';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { TargetControl } from '../../target/target-control.js';
import { ProcessExitedError } from '../../util/errors.js';
import { waitFor } from '../../util/wait-for.js';
import type { StartedTarget } from '../runtime.js';
import { RunContainer } from './run-container.js';

const DATA_PORT = 8080;
const CONTROL_PORT = 8081;
export const TARGET_ALIAS = 'target';

export async function startTargetContainer(
  docker: Docker,
  options: { image: string; network: string; run: RunDirectory; timeoutMs: number },
): Promise<StartedTarget & { container: RunContainer }> {
  const ledgerPath = options.run.file('delivered.jsonl');
  const container = new RunContainer(docker, {
    name: 'target',
    image: options.image,
    runId: options.run.runId,
    network: options.network,
    aliases: [TARGET_ALIAS],
    logPath: options.run.log('target'),
    command: ['--host', '0.0.0.0', '--port', String(DATA_PORT), '--control-port', String(CONTROL_PORT), '--ledger', '/evidence/delivered.jsonl'],
    bindMounts: [{ source: options.run.root, target: '/evidence' }],
    // The ledger must belong to whoever runs the harness, not to root.
    user: `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`,
    stopTimeoutMs: 5000,
  });
  try {
    await container.start();
    const host = container.ipAddress;
    const control = new TargetControl(CONTROL_PORT, 5000, host);
    await waitFor(
      async () => {
        if (!container.running) throw new ProcessExitedError(`the HTTP target container exited at start (see ${container.logPath}): ${container.tail(3)}`);
        return (await control.state()).listening;
      },
      { what: `the HTTP target at ${host}:${DATA_PORT}`, timeoutMs: options.timeoutMs, hint: `see ${container.logPath}` },
    );
    return {
      url: `http://${TARGET_ALIAS}:${DATA_PORT}/messages`,
      harnessUrl: `http://${host}:${DATA_PORT}/messages`,
      ledgerPath,
      control,
      node: container,
      container,
    };
  } catch (error) {
    await container.remove();
    throw error;
  }
}
