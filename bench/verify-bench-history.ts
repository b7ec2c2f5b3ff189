// The history bench:verify judges, written into a run directory: a clean, realistic run of
// `messages` acked sends over 6 partitions, their read-back, deliveries with 5% duplicates (some
// after a 503 or a dropped attempt), commits, final offsets, a target outage and SUT restarts.
// Streamed in one pass with buffered synchronous writes, so 10,000,000 messages fit in memory.

import fs from 'node:fs';
import path from 'node:path';
import {
  LEDGER_FILES,
  type CommitRecord,
  type DeliveryRecord,
  type EventRecord,
  type FaultRecord,
  type FinalOffsets,
  type LogRecord,
  type ProducedRecord,
} from '../src/evidence/ledger-records.js';

const TOPIC = 'orders';
const GROUP = 'orders-forwarder';
const PARTITIONS = 6;

export interface Shape {
  messages: number;
  duplicates: number;
  commits: number;
}

/** The bench's history for `messages` sends: 5% redelivered, a commit every 50 messages. */
export function shapeOf(messages: number): Shape {
  return { messages, duplicates: Math.round(messages / 20), commits: Math.round(messages / 50) };
}

class LineSink {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  lines = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  write(record: unknown): void {
    const line = JSON.stringify(record) + '\n';
    this.buffer.push(line);
    this.size += line.length;
    this.lines++;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** A cheap stand-in for checksum(): 16 hex digits, distinct per message, no SHA-256 per line. */
function fakeChecksum(seq: number): string {
  const mix = (x: number) => {
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
    return ((x ^ (x >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  return mix(seq * 2 + 1) + mix(seq * 2 + 0x9e3779b9);
}

interface Queued {
  at: number;
  record: DeliveryRecord;
}

/** Attempts that come later than their message's first delivery, in time order (a FIFO: each is pushed in time order). */
class DelayedAttempts {
  private items: Queued[] = [];
  private head = 0;

  push(item: Queued): void {
    this.items.push(item);
  }

  peek(): Queued | undefined {
    return this.items[this.head];
  }

  shift(): Queued {
    const item = this.items[this.head++]!;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export interface Generated {
  counts: Record<string, number>;
  runFacts: { group: string; topics: string[]; drainEndedAt: number };
}

export function generate(dir: string, shape: Shape): Generated {
  const t0 = 1_760_000_000_000;
  const prefix = 'ab12cd';
  const sendEveryMs = 0.6; // ~1,700 msg/s: 1M messages in ~10 minutes
  const lagMs = 20;
  // The target is down for 20 s a third of the way in; the backlog drains at twice the send rate.
  const outageFromMs = t0 + Math.floor(shape.messages * sendEveryMs * 0.33);
  const outageToMs = outageFromMs + 20_000;
  const isolateFromMs = t0 + Math.floor(shape.messages * sendEveryMs * 0.6); // a broker cut off later on
  const catchUpEveryMs = sendEveryMs / 2;
  let firstHeld = -1; // the first message whose delivery waited for the outage to end
  const sentAt = (i: number) => t0 + Math.floor(i * sendEveryMs);
  const deliveredAt = (i: number): number => {
    const normal = sentAt(i) + lagMs;
    if (firstHeld < 0) {
      if (normal < outageFromMs) return normal;
      firstHeld = i;
    }
    return Math.max(normal, outageToMs + Math.floor((i - firstHeld) * catchUpEveryMs));
  };
  const duplicateEvery = Math.max(1, Math.floor(shape.messages / Math.max(1, shape.duplicates)));
  const commitEvery = Math.max(1, Math.floor(shape.messages / Math.max(1, shape.commits)));
  const redeliveryDelayMs = 3_000;

  const produced = new LineSink(path.join(dir, LEDGER_FILES.produced));
  const log = new LineSink(path.join(dir, LEDGER_FILES.log));
  const delivered = new LineSink(path.join(dir, LEDGER_FILES.delivered));
  const commits = new LineSink(path.join(dir, LEDGER_FILES.commits));
  const events = new LineSink(path.join(dir, LEDGER_FILES.events));
  const faults = new LineSink(path.join(dir, LEDGER_FILES.faults));

  const delayed = new DelayedAttempts();
  const later = new DelayedAttempts(); // the duplicate 2xx, after the failed attempt if any
  const flushUntil = (atMs: number) => {
    for (;;) {
      const a = delayed.peek();
      const b = later.peek();
      const next = a && (!b || a.at <= b.at) ? a : b;
      if (!next || next.at > atMs) return;
      delivered.write((next === a ? delayed.shift() : later.shift()).record);
    }
  };
  const delivery = (id: string, seq: number, receivedAt: number, status: number | null, sutInstance: string): DeliveryRecord => {
    const seen = {
      id,
      receivedAt,
      checksum: fakeChecksum(seq),
      bytes: 58 + String(seq).length,
      method: 'POST',
      path: '/orders',
      sutInstance,
    };
    return status === null
      ? { ...seen, outcome: 'dropped', status: null, answeredAt: null }
      : { ...seen, outcome: 'answered', status, answeredAt: receivedAt + 2 };
  };

  events.write({ at: t0 - 500, kind: 'sut-start', subject: 'sut-1' } satisfies EventRecord);
  const nextOffset = new Array<number>(PARTITIONS).fill(0);
  const deliveredUpTo = new Array<number>(PARTITIONS).fill(0); // next offset not yet delivered, per partition
  const committedOffset = new Array<number>(PARTITIONS).fill(-1);
  let commitsWritten = 0;
  let okDeliveries = 0;
  let failedAttempts = 0;
  let duplicates = 0;
  let sut = 'sut-1';
  const restartAtMessage = Math.floor(shape.messages * 0.7);
  const commit = (p: number, atMs: number) => {
    if (deliveredUpTo[p]! <= committedOffset[p]!) return;
    if (atMs >= outageFromMs && atMs < outageToMs) atMs = outageToMs; // nothing advances while the target is down
    committedOffset[p] = deliveredUpTo[p]!;
    commits.write({
      group: GROUP,
      topic: TOPIC,
      partition: p,
      offset: deliveredUpTo[p]!,
      leaderEpoch: 0,
      metadata: '',
      commitTimestamp: atMs,
      expireTimestamp: null,
    } satisfies CommitRecord);
    commitsWritten++;
  };

  let lastAnsweredAt = t0;
  for (let i = 0; i < shape.messages; i++) {
    const id = `${prefix}-${i}`;
    const p = i % PARTITIONS;
    const offset = nextOffset[p]!++;
    const sum = fakeChecksum(i);
    const sent = sentAt(i);
    produced.write({
      id,
      topic: TOPIC,
      key: null,
      checksum: sum,
      sentAt: sent,
      endedAt: sent + 4,
      outcome: 'ok',
      partition: p,
      offset,
    } satisfies ProducedRecord);
    log.write({ id, topic: TOPIC, partition: p, offset, checksum: sum } satisfies LogRecord);

    const at = deliveredAt(i);
    if (i === restartAtMessage) {
      events.write({ at: at - 1, kind: 'sut-kill', subject: sut } satisfies EventRecord);
      sut = 'sut-2';
      events.write({ at, kind: 'sut-start', subject: sut } satisfies EventRecord);
    }
    // The first messages held by the outage were tried, and refused, every 5 s while the target was down.
    if (i === firstHeld) {
      const tried = Math.min(50, shape.messages - i);
      for (let tryAt = outageFromMs; tryAt < outageToMs; tryAt += 5_000) {
        for (let k = 0; k < tried; k++) {
          flushUntil(tryAt + k);
          delivered.write(delivery(`${prefix}-${i + k}`, i + k, tryAt + k, 503, sut));
          failedAttempts++;
        }
      }
    }
    flushUntil(at);
    delivered.write(delivery(id, i, at, 200, sut));
    okDeliveries++;
    lastAnsweredAt = Math.max(lastAnsweredAt, at + 2);
    deliveredUpTo[p] = offset + 1;
    if (i % duplicateEvery === duplicateEvery - 1 && duplicates < shape.duplicates) {
      // A third of the redeliveries follow a failed attempt (alternately a 503 and a drop).
      const kind = duplicates % 3;
      if (kind !== 2) {
        delayed.push({ at: at + redeliveryDelayMs / 2, record: delivery(id, i, at + redeliveryDelayMs / 2, kind === 0 ? 503 : null, sut) });
        failedAttempts++;
      }
      later.push({ at: at + redeliveryDelayMs, record: delivery(id, i, at + redeliveryDelayMs, 200, sut) });
      duplicates++;
    }
    if (i % commitEvery === commitEvery - 1 && commitsWritten < shape.commits - PARTITIONS) {
      commit(Math.floor(i / commitEvery) % PARTITIONS, at + 3);
    }
  }
  // The redeliveries still queued, then the final drain: every partition committed to its end.
  flushUntil(Infinity);
  lastAnsweredAt += redeliveryDelayMs + 2;
  const drainEndedAt = lastAnsweredAt + 1_000;
  events.write({ at: lastAnsweredAt, kind: 'drain-start' } satisfies EventRecord);
  for (let p = 0; p < PARTITIONS; p++) commit(p, lastAnsweredAt + 10 + p);
  events.write({ at: drainEndedAt, kind: 'drain-end' } satisfies EventRecord);
  faults.write({
    id: 'target-down-1',
    fault: 'target-down',
    subject: 'target',
    params: { mode: 'refuse' },
    injectedAt: outageFromMs,
    healedAt: outageToMs,
  } satisfies FaultRecord);
  faults.write({
    id: 'isolate-broker-1',
    fault: 'isolate-broker',
    subject: 'broker-2',
    params: { durationMs: 15_000 },
    injectedAt: isolateFromMs,
    healedAt: isolateFromMs + 15_000,
  } satisfies FaultRecord);
  for (const sink of [produced, log, delivered, commits, events, faults]) sink.close();

  const perPartition = (values: number[]) => Object.fromEntries(values.map((v, p) => [String(p), v]));
  const offsets: FinalOffsets = {
    group: GROUP,
    committed: { [TOPIC]: perPartition(committedOffset) },
    logEnd: { [TOPIC]: perPartition(nextOffset) },
    readAt: drainEndedAt + 100,
  };
  fs.writeFileSync(path.join(dir, LEDGER_FILES.offsets), JSON.stringify(offsets, null, 2) + '\n');
  const runFacts = { group: GROUP, topics: [TOPIC], drainEndedAt };
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ runId: path.basename(dir), ...runFacts }, null, 2) + '\n');
  return {
    counts: {
      produced: produced.lines,
      log: log.lines,
      delivered: delivered.lines,
      okDeliveries: okDeliveries + duplicates,
      duplicates,
      failedAttempts,
      commits: commits.lines,
      events: events.lines,
      faults: faults.lines,
    },
    runFacts,
  };
}
