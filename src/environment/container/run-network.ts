// One Docker network per run. It is internal: its containers reach each other (by network alias)
// and this machine reaches them by address, but nothing in it reaches beyond this machine — the
// harness's network rule, enforced by the daemon.

import type Docker from 'dockerode';
import { runLabels, runResourceName } from './run-labels.js';

export interface RunNetwork extends AsyncDisposable {
  readonly name: string;
  readonly id: string;
  remove(): Promise<void>;
}

export async function createRunNetwork(docker: Docker, runId: string): Promise<RunNetwork> {
  const name = runResourceName(runId, 'net');
  const network = await docker.createNetwork({
    Name: name,
    Driver: 'bridge',
    Internal: true,
    CheckDuplicate: true,
    Labels: runLabels(runId, 'network'),
  });
  const remove = async () => {
    await network.remove().catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
  };
  return { name, id: network.id, remove, [Symbol.asyncDispose]: remove };
}
