// The recording HTTP target in a container (alias "target"): SUTs post to it by name, the harness
// drives its control API by address, with the run's control secret — the SUT can reach
// target:8081 on the run network, but gets 403 there. The options (secret included) are in the
// target container's environment, which no other container can read. It runs as this machine's
// user and writes delivered.jsonl straight into the run directory, bind-mounted at /evidence.

import type Docker from 'dockerode';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { newControlSecret } from '../../target/control-secret.js';
import { TargetControl } from '../../target/target-control.js';
import { TARGET_OPTIONS_ENV } from '../../target/target-options.js';
import { ProcessExitedError } from '../../util/errors.js';
import { waitFor } from '../../util/wait-for.js';
import { targetOptionsJson } from '../process/process-target.js';
import type { StartedTarget } from '../runtime.js';
import { RunContainer } from './run-container.js';

const DATA_PORT = 8080;
const CONTROL_PORT = 8081;
export const TARGET_ALIAS = 'target';

export async function startTargetContainer(
  docker: Docker,
  options: { image: string; network: string; run: RunDirectory; timeoutMs: number; maxBodyBytes?: number },
): Promise<StartedTarget & { container: RunContainer }> {
  const ledgerPath = options.run.file('delivered.jsonl');
  const secret = newControlSecret();
  const targetOptions = targetOptionsJson({
    host: '0.0.0.0',
    port: DATA_PORT,
    controlPort: CONTROL_PORT,
    ledgerPath: '/evidence/delivered.jsonl',
    controlSecret: secret,
    maxBodyBytes: options.maxBodyBytes,
  });
  const container = new RunContainer(docker, {
    name: 'target',
    image: options.image,
    runId: options.run.runId,
    network: options.network,
    aliases: [TARGET_ALIAS],
    logPath: options.run.log('target'),
    env: { [TARGET_OPTIONS_ENV]: targetOptions },
    bindMounts: [{ source: options.run.root, target: '/evidence' }],
    // The ledger must belong to whoever runs the harness, not to root.
    user: `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`,
    stopTimeoutMs: 5000,
  });
  try {
    await container.start();
    const host = container.ipAddress;
    const control = new TargetControl({ port: CONTROL_PORT, secret, host });
    await waitFor(
      async () => {
        if (!container.running)
          throw new ProcessExitedError(`the HTTP target container exited at start (see ${container.logPath}): ${container.tail(3)}`);
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
