// Environment steps: the cluster, topics, the HTTP target and the system under test.

import type { DataTable } from '@cucumber/cucumber';
import { targetUp } from '../src/scenario/scenario-faults.js';
import { ConfigError } from '../src/util/errors.js';
import { defineStep } from './support/define-step.js';

/** The reference forwarder's retry knobs: a short backoff, so an outage's end is noticed within a second. */
const RETRYING = { FORWARDER_ON_ERROR: 'retry', FORWARDER_RETRY_INITIAL_MS: '100', FORWARDER_RETRY_MAX_MS: '1000' };
const STOPPING = { FORWARDER_ON_ERROR: 'stop' };

defineStep('cluster', async function (count: number) {
  await this.session.useCluster(count);
});

defineStep('clusterVersion', async function (count: number, version: string) {
  await this.session.useCluster(count, version);
});

defineStep('topic', async function (name: string, count: number) {
  await this.session.declareTopic(name, count);
});

defineStep('topicRf', async function (name: string, count: number, factor: number) {
  await this.session.declareTopic(name, count, factor);
});

defineStep('topicRfIsr', async function (name: string, count: number, factor: number, insync: number) {
  await this.session.declareTopic(name, count, factor, insync);
});

defineStep('targetUp', async function () {
  await targetUp(this.session);
});

defineStep('sut', async function (topic: string, group: string) {
  await this.session.startSut({ topic, group, instances: 1 });
});

defineStep('sutInstances', async function (topic: string, group: string, count: number) {
  await this.session.startSut({ topic, group, instances: count });
});

defineStep('sutNamed', async function (sut: string, topic: string, group: string) {
  await this.session.startSut({ sut, topic, group, instances: 1 });
});

defineStep('sutNamedInstances', async function (sut: string, topic: string, group: string, count: number) {
  await this.session.startSut({ sut, topic, group, instances: count });
});

defineStep('sutEnv', async function (topic: string, group: string, table: DataTable) {
  const rows = table.raw();
  if (rows.some((row) => row.length !== 2 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(row[0]!))) {
    throw new ConfigError('the env table needs two columns: a variable name and its value', {
      fix: 'write rows like | FORWARDER_ON_ERROR | retry |',
    });
  }
  await this.session.startSut({ topic, group, instances: 1, env: Object.fromEntries(rows.map(([name, value]) => [name!, value!])) });
});

defineStep('forwarderStops', async function (topic: string, group: string) {
  await this.session.startSut({ sut: 'forwarder', topic, group, instances: 1, env: STOPPING });
});

defineStep('forwarderRetries', async function (topic: string, group: string) {
  await this.session.startSut({ sut: 'forwarder', topic, group, instances: 1, env: RETRYING });
});

defineStep('forwarderRetriesInstances', async function (topic: string, group: string, count: number) {
  await this.session.startSut({ sut: 'forwarder', topic, group, instances: count, env: RETRYING });
});
