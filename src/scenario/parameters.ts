// The Gherkin parameter types, as data: the regular expression each one matches in a step and
// the pure parse of the matched text. steps/parameter-types.ts registers them with cucumber;
// the preflight runs the same parses before any cluster starts, so a malformed value
// ("0 partitions", "for 2 hours") fails fast with the step that wrote it.

import { ConfigError } from '../util/errors.js';

export { MAX_TIMER_MS } from '../util/timers.js';

/** The longest duration a step may name: every wait and fault window in a scenario is bounded (and far below MAX_TIMER_MS). */
export const MAX_DURATION_MS = 10 * 60_000;
export const MAX_COUNT = 1_000_000;
export const MAX_RATE_PER_SECOND = 50_000;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
};

/** "10 seconds", "500 ms", "1 minute", "1.5 s" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?) ?([a-z]+)$/.exec(text.trim());
  const unit = match ? UNIT_MS[match[2]!] : undefined;
  if (!match || unit === undefined) {
    throw new ConfigError(`"${text}" is not a duration`, { fix: 'write e.g. "500 ms", "10 seconds" or "1 minute"' });
  }
  const ms = Math.round(Number(match[1]) * unit);
  if (ms <= 0 || ms > MAX_DURATION_MS) {
    throw new ConfigError(`the duration "${text}" is out of range`, {
      fix: `use more than 0 ms and at most ${MAX_DURATION_MS / 60_000} minutes`,
    });
  }
  return ms;
}

/** "1", "500", "1,000" → a whole number of at least `min`. */
export function parseCount(text: string, min = 1): number {
  const digits = text.trim().replace(/,/g, '');
  if (!/^\d+$/.test(digits)) throw new ConfigError(`"${text}" is not a count`, { fix: 'write a whole number, e.g. 500 or 1,000' });
  const count = Number(digits);
  if (count < min || count > MAX_COUNT) {
    throw new ConfigError(`the count ${text} is out of range`, { fix: `use ${min} to ${MAX_COUNT.toLocaleString('en-US')}` });
  }
  return count;
}

/** "200 per second", "200 messages per second" → messages per second. */
export function parseRate(text: string): number {
  const match = /^([\d,]+) (?:messages? )?per second$/.exec(text.trim());
  if (!match) throw new ConfigError(`"${text}" is not a rate`, { fix: 'write e.g. "200 per second" or "200 messages per second"' });
  const rate = Number(match[1]!.replace(/,/g, ''));
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_PER_SECOND) {
    throw new ConfigError(`the rate "${text}" is out of range`, { fix: `use 1 to ${MAX_RATE_PER_SECOND} per second` });
  }
  return rate;
}

/** "30%", "2.5%" → a fraction in (0, 1]. */
export function parsePercentage(text: string): number {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (!match) throw new ConfigError(`"${text}" is not a percentage`, { fix: 'write e.g. "30%"' });
  const percent = Number(match[1]);
  if (percent <= 0 || percent > 100)
    throw new ConfigError(`the percentage ${text} is out of range`, { fix: 'use more than 0% and at most 100%' });
  return percent / 100;
}

/** "broker 2" → 2 (whether the cluster has it is checked when the step runs). */
export function parseBroker(text: string): number {
  const match = /^broker (\d+)$/.exec(text.trim());
  const id = Number(match?.[1]);
  if (!match || id < 1 || id > 9) throw new ConfigError(`"${text}" does not name a broker`, { fix: 'write "broker 1" to "broker 9"' });
  return id;
}

/** The client side of a link: the SUT's or the harness's connections, or another broker. */
export type LinkEnd = 'sut' | 'harness' | number;

export interface LinkSpec {
  from: LinkEnd;
  to: number;
  /** The words that named it, for reports. */
  text: string;
}

/** "the link between the SUT and broker 2", "the link between broker 1 and broker 3". */
export function parseLink(text: string): LinkSpec {
  const match = /^the link between (the SUT|the harness|broker \d+) and (broker \d+)$/.exec(text.trim());
  if (!match) {
    throw new ConfigError(`"${text}" does not name a link`, {
      fix: 'write "the link between the SUT and broker 2", "the link between the harness and broker 2" or "the link between broker 1 and broker 2"',
    });
  }
  const fromText = match[1]!;
  const from: LinkEnd = fromText === 'the SUT' ? 'sut' : fromText === 'the harness' ? 'harness' : parseBroker(fromText);
  const to = parseBroker(match[2]!);
  if (from === to) throw new ConfigError(`"${text}" links a broker to itself`, { fix: 'name two different brokers' });
  return { from, to, text: text.trim() };
}

/** An HTTP status the target can answer with. */
export function parseStatus(text: string): number {
  const status = Number(text.trim());
  if (!/^\d{3}$/.test(text.trim()) || status < 200 || status > 599) {
    throw new ConfigError(`${text} is not an HTTP status the target can answer`, { fix: 'use 200 to 599, e.g. 503 or 429' });
  }
  return status;
}

/** "3.9.1". */
export function parseVersion(text: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(text.trim())) throw new ConfigError(`"${text}" is not a Kafka version`, { fix: 'write e.g. 3.9.1' });
  return text.trim();
}

export interface ParameterTypeSpec {
  name: string;
  regexp: RegExp;
  parse: (text: string) => unknown;
  /** For the step catalogue and errors. */
  example: string;
}

// No capturing groups: cucumber then hands the whole match to the parse.
export const PARAMETER_TYPES: readonly ParameterTypeSpec[] = [
  {
    name: 'duration',
    regexp: /\d+(?:\.\d+)? ?(?:ms|milliseconds?|s|secs?|seconds?|min|mins|minutes?)/,
    parse: parseDuration,
    example: '10 seconds',
  },
  { name: 'count', regexp: /\d{1,3}(?:,\d{3})+|\d+/, parse: (t) => parseCount(t), example: '1,000' },
  { name: 'rate', regexp: /[\d,]+ (?:messages? )?per second/, parse: parseRate, example: '200 per second' },
  { name: 'percentage', regexp: /\d+(?:\.\d+)?%/, parse: parsePercentage, example: '30%' },
  { name: 'broker', regexp: /broker \d+/, parse: parseBroker, example: 'broker 2' },
  {
    name: 'link',
    regexp: /the link between (?:the SUT|the harness|broker \d+) and broker \d+/,
    parse: parseLink,
    example: 'the link between the SUT and broker 2',
  },
  { name: 'status', regexp: /\d{3}/, parse: parseStatus, example: '503' },
  { name: 'version', regexp: /\d+\.\d+\.\d+/, parse: parseVersion, example: '3.9.1' },
];

/** Range checks for plain {int} arguments, named by what they count. */
export function requireInRange(value: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${value} ${what} is out of range`, { fix: `use ${min} to ${max} ${what}` });
  }
  return value;
}

/** A step's `| NAME | value |` table as environment variables; a ConfigError for any other shape. */
export function envTable(rows: readonly (readonly string[])[]): Record<string, string> {
  if (rows.some((row) => row.length !== 2 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(row[0]!))) {
    throw new ConfigError('the env table needs two columns: a variable name and its value', {
      fix: 'write rows like | FORWARDER_ON_ERROR | retry |',
    });
  }
  return Object.fromEntries(rows.map(([name, value]) => [name!, value!]));
}
