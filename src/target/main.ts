// The recording target as its own process, so that the harness can stop, kill and restart it
// like any other part of the pipeline:
//   node dist/src/target/main.js --port P --control-port C --ledger /path/delivered.jsonl [--host H]
// (--host: where to bind, default 127.0.0.1; in a container the runtime passes 0.0.0.0.)
// stdout carries JSON lines only: {"event":"ready",…} once both listeners are up, then one line
// per control change. A bad argument exits 2; a failed start exits 1; SIGTERM/SIGINT close the
// listeners, record the deliveries in flight, flush the ledger and exit 0.

import { parseArgs } from 'node:util';
import { ConfigError, describeError } from '../util/errors.js';
import { RecordingServer, type RecordingServerOptions } from './recording-server.js';

const USAGE = 'usage: main.js --port <1-65535> --control-port <1-65535> --ledger <path/delivered.jsonl> [--host <address>]';

function parseCli(args: string[]): Omit<RecordingServerOptions, 'onControl'> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: 'string' }, 'control-port': { type: 'string' }, ledger: { type: 'string' }, host: { type: 'string' } },
    }));
  } catch (error) {
    throw new ConfigError(`${describeError(error)}; ${USAGE}`);
  }
  const port = portArg('--port', values.port);
  const controlPort = portArg('--control-port', values['control-port']);
  if (port === controlPort) throw new ConfigError(`--port and --control-port must differ, both are ${port}; ${USAGE}`);
  if (!values.ledger) throw new ConfigError(`--ledger is required; ${USAGE}`);
  return { port, controlPort, ledgerPath: values.ledger, host: values.host };
}

function portArg(name: string, value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError(`${name} must be a port from 1 to 65535, got ${value ?? 'nothing'}; ${USAGE}`);
  }
  return port;
}

function emit(line: object): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`recording target: ${describeError(error)}\n`);
    process.exit(2);
  }

  let server: RecordingServer;
  try {
    server = await RecordingServer.start({ ...options, onControl: emit });
  } catch (error) {
    process.stderr.write(`recording target: ${describeError(error)}\n`);
    process.exit(1);
  }

  const stop = (signal: NodeJS.Signals) => {
    // A second signal during the shutdown gets the default handling: it kills at once.
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    server.close().then(
      () => {
        emit({ event: 'stopped', signal });
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`recording target: shutdown failed: ${describeError(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  emit({ event: 'ready', port: server.port, controlPort: server.controlPort });
}

await main();
