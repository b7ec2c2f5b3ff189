// The harness's traffic in the scenario's words: a batch of sends that the step waits for, and
// background production started and stopped by name. A batch with sends refused or lost while
// no fault acts on Kafka says the cluster is unwell — an environment failure, never the SUT's.

import type { ProductionSummary } from '../traffic/harness-producer.js';
import { EnvironmentError } from '../util/errors.js';
import type { ScenarioSession } from './scenario-session.js';

export async function produce(
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
  if (summary.ok < count && !session.clusterFaultActive()) {
    throw new EnvironmentError(
      `only ${summary.ok} of ${count} sends to "${topicName}" were acked with no fault acting on the cluster (${summary.failed} failed, ${summary.indeterminate} indeterminate)`,
    );
  }
}

/** Produces to a scenario topic in the background until production stops (bounded by ScenarioTraffic). */
export async function startProducing(session: ScenarioSession, topicName: string, ratePerSecond: number, keys?: number): Promise<void> {
  await session.environment();
  session.traffic.startContinuous(session.names.topic(topicName), ratePerSecond, keys);
}

export async function stopProducing(session: ScenarioSession): Promise<void> {
  await session.environment();
  await session.traffic.stopContinuous();
}
