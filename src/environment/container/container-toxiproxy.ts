// The guarded Toxiproxy server in a container on the run network (alias "toxiproxy"): brokers and
// SUTs dial its proxies by that name, the harness its API by address, on 8474, under the run's
// secret path (/<secret>/…; anything else 403). The secret is in this container's environment,
// which no other container on the network can read; the URL returned carries it, never print it.

import type Docker from 'dockerode';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { newControlSecret } from '../../target/control-secret.js';
import { ProcessExitedError } from '../../util/errors.js';
import { waitFor } from '../../util/wait-for.js';
import { RunContainer } from './run-container.js';

export const TOXIPROXY_ALIAS = 'toxiproxy';
const API_PORT = 8474;
/** Read by the guard (src/setup/toxiproxy-guard/main.go) in place of a stdin line. */
const OPTIONS_ENV = 'KAFKA_CHAOS_TOXIPROXY_OPTIONS';

export async function startToxiproxyContainer(
  docker: Docker,
  options: { image: string; network: string; run: RunDirectory; timeoutMs: number },
): Promise<{ container: RunContainer; apiUrl: string; host: string }> {
  const secret = newControlSecret();
  const container = new RunContainer(docker, {
    name: 'toxiproxy',
    image: options.image,
    runId: options.run.runId,
    network: options.network,
    aliases: [TOXIPROXY_ALIAS],
    logPath: options.run.log('toxiproxy'),
    env: { [OPTIONS_ENV]: JSON.stringify({ host: '0.0.0.0', port: API_PORT, secret }) },
    stopTimeoutMs: 5000,
  });
  try {
    await container.start();
    const host = container.ipAddress;
    const shownUrl = `http://${host}:${API_PORT}`;
    const apiUrl = `${shownUrl}/${secret}`;
    await waitFor(
      async () => {
        if (!container.running)
          throw new ProcessExitedError(`the toxiproxy container exited at start (see ${container.logPath}): ${container.tail(3)}`);
        const response = await fetch(`${apiUrl}/version`, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      },
      { what: `the Toxiproxy API at ${shownUrl}`, timeoutMs: options.timeoutMs, hint: `see ${container.logPath}` },
    );
    return { container, apiUrl, host };
  } catch (error) {
    await container.remove();
    throw error;
  }
}
