// Traffic steps: messages produced by the harness, in a batch or continuously.

import type { ProductionSummary } from '../src/traffic/harness-producer.js';
import { EnvironmentError } from '../src/util/errors.js';
import type { ScenarioSession } from '../src/scenario/scenario-session.js';
import { defineStep } from './support/define-step.js';

async function produce(
  session: ScenarioSession,
  topicName: string,
  count: number,
  options: { rate?: number; keys?: number } = {},
): Promise<void> {
  await session.environment();
  const topic = session.names.topic(topicName);
  const summary: ProductionSummary = await session.traffic.produce({
    topic,
    count,
    ratePerSecond: options.rate,
    distinctKeys: options.keys,
  });
  // With no fault acting on Kafka, a refused or lost send says the cluster is unwell — not the SUT.
  if (summary.ok < count && !session.clusterFaultActive()) {
    throw new EnvironmentError(
      `only ${summary.ok} of ${count} sends to "${topicName}" were acked with no fault acting on the cluster (${summary.failed} failed, ${summary.indeterminate} indeterminate)`,
    );
  }
}

defineStep('produce', async function (count: number, topic: string) {
  await produce(this.session, topic, count);
});

defineStep('produceMore', async function (count: number, topic: string) {
  await produce(this.session, topic, count);
});

defineStep('produceAtRate', async function (count: number, topic: string, rate: number) {
  await produce(this.session, topic, count, { rate });
});

defineStep('produceKeys', async function (count: number, topic: string, distinct: number) {
  await produce(this.session, topic, count, { keys: distinct });
});

defineStep('produceContinuously', async function (topic: string, rate: number) {
  await this.session.environment();
  this.session.traffic.startContinuous(this.session.names.topic(topic), rate);
});

defineStep('produceContinuouslyKeys', async function (topic: string, rate: number, distinct: number) {
  await this.session.environment();
  this.session.traffic.startContinuous(this.session.names.topic(topic), rate, distinct);
});

defineStep('productionStops', async function () {
  await this.session.environment();
  await this.session.traffic.stopContinuous();
});
