// Environment steps: the cluster, topics, the HTTP target and the system under test.

import type { DataTable } from '@cucumber/cucumber';
import { targetUp } from '../src/scenario/scenario-faults.js';
import { FORWARDER, FORWARDER_RETRYING, FORWARDER_STOPPING } from '../src/scenario/default-sut.js';
import { loadConfig } from '../src/config/chaos-config.js';
import { kafkaVersionFor } from '../src/scenario/kafka-requirement.js';
import { envTable } from '../src/scenario/parameters.js';
import { brokers, instances, partitions, replicas, requireInRange } from './support/argument-ranges.js';
import { defineStep } from './support/define-step.js';

defineStep(
  {
    id: 'cluster',
    kind: 'environment',
    pattern: 'a Kafka cluster of {int} broker(s)',
    example: 'a Kafka cluster of 3 brokers',
    summary: 'KRaft brokers (shared with earlier scenarios that asked for the same, unless @fresh-cluster)',
    validate: (n: number) => brokers(n),
  },
  async function (count: number) {
    await this.session.useCluster(count);
  },
);

defineStep(
  {
    id: 'clusterVersion',
    kind: 'environment',
    pattern: 'a Kafka cluster of {int} broker(s) running Kafka {version}',
    example: 'a Kafka cluster of 3 brokers running Kafka 3.9.1',
    summary: 'the same, on a given Kafka version',
    validate: (n: number) => brokers(n),
  },
  async function (count: number, version: string) {
    await this.session.useCluster(count, version);
  },
);

defineStep(
  {
    id: 'clusterMinVersion',
    kind: 'environment',
    pattern: 'a Kafka cluster of {int} broker(s) running Kafka {version} or newer',
    example: 'a Kafka cluster of 3 brokers running Kafka 4.1.1 or newer',
    summary: "the configured version when it is at least that one (KAFKA_VERSION, the matrix's column), else that one",
    validate: (n: number) => brokers(n),
  },
  async function (count: number, version: string) {
    await this.session.useCluster(count, kafkaVersionFor({ version, orNewer: true }, loadConfig().kafka.version));
  },
);

defineStep(
  {
    id: 'clusterTls',
    kind: 'environment',
    pattern: 'a Kafka cluster of {int} broker(s) that the system under test reaches over TLS',
    example: 'a Kafka cluster of 3 brokers that the system under test reaches over TLS',
    summary:
      "the SUT's listener speaks TLS with certificates made for the run; the SUT gets KAFKA_SECURITY_PROTOCOL=SSL and the CA in KAFKA_SSL_CA_LOCATION",
    validate: (n: number) => brokers(n),
  },
  async function (count: number) {
    await this.session.useCluster(count, undefined, true);
  },
);

defineStep(
  {
    id: 'topic',
    kind: 'environment',
    pattern: 'a topic {string} with {int} partition(s)',
    example: 'a topic "orders" with 3 partitions',
    summary: 'replication factor 3 (or the broker count), min in-sync 2',
    validate: (_t: string, p: number) => partitions(p),
  },
  async function (name: string, count: number) {
    await this.session.declareTopic(name, count);
  },
);

defineStep(
  {
    id: 'topicRf',
    kind: 'environment',
    pattern: 'a topic {string} with {int} partition(s) and replication factor {int}',
    example: 'a topic "orders" with 3 partitions and replication factor 3',
    summary: 'min in-sync replicas 2 (at most the factor)',
    validate: (_t: string, p: number, r: number) => (partitions(p), replicas(r)),
  },
  async function (name: string, count: number, factor: number) {
    await this.session.declareTopic(name, count, factor);
  },
);

defineStep(
  {
    id: 'topicRfIsr',
    kind: 'environment',
    pattern: 'a topic {string} with {int} partition(s), replication factor {int} and min in-sync replicas {int}',
    example: 'a topic "orders" with 3 partitions, replication factor 3 and min in-sync replicas 2',
    summary: 'every durability setting spelled out',
    validate: (_t: string, p: number, r: number, i: number) => (partitions(p), replicas(r), requireInRange(i, 'in-sync replicas', 1, r)),
  },
  async function (name: string, count: number, factor: number, insync: number) {
    await this.session.declareTopic(name, count, factor, insync);
  },
);

defineStep(
  {
    id: 'targetUp',
    kind: 'environment',
    pattern: 'the HTTP target is up',
    example: 'the HTTP target is up',
    summary: 'the recording target listens and answers 200',
  },
  async function () {
    await targetUp(this.session);
  },
);

defineStep(
  {
    id: 'sut',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string}',
    example: 'the system under test consumes "orders" as group "billing"',
    summary: 'starts 1 instance of the default SUT',
    sut: 'default',
  },
  async function (topic: string, group: string) {
    await this.session.startSut({ topic, group, instances: 1 });
  },
);

defineStep(
  {
    id: 'sutInstances',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string} with {int} instance(s)',
    example: 'the system under test consumes "orders" as group "billing" with 2 instances',
    summary: 'K instances in one group',
    sut: 'default',
    validate: (_t: string, _g: string, n: number) => instances(n),
  },
  async function (topic: string, group: string, count: number) {
    await this.session.startSut({ topic, group, instances: count });
  },
);

defineStep(
  {
    id: 'sutNamed',
    kind: 'environment',
    pattern: 'the system under test {string} consumes {string} as group {string}',
    example: 'the system under test "my-forwarder" consumes "orders" as group "billing"',
    summary: 'a SUT named in kafka-chaos.config.json',
    sut: 'named',
  },
  async function (sut: string, topic: string, group: string) {
    await this.session.startSut({ sut, topic, group, instances: 1 });
  },
);

defineStep(
  {
    id: 'sutNamedInstances',
    kind: 'environment',
    pattern: 'the system under test {string} consumes {string} as group {string} with {int} instance(s)',
    example: 'the system under test "my-forwarder" consumes "orders" as group "billing" with 2 instances',
    summary: 'the same, K instances',
    sut: 'named',
    validate: (_s: string, _t: string, _g: string, n: number) => instances(n),
  },
  async function (sut: string, topic: string, group: string, count: number) {
    await this.session.startSut({ sut, topic, group, instances: count });
  },
);

defineStep(
  {
    id: 'sutEnv',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string} with env:',
    example: 'the system under test consumes "orders" as group "billing" with env:',
    summary: 'extra environment from a two-column table (| NAME | value |)',
    sut: 'default',
  },
  async function (topic: string, group: string, table: DataTable) {
    await this.session.startSut({ topic, group, instances: 1, env: envTable(table.raw()) });
  },
);

defineStep(
  {
    id: 'sutInstancesEnv',
    kind: 'environment',
    pattern: 'the system under test consumes {string} as group {string} with {int} instance(s) and env:',
    example: 'the system under test consumes "orders" as group "billing" with 2 instances and env:',
    summary: 'K instances of the default SUT with extra environment from a table (| NAME | value |)',
    sut: 'default',
    validate: (_t: string, _g: string, n: number) => instances(n),
  },
  async function (topic: string, group: string, count: number, table: DataTable) {
    await this.session.startSut({ topic, group, instances: count, env: envTable(table.raw()) });
  },
);

defineStep(
  {
    id: 'sutNamedEnv',
    kind: 'environment',
    pattern: 'the system under test {string} consumes {string} as group {string} with env:',
    example: 'the system under test "my-forwarder" consumes "orders" as group "billing" with env:',
    summary: 'a named SUT with extra environment from a table (| NAME | value |)',
    sut: 'named',
  },
  async function (sut: string, topic: string, group: string, table: DataTable) {
    await this.session.startSut({ sut, topic, group, instances: 1, env: envTable(table.raw()) });
  },
);

defineStep(
  {
    id: 'sutNamedInstancesEnv',
    kind: 'environment',
    pattern: 'the system under test {string} consumes {string} as group {string} with {int} instance(s) and env:',
    example: 'the system under test "go-forwarder" consumes "orders" as group "billing" with 2 instances and env:',
    summary: 'K instances of a named SUT with extra environment from a table (| NAME | value |)',
    sut: 'named',
    validate: (_s: string, _t: string, _g: string, n: number) => instances(n),
  },
  async function (sut: string, topic: string, group: string, count: number, table: DataTable) {
    await this.session.startSut({ sut, topic, group, instances: count, env: envTable(table.raw()) });
  },
);

defineStep(
  {
    id: 'forwarderStops',
    kind: 'environment',
    pattern: 'the forwarder consumes {string} as group {string} and stops on the first error',
    example: 'the forwarder consumes "sdc-test-1" as group "sdc-test-c1" and stops on the first error',
    summary: 'the reference forwarder, FORWARDER_ON_ERROR=stop (seed 000)',
    sut: 'forwarder',
  },
  async function (topic: string, group: string) {
    await this.session.startSut({ sut: FORWARDER, topic, group, instances: 1, env: FORWARDER_STOPPING });
  },
);

defineStep(
  {
    id: 'forwarderRetries',
    kind: 'environment',
    pattern: 'the forwarder consumes {string} as group {string} and retries on errors',
    example: 'the forwarder consumes "orders" as group "billing" and retries on errors',
    summary: 'the reference forwarder, FORWARDER_ON_ERROR=retry (backoff capped at 1 s)',
    sut: 'forwarder',
  },
  async function (topic: string, group: string) {
    await this.session.startSut({ sut: FORWARDER, topic, group, instances: 1, env: FORWARDER_RETRYING });
  },
);

defineStep(
  {
    id: 'forwarderRetriesInstances',
    kind: 'environment',
    pattern: 'the forwarder consumes {string} as group {string} with {int} instance(s) and retries on errors',
    example: 'the forwarder consumes "orders" as group "billing" with 2 instances and retries on errors',
    summary: 'the same, K instances',
    sut: 'forwarder',
    validate: (_t: string, _g: string, n: number) => instances(n),
  },
  async function (topic: string, group: string, count: number) {
    await this.session.startSut({ sut: FORWARDER, topic, group, instances: count, env: FORWARDER_RETRYING });
  },
);
