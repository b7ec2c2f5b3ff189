// The target's control API, a JSON-over-HTTP listener separate from the data listener, so that
// the harness can still steer the target while the data listener is down. Every call must carry
// `Authorization: Bearer <run secret>` (control-secret.ts): the SUT can reach this port but never
// learns the secret, so its calls get 403 and change nothing. Every answer is the target's state
// after the call; bad input is a 400 with a one-line `{ error }`.

import http from 'node:http';
import { ConfigError, describeError } from '../util/errors.js';
import { bearerMatches } from './control-secret.js';
import { readBodyCapped, sendJson } from './loopback-http.js';
import { parseBehavior, type TargetBehavior } from './target-behavior.js';

export interface TargetState {
  listening: boolean;
  behavior: TargetBehavior;
  /** Requests that reached the data listener since start. */
  requests: number;
  answeredByStatus: Record<string, number>;
  dropped: number;
}

/** What the control API steers: the recording server. */
export interface ControlledTarget {
  state(): TargetState;
  down(): Promise<void>;
  up(): Promise<void>;
  setBehavior(behavior: TargetBehavior): void;
  reset(): Promise<void>;
}

/** One change made through the control API, or one call refused, for the target's log. */
export type ControlChange =
  | {
      event: 'control';
      /** The control call, e.g. "PUT /behavior". */
      change: string;
      listening: boolean;
      behavior: TargetBehavior;
    }
  | { event: 'control-refused'; call: string; from: string; reason: string };

const ROUTES = ['GET /state', 'POST /down', 'POST /up', 'PUT /behavior', 'POST /reset'];
/** A behaviour is a few fields: anything longer is not a control call. */
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

export function createControlServer(target: ControlledTarget, secret: string, onChange?: (change: ControlChange) => void): http.Server {
  return http.createServer((request, response) => void handle(target, secret, request, response, onChange));
}

async function handle(
  target: ControlledTarget,
  secret: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  onChange: ((change: ControlChange) => void) | undefined,
): Promise<void> {
  const route = `${request.method} ${new URL(request.url ?? '/', 'http://target').pathname}`;
  if (!bearerMatches(request.headers.authorization, secret)) {
    // Checked before anything is read or done: a refused call changes nothing.
    request.resume();
    const reason = request.headers.authorization === undefined ? 'no Authorization header' : 'wrong credentials';
    onChange?.({ event: 'control-refused', call: route, from: request.socket.remoteAddress ?? 'unknown', reason });
    sendJson(response, 403, { error: "the control API needs the run's secret (Authorization: Bearer …)" });
    return;
  }
  try {
    const { body, overLimit } = await readBodyCapped(request, MAX_CONTROL_BODY_BYTES);
    if (overLimit) {
      sendJson(response, 413, { error: `a control body is at most ${MAX_CONTROL_BODY_BYTES} bytes` });
      return;
    }
    switch (route) {
      case 'GET /state':
        break;
      case 'POST /down':
        await target.down();
        break;
      case 'POST /up':
        await target.up();
        break;
      case 'PUT /behavior':
        target.setBehavior(parseBehavior(parseJson(body, route)));
        break;
      case 'POST /reset':
        await target.reset();
        break;
      default:
        sendJson(response, 404, { error: `no control route "${route}"; routes: ${ROUTES.join(', ')}` });
        return;
    }
    const state = target.state();
    const { listening, behavior } = state;
    if (route !== 'GET /state') onChange?.({ event: 'control', change: route, listening, behavior });
    sendJson(response, 200, state);
  } catch (error) {
    sendJson(response, error instanceof ConfigError ? 400 : 500, { error: describeError(error) });
  }
}

function parseJson(body: Buffer, route: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${route} needs a JSON body: ${describeError(error)}`);
  }
}
