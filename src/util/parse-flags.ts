// Strict flag parsing for the kafka-chaos commands (src/cli/args.ts re-exports it): a program
// declares its flags as data and parseFlags accepts exactly those; anything unknown is a usage
// error naming the flag and the ones accepted. It lives in util, not src/cli/, so a program
// outside the CLI can use it too without importing upward.

import { parseArgs } from 'node:util';
import { ConfigError } from './errors.js';

export type FlagType = 'string' | 'boolean';

export function parseFlags<T extends Record<string, FlagType>>(
  args: string[],
  flags: T,
): { [K in keyof T]?: T[K] extends 'string' ? string : boolean } {
  const options = Object.fromEntries(Object.entries(flags).map(([name, type]) => [name, { type }]));
  try {
    return parseArgs({ args, options, allowPositionals: false }).values as never;
  } catch (error) {
    const known =
      Object.keys(flags)
        .map((f) => `--${f}`)
        .join(', ') || '(none)';
    throw new ConfigError(`${(error as Error).message.split('\n')[0]}`, { fix: `accepted flags: ${known}` });
  }
}
