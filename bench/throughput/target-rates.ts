// bench:throughput, HTTP: the recording target (what every scenario's SUT posts to) against a bare
// Node HTTP server in a process of its own, driven by the same load generator (its own process):
// the same number of POSTs of the harness message's size over the same keep-alive connections.

import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { runJsonChild, startServerChild } from './child-json.js';

export interface TargetRates {
  recordingPerSecond: number;
  barePerSecond: number;
  requests: number;
  connections: number;
}

interface LoadResult {
  requests: number;
  ok: number;
  elapsedMs: number;
}

async function load(url: string, requests: number, connections: number, bodyBytes: number): Promise<number> {
  const result = await runJsonChild<LoadResult>(
    'load-generator.js',
    [url, String(requests), String(connections), String(bodyBytes)],
    180_000,
  );
  if (result.ok !== requests) throw new Error(`${url} answered ${result.ok} of ${requests} POSTs with a 2xx`);
  return result.requests / (result.elapsedMs / 1000);
}

export async function measureTargets(
  env: StartedEnvironment,
  requests: number,
  connections: number,
  bodyBytes: number,
): Promise<TargetRates> {
  const bare = await startServerChild('bare-http-server.js');
  try {
    // Warm both up (JIT, connection set-up), then alternate: bare, recording, bare, recording.
    await load(`http://127.0.0.1:${bare.port}/messages`, 2000, connections, bodyBytes);
    await load(env.target.url, 2000, connections, bodyBytes);
    const bareRates: number[] = [];
    const recordingRates: number[] = [];
    for (let i = 0; i < 2; i++) {
      bareRates.push(await load(`http://127.0.0.1:${bare.port}/messages`, requests, connections, bodyBytes));
      recordingRates.push(await load(env.target.url, requests, connections, bodyBytes));
    }
    return { recordingPerSecond: Math.max(...recordingRates), barePerSecond: Math.max(...bareRates), requests, connections };
  } finally {
    await bare.stop();
  }
}
