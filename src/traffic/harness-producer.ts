// The harness producer: sends uniquely identified messages with acks=all (or the leader's alone, when a durability scenario asks), each exactly once, and
// appends every send's outcome to produced.jsonl as it ends — ok with its partition and offset,
// failed, or indeterminate. It can run at a rate and in the background while faults act; every
// run is bounded in messages and time.

import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Acks, HarnessProducerClient, KafkaClients } from '../environment/kafka-client-seam.js';
import type { JsonlWriter } from '../evidence/jsonl-writer.js';
import type { ProducedRecord } from '../evidence/ledger-records.js';
import { harnessMessage, messageIdPrefix } from './harness-message.js';
import { classifySendFailure } from './send-outcome.js';

export interface ProductionOptions {
  /** Messages to send, at most. */
  count: number;
  /** Messages per second; unset: as fast as acks come back. */
  ratePerSecond?: number;
  /** Stop after this long even if `count` was not reached. */
  maxDurationMs?: number;
  /** Messages per request, per partition (default 100; at a rate, what 50 ms of it holds). */
  batchSize?: number;
}

export interface ProductionSummary {
  sent: number;
  ok: number;
  failed: number;
  indeterminate: number;
  durationMs: number;
}

const keyPartition = (key: string, partitions: number) => crypto.createHash('md5').update(key).digest().readUInt32BE(0) % partitions;

export class HarnessProducer {
  private readonly producer: HarnessProducerClient;
  private readonly prefix = messageIdPrefix();
  private seq = 0;
  private connected = false;
  /** The topic's metadata changed since the client connected. */
  private stale = false;

  constructor(
    kafka: KafkaClients,
    private readonly options: {
      topic: string;
      partitions: number;
      ledger?: JsonlWriter<ProducedRecord>;
      /** Keys key-0..key-(k-1), each always on its hash partition; unset: no keys, round-robin. */
      distinctKeys?: number;
      /** acks=all unless a durability scenario asks for the leader's alone. */
      acks?: Acks;
    },
  ) {
    // One attempt per send, by the seam's contract: a client retry would turn a failed attempt
    // into a hidden duplicate.
    this.producer = kafka.producer({ acks: options.acks ?? 'all' });
  }

  /** Sends up to `count` messages and resolves with every send's record (also appended to the ledger). */
  async produce(options: ProductionOptions, signal?: AbortSignal): Promise<ProducedRecord[]> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    const records: ProducedRecord[] = [];
    const started = Date.now();
    const deadline = started + (options.maxDurationMs ?? Number.POSITIVE_INFINITY);
    // Unpaced, each round sends one request of `batchSize` to every partition (it used to split
    // one batch over them all: 17 a request on 6 partitions, a tenth of what the cluster takes).
    const batchSize = options.ratePerSecond
      ? Math.max(1, Math.ceil(options.ratePerSecond / 20))
      : (options.batchSize ?? 100) * (this.options.distinctKeys ? 1 : this.options.partitions);
    while (records.length < options.count && Date.now() < deadline && !signal?.aborted) {
      if (options.ratePerSecond) {
        // Pace by elapsed time, so a slow ack is caught up rather than lowering the rate.
        const dueAt = started + (records.length / options.ratePerSecond) * 1000;
        if (dueAt > Date.now()) await sleep(dueAt - Date.now());
      }
      // One batch is in flight at a time, so under slow acks a fixed batch caps the rate at
      // batchSize / ack latency (100 per 130 ms when the cores are busy: 770/s asked for 2,000).
      // What is overdue goes in this batch, up to half a second's worth.
      const overdue = options.ratePerSecond
        ? Math.min(
            Math.floor(((Date.now() - started) / 1000) * options.ratePerSecond) - records.length,
            Math.ceil(options.ratePerSecond / 2),
          )
        : 0;
      const size = Math.min(Math.max(batchSize, overdue), options.count - records.length);
      records.push(...(await this.sendBatch(size)));
    }
    return records;
  }

  /** Produces in the background until `count`, the time bound, or stop(). */
  start(options: ProductionOptions): { stop(): Promise<ProductionSummary>; done: Promise<ProducedRecord[]> } {
    const controller = new AbortController();
    const started = Date.now();
    const done = this.produce(options, controller.signal);
    return {
      done,
      stop: async () => {
        controller.abort();
        return summarize(await done, Date.now() - started);
      },
    };
  }

  /**
   * The topic has `partitions` now (some were added): later sends spread over all of them. The
   * client reconnects before the next send, since its cached metadata knows only the old ones.
   */
  repartition(partitions: number): void {
    this.options.partitions = partitions;
    this.stale = true;
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = false;
  }

  private async sendBatch(size: number): Promise<ProducedRecord[]> {
    if (this.stale) {
      this.stale = false;
      await this.producer.disconnect();
      await this.producer.connect();
    }
    const byPartition = new Map<number, ReturnType<typeof harnessMessage>[]>();
    for (let i = 0; i < size; i++) {
      const seq = this.seq++;
      const key = this.options.distinctKeys ? `key-${seq % this.options.distinctKeys}` : null;
      const partition = key === null ? seq % this.options.partitions : keyPartition(key, this.options.partitions);
      const list = byPartition.get(partition) ?? [];
      list.push(harnessMessage(`${this.prefix}-${seq}`, seq, key));
      byPartition.set(partition, list);
    }
    // One request per partition: a failure at one leader says nothing about another's messages.
    const results = await Promise.all([...byPartition].map(([partition, messages]) => this.sendPartition(partition, messages)));
    return results.flat();
  }

  private async sendPartition(partition: number, messages: ReturnType<typeof harnessMessage>[]): Promise<ProducedRecord[]> {
    const sentAt = Date.now();
    const base = (m: (typeof messages)[number]) => ({ id: m.id, topic: this.options.topic, key: m.key, checksum: m.checksum, sentAt });
    const result = await this.producer.send(this.options.topic, partition, messages);
    const endedAt = Date.now();
    let records: ProducedRecord[];
    if (result.ok) {
      records = messages.map((m, i) => ({ ...base(m), endedAt, outcome: 'ok', partition, offset: result.baseOffset + i }));
    } else {
      const outcome = classifySendFailure(result.failure);
      records = messages.map((m) => ({ ...base(m), endedAt, outcome, partition: null, offset: null, error: result.failure.message }));
    }
    for (const record of records) this.options.ledger?.append(record);
    return records;
  }
}

export function summarize(records: readonly ProducedRecord[], durationMs: number): ProductionSummary {
  const count = (outcome: ProducedRecord['outcome']) => records.filter((r) => r.outcome === outcome).length;
  return { sent: records.length, ok: count('ok'), failed: count('failed'), indeterminate: count('indeterminate'), durationMs };
}
