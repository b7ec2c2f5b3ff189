// The kafka-chaos.config.json a self-test run uses for one mode: the user's Kafka version, broker
// count and runtime (so the self-test runs where `npm run chaos` runs), and the built-in
// "forwarder" extended with FORWARDER_MODE — or, for a mode of another reference SUT (the Java
// forwarder's auto-commit), that SUT extended with the mode's env. The user's own SUTs are left
// out: their relative paths would not resolve from a temp file, and the self-test only tests ours.

import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, loadConfig } from '../config/chaos-config.js';
import type { ModePlan } from './detection-matrix.js';

export interface ModeConfigFile {
  kafka?: { version?: string; brokers?: number };
  runtime?: string;
  sut: Record<string, { env: Record<string, string> }>;
}

/**
 * The reference forwarder's fast configuration (sut/forwarder/README.md), as production-rates.feature
 * runs it: `chaos:selftest -- --fast` runs every forwarder mode this way.
 */
export const FAST_FORWARDER_ENV: Readonly<Record<string, string>> = {
  FORWARDER_PARTITIONS_IN_FLIGHT: '3',
  FORWARDER_COMMIT_INTERVAL_MS: '1000',
  FORWARDER_COMMIT_EVERY: '500',
};

/**
 * The file's content: `base` (the user's config as JSON, or {}) reduced to kafka and runtime, plus
 * the mode — and `forwarderEnv` (e.g. the fast configuration) for a mode of the forwarder.
 */
export function modeConfig(
  base: Record<string, unknown>,
  mode: string,
  sut?: ModePlan['sut'],
  forwarderEnv: Readonly<Record<string, string>> = {},
): ModeConfigFile {
  const config: ModeConfigFile = {
    sut: sut ? { [sut.name]: { env: sut.env } } : { forwarder: { env: { ...forwarderEnv, FORWARDER_MODE: mode } } },
  };
  if (base.kafka !== undefined) config.kafka = base.kafka as ModeConfigFile['kafka'];
  if (base.runtime !== undefined) config.runtime = base.runtime as string;
  return config;
}

/**
 * The user's config as JSON ({} when there is none), validated first by the real loader so a
 * broken file fails here, once, with its own one-line error.
 */
export function userConfigJson(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Record<string, unknown> {
  const file = env.KAFKA_CHAOS_CONFIG ?? path.resolve(cwd, CONFIG_FILE);
  const loaded = loadConfig(file);
  if (loaded.source === 'defaults') return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Writes the mode's config into `dir` and returns its path (for KAFKA_CHAOS_CONFIG). */
export function writeModeConfig(
  dir: string,
  base: Record<string, unknown>,
  mode: string,
  sut?: ModePlan['sut'],
  forwarderEnv?: Readonly<Record<string, string>>,
): string {
  const file = path.join(dir, `kafka-chaos.config.${mode}.json`);
  fs.writeFileSync(file, `${JSON.stringify(modeConfig(base, mode, sut, forwarderEnv), null, 2)}\n`);
  return file;
}
