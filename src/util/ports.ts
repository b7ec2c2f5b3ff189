// Loopback port allocation. Every listener of a run binds to 127.0.0.1 only.
//
// A listener's port is chosen now and bound later (a broker binds seconds after its config is
// written). A port from the kernel's ephemeral range can be taken in between as the local end of
// any outgoing connection on the machine — a real broker died of "Address already in use" that
// way — so ports are drawn at random below that range, each checked free, and the kernel's own
// choice is only the fallback.

import fs from 'node:fs';
import net from 'node:net';
import { PortInUseError } from './errors.js';

export const LOOPBACK = '127.0.0.1';

/** Where listener ports are drawn from: below Linux's default ephemeral range (32768–60999). */
const LISTENER_PORTS = { from: 20000, to: 32767 };
const DRAWS = 50;

/** The first port of the kernel's ephemeral range (32768 when it cannot be read). */
function ephemeralStart(): number {
  try {
    const [start] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return start !== undefined && Number.isInteger(start) ? start : 32768;
  } catch {
    return 32768;
  }
}

function canBind(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, LOOPBACK, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** A free loopback port, outside the ephemeral range where one can be found. */
export async function freePort(): Promise<number> {
  const to = Math.min(LISTENER_PORTS.to, ephemeralStart() - 1);
  for (let draw = 0; draw < DRAWS && to > LISTENER_PORTS.from; draw++) {
    const port = await canBind(LISTENER_PORTS.from + Math.floor(Math.random() * (to - LISTENER_PORTS.from + 1)));
    if (port !== undefined) return port;
  }
  const port = await canBind(0);
  if (port === undefined) throw new PortInUseError(`no free port on ${LOOPBACK}`, { fix: 'stop processes that hold many loopback ports' });
  return port;
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
