// The recording target as its own process, so that the harness can stop, kill and restart it
// like any other part of the pipeline:
//   node dist/src/target/main.js        (options: first stdin line, or KAFKA_CHAOS_TARGET_OPTIONS)
// The options (ports, ledger path, control secret: target-options.ts) are never command-line
// arguments: a SUT running as the same user reads every process's command line under /proc.
// stdout carries JSON lines only: {"event":"ready",…} once both listeners are up, then one line
// per control change or refused control call. Bad options exit 2; a failed start exits 1;
// SIGTERM/SIGINT close the listeners, record the deliveries in flight, flush the ledger, exit 0.

import { ConfigError, describeError } from '../util/errors.js';
import { RecordingServer } from './recording-server.js';
import { parseTargetOptions, TARGET_OPTIONS_ENV, type TargetOptions } from './target-options.js';

/** How long the target waits for its options on stdin before it gives up. */
const STDIN_TIMEOUT_MS = 10_000;

async function readOptions(): Promise<TargetOptions> {
  const fromEnv = process.env[TARGET_OPTIONS_ENV];
  delete process.env[TARGET_OPTIONS_ENV]; // nothing this process starts should inherit it
  if (fromEnv !== undefined) return parseTargetOptions(fromEnv);
  return parseTargetOptions(await firstStdinLine());
}

function firstStdinLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => done(new ConfigError(`no options line on stdin within ${STDIN_TIMEOUT_MS} ms (nor ${TARGET_OPTIONS_ENV})`)),
      STDIN_TIMEOUT_MS,
    );
    const done = (error?: Error) => {
      clearTimeout(timer);
      process.stdin.off('data', onData).off('end', onEnd).pause();
      if (error) reject(error);
      else resolve(text.split('\n')[0]!);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) done();
    };
    const onEnd = () =>
      text.trim() ? done() : done(new ConfigError(`stdin ended without an options line (nor ${TARGET_OPTIONS_ENV} set)`));
    process.stdin.on('data', onData).on('end', onEnd);
  });
}

function emit(line: object): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function main(): Promise<void> {
  let options: TargetOptions;
  try {
    options = await readOptions();
  } catch (error) {
    process.stderr.write(`recording target: ${describeError(error)}\n`);
    process.exit(2);
  }
  process.stdin.destroy(); // read once: a later reader of this pipe (/proc/<pid>/fd/0) finds nothing

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
  emit({ event: 'ready', port: server.port, controlPort: server.controlPort, maxBodyBytes: options.maxBodyBytes });
}

await main();
