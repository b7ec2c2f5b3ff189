// Produces N messages and insists that every one is acked: for setting a scene (before any
// fault acts), where a send that does not succeed is an environment failure, not a finding.

import type { KafkaClients } from '../environment/kafka-client-seam.js';
import type { ProducedRecord } from '../evidence/ledger-records.js';
import { EnvironmentError } from '../util/errors.js';
import { HarnessProducer, summarize } from './harness-producer.js';

export interface ProduceOptions {
  topic: string;
  count: number;
  partitions: number;
  batchSize?: number;
  distinctKeys?: number;
}

export async function produceMessages(kafka: KafkaClients, options: ProduceOptions): Promise<ProducedRecord[]> {
  const producer = new HarnessProducer(kafka, options);
  try {
    const started = Date.now();
    const records = await producer.produce({ count: options.count, batchSize: options.batchSize ?? 500 });
    const summary = summarize(records, Date.now() - started);
    if (summary.ok !== options.count) {
      const example = records.find((r) => r.outcome !== 'ok');
      throw new EnvironmentError(
        `only ${summary.ok} of ${options.count} sends to ${options.topic} were acked (${summary.failed} failed, ${summary.indeterminate} indeterminate; first error: ${example?.error})`,
      );
    }
    return records;
  } finally {
    await producer.disconnect();
  }
}
