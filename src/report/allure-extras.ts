// The two files Allure reads beside the results, besides the results themselves: categories.json
// (how failures group, see categories.ts) and environment.properties (what the run ran on: Kafka
// version, runtime, image ids, the system under test, Node). Written by the cucumber layer once
// per run, and by `npm run report` when a results directory lacks its categories.

import fs from 'node:fs';
import path from 'node:path';
import { CATEGORIES } from './categories.js';

export interface AllureEnvironmentInfo {
  /** 'process' or 'container'. */
  runtime: string;
  kafkaVersion: string;
  /** The system under test: a name, a command or an image. */
  sut: string;
  /** Component → image id (container runtime). */
  images?: Record<string, string>;
}

/** A Java .properties key: \ = : # ! and whitespace escaped; non-ASCII as \uXXXX (the format is Latin-1). */
function propertyKey(key: string): string {
  return escapeProperty(key).replace(/[ =:#!]/g, (c) => `\\${c}`);
}

/** A Java .properties value: backslashes, line breaks, a leading space and non-ASCII escaped. */
function escapeProperty(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const code = value.charCodeAt(i);
    if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out.replace(/^ /, '\\ ');
}

/** The environment.properties text: one `key=value` line each, in a fixed order. */
export function environmentProperties(info: AllureEnvironmentInfo, nodeVersion = process.version): string {
  const entries: [string, string][] = [
    ['kafka.version', info.kafkaVersion],
    ['runtime', info.runtime],
    ['sut', info.sut],
    ['node.version', nodeVersion],
    ...Object.entries(info.images ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, id]): [string, string] => [`image.${name}`, id]),
  ];
  return entries.map(([key, value]) => `${propertyKey(key)}=${escapeProperty(value)}\n`).join('');
}

/** categories.json as Allure reads it: an array of { name, description, messageRegex, matchedStatuses }. */
export function categoriesJson(): string {
  return `${JSON.stringify(CATEGORIES, null, 2)}\n`;
}

export function writeCategories(resultsDir: string): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'categories.json'), categoriesJson());
}

export function writeAllureExtras(resultsDir: string, info: AllureEnvironmentInfo): void {
  writeCategories(resultsDir);
  fs.writeFileSync(path.join(resultsDir, 'environment.properties'), environmentProperties(info));
}
