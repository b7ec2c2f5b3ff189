// What the forwarder tells the outside world. stdout carries one JSON line per event a harness or
// an operator wants to see (ready, stopped-on-error, retrying, shutdown…) and never one per
// delivered record; stderr carries kafkajs's own warnings and errors, one line each.

import { logLevel, type logCreator } from 'kafkajs';

export function emit(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields, ts: new Date().toISOString() })}\n`);
}

export function warn(message: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(`${new Date().toISOString()} WARN [forwarder] ${message} ${JSON.stringify(fields)}\n`);
}

/**
 * kafkajs logs as single stderr lines. `ignore` drops entries the forwarder already reported
 * itself (kafkajs logs every error thrown from eachMessage, including our deliberate ones).
 */
export function stderrLogCreator(ignore: (log: Record<string, unknown>) => boolean): logCreator {
  return () =>
    ({ namespace, level, label, log }) => {
      if (ignore(log)) return;
      const { message, timestamp, logger: _logger, stack, ...extra } = log;
      // Stacks only for errors: a WARN about a retried request does not need one.
      if (level === logLevel.ERROR && stack !== undefined) extra['stack'] = stack;
      // `label`, not logLevel[level]: at runtime kafkajs's logLevel is a plain object, not a TS enum.
      const line = `${timestamp} ${label} [kafkajs ${namespace}] ${message} ${JSON.stringify(extra, errorsAsText)}`;
      process.stderr.write(`${line}\n`);
    };
}

// JSON.stringify turns an Error into {}; keep its name and message instead.
function errorsAsText(_key: string, value: unknown): unknown {
  return value instanceof Error ? `${value.name}: ${value.message}` : value;
}
