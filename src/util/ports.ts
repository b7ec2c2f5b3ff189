// Loopback port allocation. Every listener of a run binds to 127.0.0.1 only.

import net from 'node:net';
import { PortInUseError } from './errors.js';

export const LOOPBACK = '127.0.0.1';

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Distinct free ports, one per name. */
export async function freePorts<K extends string>(names: readonly K[]): Promise<Record<K, number>> {
  const taken = new Set<number>();
  const result = {} as Record<K, number>;
  for (const name of names) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    result[name] = port;
  }
  return result;
}

/** Throws PortInUseError, naming the listener, when `port` cannot be bound on loopback. */
export function assertPortFree(port: number, listener: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(`port ${port} on ${LOOPBACK} (${listener}) is already in use by another process`, {
            fix: `stop that process (see: ss -ltnp 'sport = :${port}') or choose other ports (basePort in kafka-chaos.config.json)`,
          }),
        );
      } else reject(error);
    });
    server.listen(port, LOOPBACK, () => server.close(() => resolve()));
  });
}

/** True when something accepts TCP connections on loopback `port`. */
export function isListening(port: number, host = LOOPBACK, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
