// The cucumber-js options `kafka-chaos chaos` passes through. cucumber's own parser (commander)
// answers an unknown option by calling process.exit(1) — the exit code of a reliability failure —
// so the arguments are checked here first and a typo is a usage error (exit 2) with one line.
// A unit test compares this list with `cucumber-js --help`, so a cucumber upgrade cannot drift.

import { ConfigError } from '../util/errors.js';

/** Long name → whether it takes a value; with the short alias where cucumber has one. */
export const CUCUMBER_OPTIONS: ReadonlyArray<{ name: string; short?: string; takesValue: boolean }> = [
  { name: 'backtrace', short: 'b', takesValue: false },
  { name: 'config', short: 'c', takesValue: true },
  { name: 'dry-run', short: 'd', takesValue: false },
  { name: 'exit', takesValue: false },
  { name: 'force-exit', takesValue: false },
  { name: 'fail-fast', takesValue: false },
  { name: 'format', short: 'f', takesValue: true },
  { name: 'format-options', takesValue: true },
  { name: 'i18n-keywords', takesValue: true },
  { name: 'i18n-languages', takesValue: false },
  { name: 'import', short: 'i', takesValue: true },
  { name: 'loader', short: 'l', takesValue: true },
  { name: 'language', takesValue: true },
  { name: 'name', takesValue: true },
  { name: 'order', takesValue: true },
  { name: 'profile', short: 'p', takesValue: true },
  { name: 'parallel', takesValue: true },
  { name: 'plugin', takesValue: true },
  { name: 'plugin-options', takesValue: true },
  { name: 'publish', takesValue: false },
  { name: 'require', short: 'r', takesValue: true },
  { name: 'require-module', takesValue: true },
  { name: 'retry', takesValue: true },
  { name: 'retry-tag-filter', takesValue: true },
  { name: 'shard', takesValue: true },
  { name: 'strict', takesValue: false },
  { name: 'no-strict', takesValue: false },
  { name: 'tags', short: 't', takesValue: true },
  { name: 'version', short: 'v', takesValue: false },
  { name: 'world-parameters', takesValue: true },
];

/** Throws a one-line ConfigError on the first option cucumber would not accept. */
export function checkCucumberArgs(args: readonly string[], ownFlags: readonly string[]): void {
  const byName = new Map(CUCUMBER_OPTIONS.map((o) => [`--${o.name}`, o]));
  const byShort = new Map(CUCUMBER_OPTIONS.filter((o) => o.short).map((o) => [`-${o.short}`, o]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return; // the rest are paths
    if (!arg.startsWith('-') || arg === '-') continue;
    const flag = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const option = byName.get(flag) ?? byShort.get(flag);
    if (!option) {
      throw new ConfigError(`chaos: unknown option ${flag}`, {
        fix: `see \`kafka-chaos chaos --help\`: its own options are ${ownFlags.map((f) => `--${f}`).join(', ')}; cucumber's are listed by \`npx cucumber-js --help\``,
      });
    }
    if (option.takesValue && flag === arg) {
      if (i + 1 >= args.length)
        throw new ConfigError(`chaos: ${flag} needs a value`, { fix: `e.g. ${flag} ${flag.includes('tag') ? '@smoke' : '<value>'}` });
      i++; // its value, which may start with "-" ("--tags '-x'" is rare, but a value all the same)
    }
  }
}
