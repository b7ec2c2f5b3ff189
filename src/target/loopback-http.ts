// The small HTTP plumbing both target listeners share: bind (to loopback unless told otherwise —
// inside a container, its own network interface) with a clear error when
// the port is taken, read a request body up to a cap, and close a listener for real (open
// connections included, as a stopped server's would be).

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

export interface ReadBody {
  /** The body, or what arrived before the client went away (then `request.complete` is false). */
  body: Buffer;
  /** The body is larger than the cap: `body` holds only what came before, the rest is discarded. */
  overLimit: boolean;
}

/**
 * Reads the body, holding at most `maxBytes` of it in memory. A body declared (Content-Length) or
 * found to be larger is over the limit: the caller answers at once, while the rest of the body is
 * read and thrown away, so the client can finish sending and read the answer on a healthy
 * connection instead of meeting a reset.
 */
export function readBodyCapped(request: http.IncomingMessage, maxBytes: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (overLimit: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ body: Buffer.concat(chunks), overLimit });
    };
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) finish(true);
    request.on('data', (chunk: Buffer) => {
      if (settled) return; // over the limit: discarded
      size += chunk.length;
      if (size > maxBytes) finish(true);
      else chunks.push(chunk);
    });
    request.once('end', () => finish(false));
    request.once('close', () => finish(false)); // aborted mid-body: request.complete is false
    request.once('error', () => finish(false));
  });
}

export function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value) + '\n');
}
