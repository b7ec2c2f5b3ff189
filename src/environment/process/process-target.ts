// The recording HTTP target as a child process: "down" closes its listener for real, as the
// seed's `docker stop httpserver` did. Its options (ports, ledger path, control secret) go to it
// on stdin — a SUT running as the same user reads command lines and environments under /proc —
// so the SUT learns at most the data URL it is given, and the control API refuses it.

import path from 'node:path';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { packageRoot } from '../../setup/project-paths.js';
import { newControlSecret } from '../../target/control-secret.js';
import { TargetControl } from '../../target/target-control.js';
import type { TargetOptions } from '../../target/target-options.js';
import { ProcessExitedError } from '../../util/errors.js';
import { LOOPBACK, assertPortFree } from '../../util/ports.js';
import { waitFor } from '../../util/wait-for.js';
import type { StartedTarget } from '../runtime.js';
import { ManagedProcess } from './managed-process.js';

/** The target's options as the JSON object its main.js reads (target-options.ts). */
export function targetOptionsJson(options: Omit<TargetOptions, 'maxBodyBytes'> & { maxBodyBytes?: number }): string {
  const { ledgerPath, ...rest } = options;
  return JSON.stringify({ ...rest, ledger: ledgerPath });
}

export async function startTargetProcess(options: {
  port: number;
  controlPort: number;
  run: RunDirectory;
  timeoutMs: number;
  maxBodyBytes?: number;
}): Promise<StartedTarget> {
  await assertPortFree(options.port, 'HTTP target');
  await assertPortFree(options.controlPort, 'HTTP target control API');
  const ledgerPath = options.run.file('delivered.jsonl');
  const secret = newControlSecret();
  const { port, controlPort, maxBodyBytes } = options;
  const node = new ManagedProcess({
    name: 'target',
    command: process.execPath,
    args: [path.join(packageRoot, 'dist', 'src', 'target', 'main.js')],
    stdin: targetOptionsJson({ port, controlPort, ledgerPath, controlSecret: secret, maxBodyBytes }) + '\n',
    runId: options.run.runId,
    logPath: options.run.log('target'),
    stopTimeoutMs: 5000,
  });
  await node.start();
  const control = new TargetControl({ port: options.controlPort, secret });
  try {
    await waitFor(
      async () => {
        if (!node.running) throw new ProcessExitedError(`the HTTP target exited at start (see ${node.logPath}): ${node.tail(3)}`);
        return (await control.state()).listening;
      },
      { what: `the HTTP target on ${LOOPBACK}:${options.port}`, timeoutMs: options.timeoutMs, hint: `see ${node.logPath}` },
    );
  } catch (error) {
    await node.stop();
    throw error;
  }
  const url = `http://${LOOPBACK}:${options.port}/messages`;
  return { url, harnessUrl: url, ledgerPath, control, node };
}
