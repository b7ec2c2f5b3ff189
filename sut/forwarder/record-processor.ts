// The at-least-once core, and with FORWARDER_MODE=correct the whole of what happens to one Kafka
// record. Deliver it over HTTP; only after a 2xx commit its offset + 1, for its own
// topic-partition, so Kafka never holds a commit for a record the server has not acknowledged.
// A failed delivery never moves the offset; FORWARDER_ON_ERROR says what it leads to:
//   stop  — StreamSets' "On Record Error: Stop Pipeline": report it, commit nothing, and let
//           main.ts disconnect and exit 3; the record is delivered again on the next start.
//   retry — the same record again with capped exponential backoff until it is delivered, while
//           keeping the group membership alive; on shutdown or a rebalance the record is
//           abandoned uncommitted, and whoever owns the partition next starts from it.
// A record given up on is signalled to kafkajs by throwing (RecordNotDelivered or the group
// error itself): kafkajs then neither resolves its offset nor continues with the batch.
//
// No broken mode (README.md) lives here. Each is a file in modes/ that puts these same parts
// together the wrong way — commits too early, posts twice, gives a failed record up, drives
// kafkajs differently — and modes/mode-table.ts picks one. So the parts are public: settle
// (one record under a failure policy, resolving only after a 2xx), commit, postWithHeartbeats,
// and eachMessageWith / refusal / track, which keep a graceful stop and a stopped pipeline
// working for any driver.

import type { Consumer, ConsumerRunConfig, EachMessagePayload, KafkaMessage } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ForwarderConfig, OnError } from './forwarder-config.js';
import { deliver, type DeliveryResult } from './http-delivery.js';
import { emit, warn } from './event-log.js';
import { backoffMs, groupChangeIn } from './group-change.js';

/** Thrown into kafkajs for a record deliberately left undelivered (and so uncommitted). */
export class RecordNotDelivered extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordNotDelivered';
  }
}

/**
 * What a failed delivery attempt (not during shutdown) leads to: stop the pipeline, or retry the
 * record. The correct forwarder's is FORWARDER_ON_ERROR itself. A policy may instead throw, to
 * end the record its own way: settle passes the error on and commits nothing.
 */
export type FailurePolicy = (where: RecordPosition, attempt: number, result: DeliveryResult) => OnError;

/** How kafkajs drives a processor: the parts of consumer.run's options that a mode decides. */
export type Drive = Pick<ConsumerRunConfig, 'autoCommit' | 'autoCommitInterval' | 'autoCommitThreshold' | 'eachMessage' | 'eachBatch'>;

/** Where a record sits, as the events name it. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

// kafkajs sends a heartbeat only when its heartbeatInterval has passed, so asking often is free.
const HEARTBEAT_POLL_MS = 1000;
const RETRY_LOG_INTERVAL_MS = 1000;

export class RecordProcessor {
  private stopping = false;
  private halted = false;
  /** Aborts an HTTP request still on the wire when the shutdown grace period ends. */
  private readonly abandon = new AbortController();
  /** Wakes a retry backoff sleep at once on shutdown. */
  private readonly wakeSleeps = new AbortController();
  /** Deliveries under way: one per partition in flight (FORWARDER_PARTITIONS_IN_FLIGHT). */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly skippedHeaders = new Set<string>();

  constructor(
    private readonly config: ForwarderConfig,
    private readonly consumer: Consumer,
    /** FORWARDER_ON_ERROR=stop gave up on a record: the owner disconnects and exits 3. Called once. */
    private readonly onStoppedOnError: () => void,
  ) {}

  /** The kafkajs eachMessage handler of the correct forwarder: deliver the record, then commit it. */
  readonly eachMessage = this.eachMessageWith(async ({ topic, partition, message, heartbeat }) => {
    await this.settle({ topic, partition, offset: message.offset }, message, heartbeat);
    await this.commit(topic, partition, message.offset);
  });

  /**
   * The handler of the correct forwarder with batched commits: deliver the record and return.
   * kafkajs resolves a record's offset only when this returns, so its autoCommit commits exactly
   * the delivered prefix of each partition — on its interval and threshold, at the end of each
   * batch, before it rejoins a rebalance, and when a record is given up (the records before it).
   */
  readonly deliverOnly = this.eachMessageWith(async ({ topic, partition, message, heartbeat }) => {
    await this.settle({ topic, partition, offset: message.offset }, message, heartbeat);
  });

  /**
   * An eachMessage handler running `step` for each record: refused once the pipeline stopped or
   * is shutting down, and tracked so a graceful stop waits for it.
   */
  eachMessageWith(step: (payload: EachMessagePayload) => Promise<void>): (payload: EachMessagePayload) => Promise<void> {
    return (payload) => {
      const refused = this.refusal();
      if (refused) return Promise.reject(refused);
      return this.track(step(payload));
    };
  }

  /** Why no new record may start (the pipeline stopped, or is shutting down), if so. */
  refusal(): RecordNotDelivered | undefined {
    // Records fetched after the pipeline stopped are not even attempted.
    if (this.halted) return new RecordNotDelivered('pipeline stopped on error');
    if (this.stopping) return new RecordNotDelivered('forwarder is shutting down');
    return undefined;
  }

  /** Remembers `work` as the delivery a graceful stop waits for; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return work;
  }

  /**
   * Graceful stop: no new record is started, a retry loop gives up at once, and an HTTP request
   * already on the wire gets `graceMs` to answer (a 2xx is still committed) before it is aborted.
   */
  async quiesce(graceMs: number): Promise<void> {
    this.stopping = true;
    if (this.inFlight.size === 0) return;
    const pending = Promise.all(this.inFlight);
    // Wake a backoff sleep now; an in-flight request is only cut off after the grace period.
    this.wakeSleeps.abort();
    const timer = setTimeout(() => this.abandon.abort(), graceMs);
    try {
      await pending;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Delivers one record under `onFailure` (FORWARDER_ON_ERROR unless given). Resolves only after
   * a 2xx. Throws when the record must stay uncommitted: RecordNotDelivered (stopped on error,
   * shutting down), the group error (a rebalance took the partition away), or whatever the
   * policy threw.
   */
  async settle(
    where: RecordPosition,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    onFailure: FailurePolicy = () => this.config.onError,
  ): Promise<void> {
    // Fencing before the side effect: a member frozen past its session timeout (a GC pause,
    // SIGSTOP) wakes up believing it still owns the partition. kafkajs sends a heartbeat only when
    // its interval has passed — always, after a freeze — so asking first costs nothing otherwise.
    const gone = await this.evictedSince(heartbeat);
    if (gone) {
      emit('record-abandoned', { ...where, reason: 'rebalance', attempts: 0 });
      throw gone;
    }
    let lastRetryLog = 0;
    for (let attempt = 1; ; attempt++) {
      const { result, groupChange } = await this.postWithHeartbeats(message, heartbeat);
      if (result.ok) return;

      if (this.stopping) {
        emit('record-abandoned', { ...where, reason: 'shutdown', attempts: attempt, ...outcome(result) });
        throw new RecordNotDelivered('forwarder is shutting down');
      }

      if (onFailure(where, attempt, result) === 'stop') {
        // With partitions in flight, several may fail at once: the pipeline stops once.
        if (this.halted) throw new RecordNotDelivered('pipeline stopped on error');
        this.halted = true;
        emit('stopped-on-error', { ...where, ...outcome(result) });
        this.onStoppedOnError();
        throw new RecordNotDelivered(`pipeline stopped on error at ${where.topic}[${where.partition}]@${where.offset}`);
      }

      if (groupChange) {
        emit('record-abandoned', { ...where, reason: 'rebalance', attempts: attempt, ...outcome(result) });
        throw groupChange;
      }

      const delayMs = backoffMs(attempt, this.config.retryInitialMs, this.config.retryMaxMs);
      const now = Date.now();
      if (now - lastRetryLog >= RETRY_LOG_INTERVAL_MS) {
        lastRetryLog = now;
        emit('retrying', { ...where, attempt, ...outcome(result), delayMs });
      }
      const change = await this.sleepWithHeartbeats(delayMs, heartbeat);
      if (this.stopping) {
        emit('record-abandoned', { ...where, reason: 'shutdown', attempts: attempt, ...outcome(result) });
        throw new RecordNotDelivered('forwarder is shutting down');
      }
      if (change) {
        emit('record-abandoned', { ...where, reason: 'rebalance', attempts: attempt, ...outcome(result) });
        throw change;
      }
    }
  }

  /** Commits exactly this record: offset + 1 on its own topic-partition, nothing else. */
  async commit(topic: string, partition: number, offset: string): Promise<void> {
    try {
      await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
    } catch (error) {
      // Delivered but not committed: the record will be delivered again (a duplicate, never a
      // loss). kafkajs retries silently from here, so say it. Hand kafkajs the bare group error
      // so it rejoins instead of crashing on the wrapped, non-retriable form.
      warn('commit after delivery failed; the record will be delivered again', {
        topic,
        partition,
        offset,
        error: error instanceof Error ? error.message : String(error),
      });
      throw groupChangeIn(error) ?? error;
    }
  }

  private post(message: KafkaMessage): Promise<DeliveryResult> {
    return deliver(
      message,
      { url: this.config.targetUrl, instance: this.config.instance, timeoutMs: this.config.httpTimeoutMs },
      { signal: this.abandon.signal, skipped: (name, why) => this.warnSkipped(name, why) },
    );
  }

  /**
   * One POST of `message` (up to the HTTP timeout) while heartbeating, so a slow server does not
   * cost the group membership. A group change seen meanwhile is returned, not thrown: a
   * delivered record is still worth trying to commit.
   */
  async postWithHeartbeats(
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<{ result: DeliveryResult; groupChange: Error | undefined }> {
    let groupChange: Error | undefined;
    const beat = (): void => {
      heartbeat().catch((error: unknown) => {
        groupChange ??= groupChangeIn(error);
      });
    };
    const timer = setInterval(beat, HEARTBEAT_POLL_MS);
    try {
      const result = await this.post(message);
      return { result, groupChange };
    } finally {
      clearInterval(timer);
    }
  }

  /** The group change a heartbeat reports now, if any; an unreachable coordinator is not one. */
  private async evictedSince(heartbeat: () => Promise<void>): Promise<Error | undefined> {
    try {
      await heartbeat();
      return undefined;
    } catch (error) {
      return groupChangeIn(error);
    }
  }

  /** Sleeps `ms` in short slices, heartbeating between them; returns early on shutdown or a group change. */
  private async sleepWithHeartbeats(ms: number, heartbeat: () => Promise<void>): Promise<Error | undefined> {
    const until = Date.now() + ms;
    while (!this.stopping) {
      const left = until - Date.now();
      if (left <= 0) return undefined;
      try {
        await sleep(Math.min(left, HEARTBEAT_POLL_MS), undefined, { signal: this.wakeSleeps.signal });
      } catch {
        return undefined; // woken for shutdown
      }
      try {
        await heartbeat();
      } catch (error) {
        const change = groupChangeIn(error);
        if (change) return change;
        // A coordinator that is briefly unreachable (broker failover) is not a reason to give
        // the record up; the next slice heartbeats again.
        warn('heartbeat failed while retrying a record', { error: error instanceof Error ? error.message : String(error) });
      }
    }
    return undefined;
  }

  private warnSkipped(name: string, why: string): void {
    if (this.skippedHeaders.has(name)) return;
    this.skippedHeaders.add(name);
    warn('Kafka header not copied to HTTP', { header: name, why });
  }
}

/** A failed attempt as the events name it: the HTTP status, or the error. */
export function outcome(result: DeliveryResult): { status: number } | { error: string } {
  return result.status !== undefined ? { status: result.status } : { error: result.error ?? 'unknown error' };
}
