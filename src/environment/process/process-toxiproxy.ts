// The guarded Toxiproxy server (src/setup/toxiproxy-guard) as a local process, its API and every
// proxy on loopback. Its options — host, port and the run's control secret — go to it on stdin,
// not on its command line or in its environment, which a same-user SUT can read under /proc; the
// API answers only under /<secret>/, so the URL the harness gets carries the secret as its path
// (toxiproxy-node-client appends /proxies etc. to it) and must never be printed.

import type { RunDirectory } from '../../evidence/run-directory.js';
import { newControlSecret } from '../../target/control-secret.js';
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
  const secret = newControlSecret();
  const toxiproxy = new ManagedProcess({
    name: 'toxiproxy',
    command: options.bin,
    args: [],
    stdin: JSON.stringify({ host: LOOPBACK, port: options.apiPort, secret }) + '\n',
    runId: options.run.runId,
    logPath: options.run.log('toxiproxy'),
    stopTimeoutMs: 5000,
  });
  await toxiproxy.start();
  const shownUrl = `http://${LOOPBACK}:${options.apiPort}`;
  const apiUrl = `${shownUrl}/${secret}`;
  try {
    await waitFor(
      async () => {
        if (!toxiproxy.running) {
          throw new ProcessExitedError(`toxiproxy-server exited at start (see ${toxiproxy.logPath}): ${toxiproxy.tail(3)}`);
        }
        const response = await fetch(`${apiUrl}/version`, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      },
      { what: `the Toxiproxy API at ${shownUrl}`, timeoutMs: options.timeoutMs, hint: `see ${toxiproxy.logPath}` },
    );
  } catch (error) {
    await toxiproxy.stop();
    throw error;
  }
  return { process: toxiproxy, apiUrl };
}
