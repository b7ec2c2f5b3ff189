// Flag parsing and help for the CLI. Each command declares its flags once, as data (name, type,
// what it does): parseFlags accepts exactly those, and `kafka-chaos <command> --help` prints
// them, so the help cannot drift from what is accepted. Anything unknown is a usage error
// (exit 2) naming the flag and the ones accepted. The parser itself is util's (parse-flags.ts),
// re-exported here for the commands.

import type { FlagType } from '../util/parse-flags.js';

export { parseFlags, type FlagType } from '../util/parse-flags.js';

export interface FlagSpec {
  type: FlagType;
  /** The value's placeholder in the help, e.g. "ID". */
  value?: string;
  summary: string;
}

export interface CommandHelp {
  /** One line: what the command does. */
  summary: string;
  /** `kafka-chaos <command> …` as typed. */
  usage: string;
  flags: Record<string, FlagSpec>;
  /** Further lines after the flags (pass-through arguments, exit codes). */
  notes?: readonly string[];
}

/** Flags several commands share. */
export const COMMON_FLAGS = {
  kafkaVersion: (what: string): FlagSpec => ({
    type: 'string',
    value: 'X.Y.Z',
    summary: `${what} (default: kafka.version of kafka-chaos.config.json)`,
  }),
  quiet: { type: 'boolean', summary: 'print nothing unless something fails' },
} as const;

/** The flag types of a help's flags, in the shape parseFlags takes. */
export function flagTypes<T extends Record<string, FlagSpec>>(flags: T): { [K in keyof T]: T[K]['type'] } {
  return Object.fromEntries(Object.entries(flags).map(([name, spec]) => [name, spec.type])) as never;
}

/** `--help` or `-h` among a command's own arguments (before a `--` that ends them). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The text `kafka-chaos <command> --help` prints. */
export function formatHelp(command: string, help: CommandHelp): string {
  const rows = Object.entries(help.flags).map(([name, spec]) => [`--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.summary] as const);
  rows.push(['--help, -h', 'print this help and exit 0']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `usage: ${help.usage}`,
    '',
    `kafka-chaos ${command}: ${help.summary}`,
    '',
    'options:',
    ...rows.map(([flag, summary]) => `  ${flag.padEnd(width)}  ${summary}`),
    ...(help.notes && help.notes.length > 0 ? ['', ...help.notes] : []),
  ].join('\n');
}
