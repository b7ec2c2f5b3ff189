// A container's output, streamed into its log file in the run directory while it runs — and
// again after each restart, from the restart on — so a broker's or a SUT's log reads like a
// local process's.

import fs from 'node:fs';
import type Docker from 'dockerode';

/** Follows the container's stdout and stderr from `sinceSeconds` (epoch) until it stops. */
export async function followContainerLog(
  docker: Docker,
  container: Docker.Container,
  logPath: string,
  sinceSeconds: number,
): Promise<void> {
  const stream = (await container.logs({
    follow: true,
    stdout: true,
    stderr: true,
    since: sinceSeconds,
  })) as unknown as NodeJS.ReadableStream;
  const out = fs.createWriteStream(logPath, { flags: 'a' });
  docker.modem.demuxStream(stream, out, out);
  stream.on('end', () => out.end());
  stream.on('error', () => out.end());
}
