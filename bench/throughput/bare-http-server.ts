// bench:throughput's baseline HTTP server, in a process of its own: reads each request's body and
// answers 200 with a small JSON body as the recording target does — nothing else: the least any
// target can do per POST. Prints its port, then serves
// until stdin closes (its parent ending ends it too).

import http from 'node:http';

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":200}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
