// One POST on a fresh connection (no pooling, so a refused or dropped connection is this
// request's), timed: how the target tests talk to a recording target, local or in a container.

import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

export function postTo(url: string, body: string, headers: http.OutgoingHttpHeaders = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers, agent: false }, (response) => {
      response.resume();
      response.once('end', () => {
        resolve({ status: response.statusCode!, headers: response.headers, ms: performance.now() - started });
      });
    });
    request.once('error', reject);
    request.end(body);
  });
}
