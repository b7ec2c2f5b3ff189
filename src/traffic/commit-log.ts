// The commit log: every offset commit a group made, read back from Kafka's own record of them
// (__consumer_offsets) with the broker's commit timestamps — not just the last committed offset
// that OffsetFetch reports, read to the end offsets taken first (read-topic-to-end.ts).
//
// __consumer_offsets is compacted: commits older than the active segment may have been replaced
// by later ones for the same group/topic/partition by the time this runs (the default segment is
// 100 MiB, so a harness run rarely sees that; the history is then incomplete, not wrong).

import fs from 'node:fs';
import type { KafkaClients } from '../environment/kafka-client-seam.js';
import { MalformedConsumerOffsetsRecordError, decodeConsumerOffsetsRecord } from '../evidence/consumer-offsets/index.js';
import { JsonlWriter } from '../evidence/jsonl-writer.js';
import type { CommitRecord, GroupRecord } from '../evidence/ledger-records.js';
import { GroupHistoryCollector } from './group-records.js';
import { readTopicToEnd } from './read-topic-to-end.js';

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
  kafka: KafkaClients,
  onRecord: (record: RawConsumerOffsetsRecord) => void,
  timeoutMs = 60_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // No group has ever committed or joined: the topic does not exist yet, and holds nothing.
    if (!(await admin.listTopics()).includes(CONSUMER_OFFSETS_TOPIC)) return;
  } finally {
    await admin.disconnect();
  }
  await readTopicToEnd(
    kafka,
    CONSUMER_OFFSETS_TOPIC,
    (partition, message) =>
      onRecord({ partition, offset: message.offset, key: message.key, value: message.value, timestamp: message.timestamp }),
    timeoutMs,
  );
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
  /** The group's own records (generations, members, assignments) in log order, with the broker's timestamps. */
  group: GroupRecord[];
  /** Records of the whole log (any group) that are neither the commits nor the group records kept: tombstones, other record types. */
  skipped: number;
  /** One line per record (any group: a malformed key names none) whose bytes did not decode. */
  malformed: string[];
}

/** The commits of `groupId` (optionally on `topics`) and its group records that __consumer_offsets holds now. */
export async function readCommits(kafka: KafkaClients, options: ReadCommitsOptions): Promise<CommitLog> {
  const topics = options.topics ? new Set(options.topics) : undefined;
  const found: Array<CommitRecord & { logPartition: number; logOffset: number }> = [];
  const history = new GroupHistoryCollector(options.groupId);
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
      if (decoded.kind !== 'commit') {
        if (!history.add(decoded, record.timestamp)) skipped++;
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
  // Log order too: a group's records share its partition of __consumer_offsets.
  return { commits, group: history.history(), skipped, malformed };
}

/** Writes `records` as a whole ledger (commits.jsonl, group.jsonl) at `filePath`, replacing any earlier one. */
export function writeWholeLedger<T extends CommitRecord | GroupRecord>(records: readonly T[], filePath: string): void {
  fs.rmSync(filePath, { force: true });
  const writer = new JsonlWriter<T>(filePath);
  try {
    for (const record of records) writer.append(record);
  } finally {
    writer.close();
  }
}
