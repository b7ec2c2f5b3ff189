// The recording HTTP target: the endpoint the system under test delivers to. Every request that
// reaches the data listener is a delivery attempt; it is written to the ledger before the answer
// leaves, so no answer the SUT sees is ever missing from delivered.jsonl. A separate control
// listener lets the harness switch faults, and take the data listener down and up like
// `docker stop`/`start` of a real server, while staying up itself. A body over the cap
// (maxBodyBytes) is never held in memory: the request is answered 413 — recorded like any other
// answer, an attempt that failed — whatever the behaviour, and the rest of the body discarded.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonlWriter } from '../evidence/jsonl-writer.js';
import { describeError } from '../util/errors.js';
import { createControlServer, type ControlChange, type ControlledTarget, type TargetState } from './control-api.js';
import { seenRequest, type DeliveryRecord } from './delivery-record.js';
import { closeHard, listen, readBodyCapped } from './loopback-http.js';
import { DEFAULT_MAX_BODY_BYTES } from './target-options.js';
import { decide, NORMAL, type TargetBehavior } from './target-behavior.js';

export interface RecordingServerOptions {
  /** Data listener port; 0 picks a free one, kept for every later `up`. */
  port: number;
  controlPort: number;
  ledgerPath: string;
  /** Where both listeners bind; default 127.0.0.1 (a container's runtime passes 0.0.0.0). */
  host?: string;
  /** The control API's secret: calls without `Authorization: Bearer <it>` get 403. */
  controlSecret: string;
  /** Bodies above this are answered 413; default 4 MiB. */
  maxBodyBytes?: number;
  /** Called after each change made through the control API. */
  onControl?: (change: ControlChange) => void;
}

// No request timeout: a deliberate answer delay of minutes must not be cut short. Keep-alive
// outlasts common client pools' idle timeouts, so an idle close never races a SUT's next request.
const SERVER_OPTIONS: http.ServerOptions = { requestTimeout: 0, headersTimeout: 60_000, keepAliveTimeout: 65_000 };
/** After a 413, how long the rest of an over-size body may take to arrive before the connection is cut. */
const DISCARD_TIMEOUT_MS = 10_000;

export class RecordingServer implements ControlledTarget {
  private portNumber: number;
  private readonly control: http.Server;
  private dataServer: http.Server | null = null;
  private behavior = NORMAL;
  /** Requests since the behaviour was set: fractions count from here. */
  private behaviorIndex = 0;
  private requests = 0;
  private readonly answeredByStatus: Record<string, number> = {};
  private dropped = 0;
  /** Deliveries being handled, awaited by close() so that each is recorded before the ledger closes. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Serializes down/up, so that concurrent calls never race on the port. */
  private transitions: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: RecordingServerOptions,
    private readonly ledger: JsonlWriter<DeliveryRecord>,
  ) {
    this.portNumber = options.port;
    this.control = createControlServer(this, options.controlSecret, options.onControl);
  }

  static async start(options: RecordingServerOptions): Promise<RecordingServer> {
    const server = new RecordingServer(options, new JsonlWriter<DeliveryRecord>(options.ledgerPath));
    try {
      await server.up();
      await listen(server.control, options.controlPort, 'target control listener', options.host);
    } catch (error) {
      await server.close();
      throw error;
    }
    return server;
  }

  get port(): number {
    return this.portNumber;
  }

  get controlPort(): number {
    return (this.control.address() as AddressInfo | null)?.port ?? this.options.controlPort;
  }

  state(): TargetState {
    return {
      listening: this.dataServer !== null,
      behavior: this.behavior,
      requests: this.requests,
      answeredByStatus: { ...this.answeredByStatus },
      dropped: this.dropped,
    };
  }

  /** Replaces the behaviour; fractions count afresh from the next request. */
  setBehavior(behavior: TargetBehavior): void {
    this.behavior = behavior;
    this.behaviorIndex = 0;
  }

  /** Closes the data listener and destroys every open data connection: clients get ECONNREFUSED. */
  down(): Promise<void> {
    return this.serialize(async () => {
      const server = this.dataServer;
      if (!server) return;
      this.dataServer = null;
      await closeHard(server);
    });
  }

  /** Listens again, on the same port. */
  up(): Promise<void> {
    return this.serialize(async () => {
      if (this.dataServer) return;
      const server = http.createServer(SERVER_OPTIONS, (request, response) => this.track(request, response));
      await listen(server, this.portNumber, 'target data listener', this.options.host);
      this.portNumber = (server.address() as AddressInfo).port;
      this.dataServer = server;
    });
  }

  /** Normal behaviour, listening. */
  async reset(): Promise<void> {
    this.setBehavior(NORMAL);
    await this.up();
  }

  /** Stops both listeners, lets every delivery in flight be recorded, and closes the ledger. */
  async close(): Promise<void> {
    await this.down();
    await Promise.all(this.inFlight);
    if (this.control.listening) await closeHard(this.control);
    this.ledger.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private serialize(step: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(step);
    this.transitions = next.catch(() => undefined);
    return next;
  }

  private track(request: http.IncomingMessage, response: http.ServerResponse): void {
    const handled = this.handleDelivery(request, response).catch((error: unknown) => {
      process.emitWarning(`recording target failed on ${request.method} ${request.url}: ${describeError(error)}`);
      response.destroy();
    });
    this.inFlight.add(handled);
    void handled.finally(() => this.inFlight.delete(handled));
  }

  private async handleDelivery(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    this.requests++;
    const { body, overLimit } = await readBodyCapped(request, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    if (overLimit) {
      this.refuseOverLimit(request, response, seenRequest(request, body, receivedAt));
      return;
    }
    const decision = decide(this.behavior, this.behaviorIndex++);
    await delay(decision.delayMs, request);
    const seen = seenRequest(request, body, receivedAt);

    if (decision.kind === 'drop' || !request.complete || request.socket.destroyed) {
      this.record({ ...seen, outcome: 'dropped', status: null, answeredAt: null });
      this.dropped++;
      request.socket.destroy();
      return;
    }
    const { status, retryAfterSeconds } = decision;
    this.record({ ...seen, outcome: 'answered', status, answeredAt: Date.now() });
    this.answeredByStatus[status] = (this.answeredByStatus[status] ?? 0) + 1;
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    response.writeHead(status, headers).end(JSON.stringify({ status, id: seen.id }));
  }

  /**
   * 413, recorded before it is sent. The behaviour's count is not advanced: the request never got
   * to the behaviour. The connection stays usable once the discarded rest of the body has arrived;
   * a body that keeps coming longer than DISCARD_TIMEOUT_MS gets its connection closed.
   */
  private refuseOverLimit(request: http.IncomingMessage, response: http.ServerResponse, seen: ReturnType<typeof seenRequest>): void {
    const status = 413;
    this.record({ ...seen, outcome: 'answered', status, answeredAt: Date.now() });
    this.answeredByStatus[status] = (this.answeredByStatus[status] ?? 0) + 1;
    const maxBodyBytes = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    response
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status, id: seen.id, error: `request bodies are limited to ${maxBodyBytes} bytes` }));
    if (request.complete) return;
    request.resume();
    const timer = setTimeout(() => request.socket.destroy(), DISCARD_TIMEOUT_MS);
    timer.unref();
    request.once('end', () => clearTimeout(timer));
    request.socket.once('close', () => clearTimeout(timer));
  }

  /** Appends and flushes at once: the record is on disk before the SUT can see the answer. */
  private record(record: DeliveryRecord): void {
    this.ledger.append(record);
    this.ledger.flush();
  }
}

/** Waits `ms`, or less if the connection closes meanwhile (nobody is left to answer). */
function delay(ms: number, request: http.IncomingMessage): Promise<void> {
  const socket = request.socket;
  if (ms <= 0 || socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}
