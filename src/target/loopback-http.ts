// The small HTTP plumbing both target listeners share: bind (to loopback unless told otherwise —
// inside a container, its own network interface) with a clear error when
// the port is taken, read a whole request body, and close a listener for real (open connections
// included, as a stopped server's would be).

import http from 'node:http';
import { PortInUseError } from '../util/errors.js';
import { LOOPBACK } from '../util/ports.js';

export function listen(server: http.Server, port: number, listener: string, host: string = LOOPBACK): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`port ${port} on ${host} (${listener}) is already in use by another process`, {
              fix: `stop that process (see: ss -ltnp 'sport = :${port}') or choose another port`,
              cause: error,
            })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Stops listening and destroys every open connection, idle or busy; resolves once all are gone. */
export function closeHard(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

/** The whole body, or what arrived before the client went away (then `request.complete` is false). */
export async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    // aborted mid-body: the caller sees it in request.complete
  }
  return Buffer.concat(chunks);
}

export function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value) + '\n');
}
