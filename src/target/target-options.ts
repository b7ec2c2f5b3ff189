// The recording target's start options, as one JSON object — never on its command line, where a
// same-user SUT could read them under /proc/<pid>/cmdline:
//   {"port":P,"controlPort":C,"ledger":"/path/delivered.jsonl","controlSecret":"…",
//    "host":"127.0.0.1","maxBodyBytes":4194304}
// A local target reads it as the first line of stdin; a container's from KAFKA_CHAOS_TARGET_OPTIONS
// (the SUT's container cannot read another container's environment). Pure validation here.

import { ConfigError, describeError } from '../util/errors.js';

export const TARGET_OPTIONS_ENV = 'KAFKA_CHAOS_TARGET_OPTIONS';
/** Requests with a bigger body are answered 413 (the default cap). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const MIN_SECRET_LENGTH = 32;

export interface TargetOptions {
  port: number;
  controlPort: number;
  ledgerPath: string;
  controlSecret: string;
  host?: string;
  maxBodyBytes: number;
}

const FIELDS = ['port', 'controlPort', 'ledger', 'controlSecret', 'host', 'maxBodyBytes'];
const SHAPE = '{"port":P,"controlPort":C,"ledger":"path","controlSecret":"…"} (optional: host, maxBodyBytes)';

export function parseTargetOptions(text: string): TargetOptions {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`options are not JSON (${describeError(error)}); expected ${SHAPE}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ConfigError(`options must be a JSON object like ${SHAPE}`);
  const fields = input as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !FIELDS.includes(name));
  if (unknown !== undefined) throw new ConfigError(`unknown option "${unknown}"; known: ${FIELDS.join(', ')}`);
  const port = portField(fields, 'port');
  const controlPort = portField(fields, 'controlPort');
  if (port === controlPort && port !== 0) throw new ConfigError(`port and controlPort must differ, both are ${port}`);
  if (typeof fields.ledger !== 'string' || fields.ledger === '') throw new ConfigError('ledger (the path of delivered.jsonl) is required');
  const secret = fields.controlSecret;
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || /\s/.test(secret)) {
    throw new ConfigError(`controlSecret must be a string of ${MIN_SECRET_LENGTH} or more characters without spaces`);
  }
  if (fields.host !== undefined && (typeof fields.host !== 'string' || fields.host === ''))
    throw new ConfigError('host must be an address string');
  const maxBodyBytes = fields.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || (maxBodyBytes as number) < 1) {
    throw new ConfigError(`maxBodyBytes must be a whole number of bytes above 0, got ${JSON.stringify(fields.maxBodyBytes)}`);
  }
  return {
    port,
    controlPort,
    ledgerPath: fields.ledger,
    controlSecret: secret,
    host: fields.host as string | undefined,
    maxBodyBytes: maxBodyBytes as number,
  };
}

function portField(fields: Record<string, unknown>, name: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port from 0 to 65535 (0: any free one), got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}
