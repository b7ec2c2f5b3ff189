// bench:throughput, faults: from the moment a fault package's inject starts to its first
// observable effect — a new connection refused, an answer delayed — and whether connections
// already open feel it too (Toxiproxy applies some changes to new connections only: toxiproxy#148).
// Probes speak the least of Kafka's protocol (ApiVersions v0) to a broker through the SUT's
// proxy, and plain TCP to the HTTP target; every probe is bounded in time.

import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import type { FaultContext, Injected } from '../../src/faults/fault-kind.js';
import { faultKind } from '../../src/faults/fault-registry.js';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';

export interface FaultLatency {
  fault: string;
  effect: string;
  /** From inject's start to the first probe that saw the effect (undefined: not within the bound). */
  newConnectionsMs: number | undefined;
  /** An open connection: cut (closed), delayed, or untouched within the bound. */
  openConnection: string;
  injectMs: number;
}

const BOUND_MS = 5000;
const LATENCY_MS = 300;

/** One TCP connection to a broker, asking ApiVersions v0 and timing each answer. */
class KafkaProbe {
  private pending: ((ms: number) => void) | undefined;
  private buffer = Buffer.alloc(0);
  private sentAt = 0;
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      if (this.buffer.length >= 4 && this.buffer.length >= 4 + this.buffer.readInt32BE(0)) {
        this.buffer = this.buffer.subarray(4 + this.buffer.readInt32BE(0));
        this.pending?.(performance.now() - this.sentAt);
        this.pending = undefined;
      }
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  static open(address: string): Promise<KafkaProbe> {
    const [host, port] = address.split(':');
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port: Number(port), timeout: BOUND_MS }, () => resolve(new KafkaProbe(socket)));
      socket.once('error', reject);
      socket.once('timeout', () => reject(new Error(`no connection to ${address} within ${BOUND_MS} ms`)));
    });
  }

  /** One ApiVersions v0 round trip in ms; undefined when the connection closed or no answer came within the bound. */
  roundTrip(): Promise<number | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const clientId = Buffer.from('bench');
    const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length);
    request.writeInt32BE(request.length - 4, 0);
    request.writeInt16BE(18, 4); // ApiVersions
    request.writeInt16BE(0, 6);
    request.writeInt32BE(1, 8);
    request.writeInt16BE(clientId.length, 12);
    clientId.copy(request, 14);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), BOUND_MS);
      this.pending = (ms) => {
        clearTimeout(timer);
        resolve(ms);
      };
      this.sentAt = performance.now();
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Whether a new TCP connection to `address` is refused (or reset) now. */
function refused(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 1000 });
    socket.once('connect', () => {
      // Toxiproxy may accept and then close at once when its upstream is gone: wait a moment.
      socket.once('close', () => resolve(true));
      setTimeout(() => {
        socket.destroy();
        resolve(false);
      }, 50);
    });
    socket.once('error', () => resolve(true));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

async function firstEffect(probe: () => Promise<boolean>, since: number): Promise<number | undefined> {
  while (performance.now() - since < BOUND_MS) {
    if (await probe()) return performance.now() - since;
    await sleep(2);
  }
  return undefined;
}

async function inject(
  context: FaultContext,
  name: string,
  params: object,
): Promise<{ injected: Injected; startedAt: number; injectMs: number }> {
  const kind = faultKind(name);
  if (!kind) throw new Error(`no fault kind "${name}" is registered`);
  const startedAt = performance.now();
  const injected = await kind.inject(context, params as never);
  return { injected, startedAt, injectMs: performance.now() - startedAt };
}

export async function measureFaultLatencies(env: StartedEnvironment): Promise<FaultLatency[]> {
  await loadHarnessSteps();
  const admin = env.kafka('bench-faults').admin();
  await admin.connect();
  const context: FaultContext = {
    env,
    admin,
    sut: () => {
      throw new Error('bench:throughput starts no SUT for its fault probes');
    },
  };
  const broker = env.cluster.address('sut', 1);
  const targetAddress = new URL(env.target.url).host;
  const results: FaultLatency[] = [];
  try {
    for (const [fault, address, params] of [
      ['target-down', targetAddress, {}],
      ['link-cut', broker, { from: 'sut', to: 1 }],
    ] as const) {
      const open = fault === 'target-down' ? await openTcp(address) : await KafkaProbe.open(address);
      const { injected, startedAt, injectMs } = await inject(context, fault, params);
      const newMs = await firstEffect(() => refused(address), startedAt);
      await sleep(200);
      const cut = open instanceof KafkaProbe ? (await open.roundTrip()) === undefined : open.destroyed || open.readyState !== 'open';
      results.push({
        fault,
        effect: 'new connections refused',
        newConnectionsMs: newMs,
        openConnection: cut ? 'cut' : 'left open',
        injectMs,
      });
      if (open instanceof KafkaProbe) open.close();
      else open.destroy();
      await injected.heal?.();
    }
    const open = await KafkaProbe.open(broker);
    await open.roundTrip();
    const { injected, startedAt, injectMs } = await inject(context, 'link-latency', { from: 'sut', to: 1, latencyMs: LATENCY_MS });
    const openMs = await firstEffect(async () => ((await open.roundTrip()) ?? 0) >= LATENCY_MS, startedAt);
    const newMs = await firstEffect(async () => {
      const fresh = await KafkaProbe.open(broker);
      const ms = await fresh.roundTrip();
      fresh.close();
      return (ms ?? 0) >= LATENCY_MS;
    }, startedAt);
    results.push({
      fault: 'link-latency 300 ms',
      effect: 'answers delayed',
      newConnectionsMs: newMs,
      openConnection: openMs === undefined ? `not delayed within ${BOUND_MS} ms` : `delayed after ${openMs.toFixed(0)} ms`,
      injectMs,
    });
    open.close();
    await injected.heal?.();
  } finally {
    await admin.disconnect();
  }
  return results;
}

function openTcp(address: string): Promise<net.Socket> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}
