// FORWARDER_MODE=auto-commit, a broken mode: the "decouple consuming from delivering" bug.
// eachMessage puts the record on an in-memory queue and returns at once, and kafkajs's default
// `autoCommit: true` commits every record eachMessage returned from — what was fetched, not what
// the server accepted. One worker posts the queue in order under the usual error policy. So:
//   - while the target is down, commits run ahead of delivery (checks `unsafe-commit` and
//     `commit-during-outage` fail);
//   - when the process ends with records still queued — stopped on error (exit 3), SIGTERM, a
//     crash — those records are gone, already committed (check `lost` fails).
// The queue is bounded, as real ones are; a full queue makes eachMessage wait, heartbeating.

import type { EachMessagePayload, KafkaMessage } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { emit } from '../event-log.js';
import type { Drive, RecordPosition, RecordProcessor } from '../record-processor.js';

interface Queued {
  where: RecordPosition;
  message: KafkaMessage;
}

/** Records fetched and queued but not yet posted, at most. */
const HANDOFF_CAPACITY = 1000;
const ROOM_POLL_MS = 100;
// The worker runs outside kafkajs's eachMessage, so it has no heartbeat of its own to give.
const noHeartbeat = (): Promise<void> => Promise.resolve();

/** kafkajs's defaults: autoCommit on, committing what eachMessage returned from. */
export function autoCommit(processor: RecordProcessor): Drive {
  return { autoCommit: true, eachMessage: new HandoffQueue(processor, HANDOFF_CAPACITY).eachMessage };
}

class HandoffQueue {
  private readonly queue: Queued[] = [];
  private draining = false;

  constructor(
    private readonly processor: RecordProcessor,
    private readonly capacity: number,
  ) {}

  /** The kafkajs eachMessage handler: enqueue and return, so kafkajs resolves (and commits) the offset. */
  readonly eachMessage = async ({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> => {
    for (;;) {
      const refused = this.processor.refusal();
      if (refused) throw refused;
      if (this.queue.length < this.capacity) break;
      await sleep(ROOM_POLL_MS);
      await heartbeat();
    }
    this.queue.push({ where: { topic, partition, offset: message.offset }, message });
    if (!this.draining) void this.drain();
  };

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let next = this.queue[0]; next; next = this.queue[0]) {
        if (this.processor.refusal()) return this.drop('forwarder is stopping');
        try {
          await this.processor.track(this.processor.settle(next.where, next.message, noHeartbeat));
        } catch (error) {
          return this.drop(error instanceof Error ? error.message : String(error));
        }
        this.queue.shift();
      }
    } finally {
      this.draining = false;
    }
  }

  /** The process is ending: the queued records go with it, though their offsets are committed. */
  private drop(reason: string): void {
    emit('handoff-dropped', { records: this.queue.length, reason });
    this.queue.length = 0;
  }
}
