// commit-topic: every commit of the group under test names a topic under test and a partition
// that topic has. A commit elsewhere is the SUT committing a position it never consumed — a
// miscomputed partition, a topic mixed up — so the partition it did consume keeps a stale
// offset and a restart re-reads or skips from there. The commit index leaves other topics out,
// so this check reads the raw commits ledger. A topic's partitions are the ones offsets.json
// lists log-end offsets for (the broker's own list, read at the end); without offsets.json only
// a foreign topic can be proved, anything else is 'unknown'.

import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';
import type { EvidenceIndex } from '../evidence-index.js';
import { requireInteger, requireString } from '../evidence-shape.js';
import { Examples, type CheckOutcome } from '../types.js';
import { rawField } from '../scope.js';

declare module '../check-name.js' {
  interface CheckNames {
    'commit-topic': true;
  }
}

/** Topic → its partition count, as offsets.json's log-end offsets know it; null without offsets.json. */
function partitionCounts(index: EvidenceIndex): Map<string, number> | null {
  const { offsets } = index.ledgers;
  if (offsets === null) return null;
  return new Map(Object.entries(offsets.logEnd).map(([topic, partitions]) => [topic, Object.keys(partitions).length]));
}

export function checkCommitTopic(index: EvidenceIndex): CheckOutcome {
  const commits = index.columns.commits();
  const { strings } = commits.tables;
  const counts = partitionCounts(index);
  // Empty topics option: every topic the evidence knows is under test.
  const underTest = new Set(index.options.topics.length > 0 ? index.options.topics : (counts?.keys() ?? []));
  const examples = new Examples();
  let judged = 0;
  let foreignTopic = 0;
  let unknownPartition = 0;
  let undecided = 0;
  for (let i = 0; i < commits.length; i++) {
    // Other groups' commits are not the SUT's (the commit index warns about them).
    if (commits.group[i]! < 0) requireString(rawField(commits, i, 'group'), 'commits', i, 'group');
    if (strings.get(commits.group[i]!) !== index.options.group) continue;
    judged++;
    if (commits.topic[i]! < 0) requireString(rawField(commits, i, 'topic'), 'commits', i, 'topic');
    const topic = strings.get(commits.topic[i]!)!;
    const partition = commits.partition[i]!;
    if (!Number.isInteger(partition)) requireInteger(rawField(commits, i, 'partition'), 'commits', i, 'partition');
    const where = () => {
      const record = commits.record(i); // as the ledger had it, for the example
      return `${topic}/p${partition} commit ${record.offset} at ${record.commitTimestamp}`;
    };
    if (!underTest.has(topic) && (counts !== null || index.options.topics.length > 0)) {
      foreignTopic++;
      examples.add(() => `${where()}: ${topic} is not a topic under test`);
      continue;
    }
    const count = counts?.get(topic);
    if (count === undefined) {
      undecided++; // no offsets.json, or it lists no partitions for this topic
      continue;
    }
    if (partition < 0 || partition >= count) {
      unknownPartition++;
      examples.add(() => `${where()}: ${topic} has ${count} partitions`);
    }
  }
  const violations = foreignTopic + unknownPartition;
  const valid = violations > 0 ? false : undecided > 0 ? 'unknown' : true;
  return {
    name: 'commit-topic',
    valid,
    figures: { commits: judged, foreignTopic, unknownPartition, ...(undecided > 0 ? { undecided } : {}) },
    examples: examples.list,
    explanation:
      violations > 0
        ? `${violations} of the group's ${judged} commits name a topic not under test (${foreignTopic}) or a partition its topic does not have (${unknownPartition}).`
        : undecided > 0
          ? `${undecided} of the group's ${judged} commits name a topic whose partitions the evidence does not list (offsets.json is missing or silent on it).`
          : `All ${judged} of the group's commits name a partition of a topic under test.`,
  };
}

export const commitTopicCheck = defineCheck({
  name: 'commit-topic',
  // An offset commit the SUT got wrong, like unsafe-commit and commit-regression: it files with
  // them, so the report shows every commit defect under one category.
  category: CATEGORIES.unsafeCommit,
  summary: 'Every commit of the group names a topic under test and a partition that topic has.',
  needs: ['commits', 'offsets'],
  run: checkCommitTopic,
});
