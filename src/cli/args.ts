// Minimal flag parsing for the CLI: `--name value` and boolean `--flag`; anything unknown is
// an error naming the flag and the ones accepted.

import { parseArgs } from 'node:util';
import { ConfigError } from '../util/errors.js';

export function parseFlags<T extends Record<string, 'string' | 'boolean'>>(
  args: string[],
  flags: T,
): { [K in keyof T]?: T[K] extends 'string' ? string : boolean } {
  const options = Object.fromEntries(Object.entries(flags).map(([name, type]) => [name, { type }]));
  try {
    return parseArgs({ args, options, allowPositionals: false }).values as never;
  } catch (error) {
    const known = Object.keys(flags).map((f) => `--${f}`).join(', ') || '(none)';
    throw new ConfigError(`${(error as Error).message.split('\n')[0]}`, { fix: `accepted flags: ${known}` });
  }
}
