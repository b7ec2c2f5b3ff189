// The target's control API, a JSON-over-HTTP listener separate from the data listener, so that
// the harness can still steer the target while the data listener is down. Every answer is the
// target's state after the call; bad input is a 400 with a one-line `{ error }`.

import http from 'node:http';
import { ConfigError, describeError } from '../util/errors.js';
import { readBody, sendJson } from './loopback-http.js';
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

/** One change made through the control API, for the target's log. */
export interface ControlChange {
  event: 'control';
  /** The control call, e.g. "PUT /behavior". */
  change: string;
  listening: boolean;
  behavior: TargetBehavior;
}

const ROUTES = ['GET /state', 'POST /down', 'POST /up', 'PUT /behavior', 'POST /reset'];

export function createControlServer(target: ControlledTarget, onChange?: (change: ControlChange) => void): http.Server {
  return http.createServer((request, response) => void handle(target, request, response, onChange));
}

async function handle(
  target: ControlledTarget,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  onChange: ((change: ControlChange) => void) | undefined,
): Promise<void> {
  const route = `${request.method} ${new URL(request.url ?? '/', 'http://target').pathname}`;
  try {
    const body = await readBody(request);
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
