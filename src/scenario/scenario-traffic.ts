// The scenario's traffic: the harness producer's sends to the scenario's topics, each appended
// to the scenario's produced.jsonl as it ends. A blocking batch ("500 messages are produced"),
// or continuous production in the background — always bounded in messages and time, and
// stopped by "production stops", by a drain, or by the After hook.

import type { Acks, KafkaClients } from '../environment/kafka-client-seam.js';
import { ConfigError } from '../util/errors.js';
import type { JsonlWriter } from '../evidence/jsonl-writer.js';
import type { ProducedRecord } from '../evidence/ledger-records.js';
import { HarnessProducer, summarize, type ProductionSummary } from '../traffic/harness-producer.js';
import type { DeclaredTopic } from './scenario-names.js';

/** Continuous production stops by itself after this long at the latest. */
export const CONTINUOUS_MAX_MS = 5 * 60_000;
/** A blocking batch without a rate gets this long beyond its first minute. */
const UNPACED_MAX_MS = 5 * 60_000;

export interface ProduceRequest {
  topic: DeclaredTopic;
  count: number;
  ratePerSecond?: number;
  distinctKeys?: number;
}

interface Background {
  topic: DeclaredTopic;
  stop(): Promise<ProductionSummary>;
  done: Promise<ProducedRecord[]>;
}

export class ScenarioTraffic {
  private readonly producers = new Map<string, HarnessProducer>();
  private acks: Acks = 'all';
  private background: Background | undefined;
  private readonly all: ProducedRecord[] = [];

  constructor(
    private readonly kafka: () => KafkaClients,
    private readonly ledger: JsonlWriter<ProducedRecord>,
  ) {}

  /**
   * How many replicas the harness's sends wait for from now on (acks=all by default). Set before
   * the first message: a producer already made keeps what it was made with.
   */
  useAcks(acks: Acks): void {
    if (this.producers.size > 0) {
      throw new ConfigError('the harness producer already sent with acks=' + (this.acks === 'all' ? 'all' : '1'), {
        fix: 'put the acks step before the first step that produces',
      });
    }
    this.acks = acks;
  }

  /** Sends `count` messages and waits for every send's outcome. */
  async produce(request: ProduceRequest): Promise<ProductionSummary> {
    const started = Date.now();
    const maxDurationMs = request.ratePerSecond ? Math.ceil((request.count / request.ratePerSecond) * 1000) + 60_000 : UNPACED_MAX_MS;
    const records = await this.producer(request.topic, request.distinctKeys).produce({
      count: request.count,
      ratePerSecond: request.ratePerSecond,
      maxDurationMs,
    });
    this.all.push(...records);
    this.ledger.flush();
    return summarize(records, Date.now() - started);
  }

  /** Starts background production (one stream at a time). */
  startContinuous(topic: DeclaredTopic, ratePerSecond: number, distinctKeys?: number): void {
    if (this.background) {
      throw new Error(`messages are already produced continuously to "${this.background.topic.name}"; stop production first`);
    }
    const run = this.producer(topic, distinctKeys).start({
      count: Math.ceil((ratePerSecond * CONTINUOUS_MAX_MS) / 1000),
      ratePerSecond,
      maxDurationMs: CONTINUOUS_MAX_MS,
    });
    const done = run.done.then((records) => {
      this.all.push(...records);
      this.ledger.flush();
      return records;
    });
    // A failure inside background production surfaces when it is stopped, not as an unhandled rejection.
    done.catch(() => undefined);
    this.background = { topic, stop: run.stop, done };
  }

  get continuous(): boolean {
    return this.background !== undefined;
  }

  /** Stops background production, if any, and waits for its last sends' outcomes. */
  async stopContinuous(): Promise<ProductionSummary | undefined> {
    const background = this.background;
    if (!background) return undefined;
    this.background = undefined;
    const summary = await background.stop();
    await background.done;
    return summary;
  }

  /** Every send of the scenario that has ended (background sends once production stops). */
  records(): readonly ProducedRecord[] {
    return this.all;
  }

  idsWith(outcome: ProducedRecord['outcome']): string[] {
    return this.all.filter((r) => r.outcome === outcome).map((r) => r.id);
  }

  /** Partitions were added to `topic`: it has `partitions` now, and production (also running) uses them all. */
  repartition(topic: DeclaredTopic, partitions: number): void {
    topic.partitions = partitions;
    for (const [key, producer] of this.producers) if (key.startsWith(`${topic.real}#`)) producer.repartition(partitions);
  }

  async dispose(): Promise<void> {
    try {
      await this.stopContinuous();
    } finally {
      await Promise.allSettled([...this.producers.values()].map((p) => p.disconnect()));
      this.producers.clear();
    }
  }

  private producer(topic: DeclaredTopic, distinctKeys?: number): HarnessProducer {
    const key = `${topic.real}#${distinctKeys ?? 0}`;
    let producer = this.producers.get(key);
    if (!producer) {
      producer = new HarnessProducer(this.kafka(), {
        topic: topic.real,
        partitions: topic.partitions,
        ledger: this.ledger,
        distinctKeys,
        acks: this.acks,
      });
      this.producers.set(key, producer);
    }
    return producer;
  }
}
