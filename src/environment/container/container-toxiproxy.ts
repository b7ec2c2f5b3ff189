// The real Toxiproxy server in a container on the run network (alias "toxiproxy"): brokers and
// SUTs dial its proxies by that name, the harness by its address; its API answers on 8474.

import type Docker from 'dockerode';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { ProcessExitedError } from '../../util/errors.js';
import { waitFor } from '../../util/wait-for.js';
import { RunContainer } from './run-container.js';

export const TOXIPROXY_ALIAS = 'toxiproxy';
const API_PORT = 8474;

export async function startToxiproxyContainer(
  docker: Docker,
  options: { image: string; network: string; run: RunDirectory; timeoutMs: number },
): Promise<{ container: RunContainer; apiUrl: string; host: string }> {
  const container = new RunContainer(docker, {
    name: 'toxiproxy',
    image: options.image,
    runId: options.run.runId,
    network: options.network,
    aliases: [TOXIPROXY_ALIAS],
    logPath: options.run.log('toxiproxy'),
    command: ['-host=0.0.0.0', `-port=${API_PORT}`],
    stopTimeoutMs: 5000,
  });
  try {
    await container.start();
    const host = container.ipAddress;
    const apiUrl = `http://${host}:${API_PORT}`;
    await waitFor(
      async () => {
        if (!container.running) throw new ProcessExitedError(`the toxiproxy container exited at start (see ${container.logPath}): ${container.tail(3)}`);
        const response = await fetch(`${apiUrl}/version`, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      },
      { what: `the Toxiproxy API at ${apiUrl}`, timeoutMs: options.timeoutMs, hint: `see ${container.logPath}` },
    );
    return { container, apiUrl, host };
  } catch (error) {
    await container.remove();
    throw error;
  }
}
