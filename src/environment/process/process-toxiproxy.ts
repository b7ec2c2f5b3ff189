// The real Toxiproxy server as a local process, its API and every proxy on loopback.

import type { RunDirectory } from '../../evidence/run-directory.js';
import { ProcessExitedError } from '../../util/errors.js';
import { LOOPBACK, assertPortFree } from '../../util/ports.js';
import { waitFor } from '../../util/wait-for.js';
import { ManagedProcess } from './managed-process.js';

export async function startToxiproxyProcess(options: {
  bin: string;
  apiPort: number;
  /** proxy name → its listen port, checked free before the server starts. */
  proxyPorts: Record<string, number>;
  run: RunDirectory;
  timeoutMs: number;
}): Promise<{ process: ManagedProcess; apiUrl: string }> {
  await assertPortFree(options.apiPort, 'Toxiproxy API');
  for (const [name, port] of Object.entries(options.proxyPorts)) await assertPortFree(port, `Toxiproxy proxy ${name}`);
  const toxiproxy = new ManagedProcess({
    name: 'toxiproxy',
    command: options.bin,
    args: ['-host', LOOPBACK, '-port', String(options.apiPort)],
    runId: options.run.runId,
    logPath: options.run.log('toxiproxy'),
    stopTimeoutMs: 5000,
  });
  await toxiproxy.start();
  const apiUrl = `http://${LOOPBACK}:${options.apiPort}`;
  try {
    await waitFor(
      async () => {
        if (!toxiproxy.running) {
          throw new ProcessExitedError(`toxiproxy-server exited at start (see ${toxiproxy.logPath}): ${toxiproxy.tail(3)}`);
        }
        const response = await fetch(`${apiUrl}/version`, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      },
      { what: `the Toxiproxy API at ${apiUrl}`, timeoutMs: options.timeoutMs, hint: `see ${toxiproxy.logPath}` },
    );
  } catch (error) {
    await toxiproxy.stop();
    throw error;
  }
  return { process: toxiproxy, apiUrl };
}
