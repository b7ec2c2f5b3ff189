// The commit log: every offset commit a group made, read back from Kafka's own record of them
// (__consumer_offsets) with the broker's commit timestamps — not just the last committed offset
// that OffsetFetch reports. Like read-back.ts, it reads from the beginning to the end offsets
// taken first, with a throwaway group that never commits and is deleted afterwards.
//
// __consumer_offsets is compacted: commits older than the active segment may have been replaced
// by later ones for the same group/topic/partition by the time this runs (the default segment is
// 100 MiB, so a harness run rarely sees that; the history is then incomplete, not wrong).

import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Kafka } from 'kafkajs';
import {
  MalformedConsumerOffsetsRecordError,
  decodeConsumerOffsetsRecord,
} from '../evidence/consumer-offsets/index.js';
import { JsonlWriter } from '../evidence/jsonl-writer.js';
import type { CommitRecord } from '../evidence/ledger-records.js';
import { ChaosError } from '../util/errors.js';
import { waitFor } from '../util/wait-for.js';

export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';

/** One record of __consumer_offsets as it is in the log, undecoded. */
export interface RawConsumerOffsetsRecord {
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  /** The record's timestamp, epoch ms. */
  timestamp: number;
}

/**
 * Reads every record of __consumer_offsets from its start to the end offsets it has when called,
 * in log order per partition, handing each to `onRecord`. Resolves when every partition is read
 * to that end (transaction markers and aborted records count as read, though never handed over).
 */
export async function readConsumerOffsetsLog(
  kafka: Kafka,
  onRecord: (record: RawConsumerOffsetsRecord) => void,
  timeoutMs = 60_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `kafka-chaos-commit-log-${crypto.randomBytes(4).toString('hex')}`;
  // A short fetch wait: disconnecting waits out a fetch in flight (5 s by kafkajs's default).
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  try {
    // No group has ever committed or joined: the topic does not exist yet, and holds nothing.
    if (!(await admin.listTopics()).includes(CONSUMER_OFFSETS_TOPIC)) return;
    const ends = await admin.fetchTopicOffsets(CONSUMER_OFFSETS_TOPIC);
    const high = new Map(ends.map((e) => [e.partition, Number(e.high)]));
    // How far each partition is read: the next offset to read.
    const reached = new Map(ends.map((e) => [e.partition, Number(e.low)]));
    const advance = (partition: number, next: number) => {
      if (next > (reached.get(partition) ?? 0)) reached.set(partition, next);
    };
    const done = () => [...high].every(([partition, end]) => (reached.get(partition) ?? 0) >= end);
    if (done()) return;
    // An error of onRecord ends the read (a ChaosError that is not retriable ends waitFor).
    let failure: ChaosError | undefined;

    // Batches of only control records (transaction markers) or aborted records never reach
    // eachBatch, but kafkajs reports them with this event: without it a log ending in a marker
    // would never look read to its end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic === CONSUMER_OFFSETS_TOPIC) advance(payload.partition, Number(payload.lastOffset) + 1);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: CONSUMER_OFFSETS_TOPIC, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = high.get(batch.partition) ?? 0;
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset >= end) break;
          try {
            onRecord({
              partition: batch.partition,
              offset,
              key: message.key,
              value: message.value,
              timestamp: Number(message.timestamp),
            });
          } catch (error) {
            failure ??= new ChaosError(`handling ${CONSUMER_OFFSETS_TOPIC}-${batch.partition}@${offset} failed`, { cause: error });
          }
          advance(batch.partition, offset + 1);
        }
      },
    });
    await waitFor(() => {
      if (failure) throw failure;
      return done();
    }, {
      what: () =>
        `reading ${CONSUMER_OFFSETS_TOPIC} to its end offsets (${[...high]
          .map(([p, end]) => `p${p}:${reached.get(p) ?? 0}/${end}`)
          .join(' ')})`,
      timeoutMs,
      intervalMs: 100,
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

export interface ReadCommitsOptions {
  groupId: string;
  /** Only commits on these topics (default: every topic). */
  topics?: string[];
  timeoutMs?: number;
}

export interface CommitLog {
  /** The group's commits in log order, with the broker's commit timestamps. */
  commits: CommitRecord[];
  /** Records of the whole log (any group) that are not offset commits: group metadata, tombstones, newer group records. */
  skipped: number;
  /** One line per record (any group: a malformed key names none) whose bytes did not decode. */
  malformed: string[];
}

/** The commits of `groupId` (optionally on `topics`) that __consumer_offsets holds now. */
export async function readCommits(kafka: Kafka, options: ReadCommitsOptions): Promise<CommitLog> {
  const topics = options.topics ? new Set(options.topics) : undefined;
  const found: Array<CommitRecord & { logPartition: number; logOffset: number }> = [];
  let skipped = 0;
  const malformed: string[] = [];
  await readConsumerOffsetsLog(
    kafka,
    (record) => {
      let decoded;
      try {
        decoded = decodeConsumerOffsetsRecord(record.key, record.value);
      } catch (error) {
        if (!(error instanceof MalformedConsumerOffsetsRecordError)) throw error;
        malformed.push(`${CONSUMER_OFFSETS_TOPIC}-${record.partition}@${record.offset}: ${error.message}`);
        return;
      }
      if (decoded.kind === 'skipped') {
        skipped++;
        return;
      }
      if (decoded.group !== options.groupId || (topics && !topics.has(decoded.topic))) return;
      found.push({
        group: decoded.group,
        topic: decoded.topic,
        partition: decoded.partition,
        offset: decoded.offset,
        leaderEpoch: decoded.leaderEpoch,
        metadata: decoded.metadata,
        commitTimestamp: decoded.commitTimestamp,
        expireTimestamp: decoded.expireTimestamp,
        logPartition: record.partition,
        logOffset: record.offset,
      });
    },
    options.timeoutMs,
  );
  // A group's commits all live in one partition of __consumer_offsets, so this is log order.
  found.sort((a, b) => a.logPartition - b.logPartition || a.logOffset - b.logOffset);
  const commits = found.map(({ logPartition: _p, logOffset: _o, ...commit }) => commit);
  return { commits, skipped, malformed };
}

/** Writes `commits` as the commits.jsonl ledger at `filePath`, replacing any earlier one. */
export function writeCommitsLedger(commits: readonly CommitRecord[], filePath: string): void {
  fs.rmSync(filePath, { force: true });
  const writer = new JsonlWriter<CommitRecord>(filePath);
  try {
    for (const commit of commits) writer.append(commit);
  } finally {
    writer.close();
  }
}
