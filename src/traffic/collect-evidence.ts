// The end of a run: once the drain is over, read what Kafka holds into the run directory —
// the topic's read-back (log.jsonl), the group's commits from __consumer_offsets
// (commits.jsonl), the final committed and log-end offsets (offsets.json) — and record in
// run.json what the checker needs to know (group, topics, when the drain ended).

import fs from 'node:fs';
import type { KafkaClients } from '../environment/kafka-client-seam.js';
import { committedOffsets, endOffsets } from '../environment/kafka-clients.js';
import { JsonlWriter } from '../evidence/jsonl-writer.js';
import { LEDGER_FILES, type FinalOffsets, type LogRecord } from '../evidence/ledger-records.js';
import type { RunDirectory } from '../evidence/run-directory.js';
import { EnvironmentError } from '../util/errors.js';
import { readCommits, writeWholeLedger } from './commit-log.js';
import { readBack } from './read-back.js';

export interface EvidenceScope {
  topic: string;
  group: string;
  /** Epoch ms when the final drain ended (a 2xx after it does not count). */
  drainEndedAt: number;
  maxDuplicates?: number;
}

export async function collectEvidence(kafka: KafkaClients, run: RunDirectory, scope: EvidenceScope): Promise<void> {
  const log = new JsonlWriter<LogRecord>(run.file(LEDGER_FILES.log));
  try {
    await readBack(kafka, scope.topic, { ledger: log });
  } finally {
    log.close();
  }
  const { commits, group, malformed } = await readCommits(kafka, { groupId: scope.group, topics: [scope.topic] });
  if (malformed.length > 0) {
    // Unreadable commit records would make any verdict on commits a guess.
    throw new EnvironmentError(`${malformed.length} records of __consumer_offsets could not be decoded: ${malformed[0]}`);
  }
  writeWholeLedger(commits, run.file(LEDGER_FILES.commits));
  writeWholeLedger(group, run.file(LEDGER_FILES.group));

  const admin = kafka.admin();
  await admin.connect();
  try {
    const toRecord = (offsets: Map<number, number>) => Object.fromEntries([...offsets].map(([p, o]) => [String(p), o]));
    const offsets: FinalOffsets = {
      group: scope.group,
      committed: { [scope.topic]: toRecord(await committedOffsets(admin, scope.group, scope.topic)) },
      logEnd: { [scope.topic]: toRecord(await endOffsets(admin, scope.topic)) },
      readAt: Date.now(),
    };
    fs.writeFileSync(run.file(LEDGER_FILES.offsets), JSON.stringify(offsets, null, 2) + '\n');
  } finally {
    await admin.disconnect();
  }
  run.annotate({ group: scope.group, topics: [scope.topic], drainEndedAt: scope.drainEndedAt, maxDuplicates: scope.maxDuplicates });
}
