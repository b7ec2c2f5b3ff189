// bench:throughput — what carries how many messages a second on this machine, each beside its
// baseline in the same run (process runtime, one 3-broker cluster behind Toxiproxy):
//   producers   the harness producer vs Kafka's ProducerPerformance (acks=all, 1 in flight, no retries)
//   HTTP        the recording target vs a bare Node server, one load generator for both
//   end to end  the reference forwarder draining a backlog: fast configuration vs the harness
//               producer's rate, and seed 000's one-record-at-a-time configuration beside it
//   faults      from a fault's inject to its first observable effect, and whether open
//               connections feel it
// Prints figures; asserts nothing.
//
//   npm run bench:throughput
//   BENCH_MESSAGES=50000 BENCH_HTTP_REQUESTS=50000 npm run bench:throughput

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFERENCE_FORWARDER } from '../../src/config/chaos-config.js';
import { ChaosEnvironment } from '../../src/environment/chaos-environment.js';
import { measureFaultLatencies } from './fault-latency.js';
import { FAST_FORWARDER_ENV, measureDrain } from './forwarder-rate.js';
import { measureProducers } from './producer-rates.js';
import { measureTargets } from './target-rates.js';

const messages = Number(process.env.BENCH_MESSAGES ?? 100_000);
const httpRequests = Number(process.env.BENCH_HTTP_REQUESTS ?? 100_000);
const CONNECTIONS = 6;
const SLOW_WINDOW_MS = 15_000;

const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const row = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(58)} ${value.padStart(10)}  ${note}`);

const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-bench-throughput-'));
const env = await new ChaosEnvironment().withRunsRoot(runsRoot).withRuntime('process').withSut('forwarder', REFERENCE_FORWARDER).start();
let interrupted = false;
const onSignal = () => {
  interrupted = true;
  void env.stop().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
try {
  console.log(
    `bench:throughput — ${os.cpus().length} cores, process runtime, 3 brokers behind Toxiproxy; ${messages.toLocaleString('en-US')} messages`,
  );
  const producers = await measureProducers(env, messages, 'bench-backlog');
  console.log('producers (acks=all, one request in flight, no retries)');
  row(`Kafka ProducerPerformance, ${producers.recordBytes}-byte records (baseline)`, rate(producers.kafkaPerSecond));
  row('harness producer', rate(producers.harnessPerSecond), `${producers.harnessOk.toLocaleString('en-US')} acked`);
  row('ratio (harness / ProducerPerformance)', ratio(producers.harnessPerSecond, producers.kafkaPerSecond));

  const fast = await measureDrain(env, 'bench-backlog', 'bench-fast', producers.harnessOk, FAST_FORWARDER_ENV);
  const slow = await measureDrain(
    env,
    'bench-backlog',
    'bench-one-by-one',
    producers.harnessOk,
    { FORWARDER_ON_ERROR: 'retry' },
    SLOW_WINDOW_MS,
  );
  console.log('end to end (one forwarder instance draining the backlog, 2xx in the target ledger)');
  row(
    'forwarder, fast configuration (10%→90% of the backlog)',
    rate(fast.perSecond),
    Object.entries(FAST_FORWARDER_ENV)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  );
  row('ratio (forwarder / harness producer)', ratio(fast.perSecond, producers.harnessPerSecond));
  row(
    `forwarder, one record at a time (first ${SLOW_WINDOW_MS / 1000} s)`,
    rate(slow.perSecond),
    'seed 000: each record committed after its 2xx',
  );
  row('ratio (fast / one record at a time)', ratio(fast.perSecond, slow.perSecond));

  const targets = await measureTargets(env, httpRequests, CONNECTIONS, producers.recordBytes);
  console.log(
    `HTTP (${httpRequests.toLocaleString('en-US')} POSTs over ${CONNECTIONS} keep-alive connections, one load generator process)`,
  );
  row('bare Node HTTP server, own process (baseline)', rate(targets.barePerSecond));
  row('recording target', rate(targets.recordingPerSecond));
  row('ratio (recording target / bare server)', ratio(targets.recordingPerSecond, targets.barePerSecond));

  const faults = await measureFaultLatencies(env);
  console.log('faults (from the start of inject to the first effect a new connection sees; open connections)');
  for (const f of faults) {
    const first = f.newConnectionsMs === undefined ? 'none' : `${f.newConnectionsMs.toFixed(0)} ms`;
    row(`${f.fault}: ${f.effect}`, first, `inject returned after ${f.injectMs.toFixed(0)} ms; an open connection: ${f.openConnection}`);
  }
} finally {
  if (!interrupted) await env.stop();
  fs.rmSync(runsRoot, { recursive: true, force: true });
}
