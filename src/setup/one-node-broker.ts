// What setup's two per-jars artefacts (kafka-cds-archive.ts, kafka-format-template.ts) share: the
// fingerprint of the jars they were made from, and the one-node KRaft broker they make them with.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { LOOPBACK } from '../util/ports.js';
import type { KafkaDistribution } from './kafka-distribution.js';

/** A short digest of the version, the libs folder, its jar names and `extra`: it changes when any does. */
export function jarsFingerprint(kafka: KafkaDistribution, extra: readonly string[] = []): string {
  const jars = fs.existsSync(kafka.libsDir) ? fs.readdirSync(kafka.libsDir).sort().join('\n') : '';
  return crypto
    .createHash('sha256')
    .update([kafka.version, kafka.libsDir, jars, ...extra].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

/** server.properties of a one-node broker-and-controller on loopback, logging into `logDir`. */
export function oneNodeProperties(logDir: string, ports: { client: number; controller: number }): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${LOOPBACK}:${ports.controller}`,
    'controller.listener.names=CONTROLLER',
    `listeners=PLAINTEXT://${LOOPBACK}:${ports.client},CONTROLLER://${LOOPBACK}:${ports.controller}`,
    `log.dirs=${logDir}`,
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    '',
  ].join('\n');
}
