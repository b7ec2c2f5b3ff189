// The one load generator bench:throughput points at every HTTP server it compares, run in a
// process of its own so that its CPU is not the server's: POSTs `requests` JSON bodies of
// `bodyBytes` over `concurrency` keep-alive connections (each connection one request at a time,
// as a forwarder's partition is), then prints one JSON line { requests, ok, elapsedMs }.
//
//   node load-generator.js <url> <requests> <concurrency> <bodyBytes>

import http from 'node:http';

const [url, requestsArg, concurrencyArg, bodyArg] = process.argv.slice(2);
if (!url || !requestsArg || !concurrencyArg || !bodyArg) {
  process.stderr.write('usage: load-generator <url> <requests> <concurrency> <bodyBytes>\n');
  process.exit(2);
}
const target = new URL(url);
const requests = Number(requestsArg);
const concurrency = Number(concurrencyArg);
const body = Buffer.from(JSON.stringify({ id: 'load', pad: 'x'.repeat(Math.max(0, Number(bodyArg) - 20)) }));
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
// A bounded run: the whole load gives up after this long.
const DEADLINE_MS = 120_000;

let sent = 0;
let ok = 0;

function post(id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'chaos-id': `load-${id}` },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== undefined && response.statusCode < 300) ok++;
          resolve();
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function lane(deadline: number): Promise<void> {
  while (sent < requests && Date.now() < deadline) await post(sent++);
}

const started = performance.now();
const deadline = Date.now() + DEADLINE_MS;
await Promise.all(Array.from({ length: concurrency }, () => lane(deadline)));
const elapsedMs = performance.now() - started;
agent.destroy();
process.stdout.write(`${JSON.stringify({ requests: sent, ok, elapsedMs })}\n`);
