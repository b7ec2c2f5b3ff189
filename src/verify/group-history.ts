// When each partition was rewound, as the broker saw the group: the moments after which a
// consumer resumes a partition from the group's committed offset. From group.jsonl — whatever
// client the SUT uses — a partition is rewound at a stored state of the group when
//   classic group   its owner (member id) differs from the previous stored state's, or the
//                   generation changed under an eager assignor (every partition is revoked and
//                   fetched again from the committed offset; a cooperative one keeps what stays);
//   consumer group  (KIP-848) it appears in a member's current assignment that did not hold it.
// Without group.jsonl (a run from before it existed) the harness's own SUT events stand in.

import { requireString, requireTime } from './evidence-shape.js';
import { topicFilter } from './scope.js';
import type { PartitionRegistry } from './partitions.js';
import type { AnyLedgers, ResolvedOptions } from './types.js';
import type { AssignedPartitions, GroupRecord } from '../evidence/ledger-records.js';

export interface RewindHistory {
  /** Per partition number: the times it was rewound, ascending; absent when never. */
  byPartition: (Float64Array | undefined)[];
  /** Times that rewind every partition (the harness's events, when the broker's history is absent), ascending. */
  everyPartition: Float64Array;
  /** 'broker': from group.jsonl; 'harness-events': from events.jsonl. */
  source: 'broker' | 'harness-events';
  /** How many generations (classic) or member-epoch changes (consumer) the group went through. */
  generations: number;
}

const COOPERATIVE = /cooperative/i;

/** Event kinds of the harness after which a consumer resumes from its group's committed offset. */
export function isRewindEvent(kind: string): boolean {
  return kind.startsWith('sut-') || /rebalance|revoke|assign/.test(kind);
}

export function buildRewindHistory(ledgers: AnyLedgers, options: ResolvedOptions, registry: PartitionRegistry): RewindHistory {
  if (!ledgers.group) {
    const times: number[] = [];
    ledgers.events.forEach((event, i) => {
      if (isRewindEvent(requireString(event.kind, 'events', i, 'kind'))) times.push(requireTime(event.at, 'events', i, 'at'));
    });
    return { byPartition: [], everyPartition: Float64Array.from(times).sort(), source: 'harness-events', generations: 0 };
  }
  const inScope = topicFilter(options);
  const lists: number[][] = [];
  const partitionsOf = (assigned: readonly AssignedPartitions[]): number[] =>
    assigned.flatMap((a) => (a.topic !== null && inScope(a.topic) ? a.partitions.map((p) => registry.get(a.topic!, p)) : []));
  const rewind = (partition: number, atMs: number) => (lists[partition] ??= []).push(atMs);

  const records = ledgers.group
    .map((record, i) => ({ record, i }))
    .filter(({ record }) => record.group === options.group)
    .sort((a, b) => a.record.at - b.record.at || a.i - b.i)
    .map(({ record }) => record);
  let owners = new Map<number, string>();
  let generation: number | undefined;
  const memberPartitions = new Map<string, Set<number>>();
  let generations = 0;
  for (const record of records) classify(record);

  function classify(record: GroupRecord): void {
    switch (record.kind) {
      case 'classic-generation': {
        const next = new Map<number, string>();
        for (const member of record.members) for (const p of partitionsOf(member.assignment)) next.set(p, member.memberId);
        const newGeneration = generation !== record.generation;
        if (newGeneration) generations++;
        const eager = newGeneration && !COOPERATIVE.test(record.assignor ?? '');
        for (const [p, owner] of next) if (eager || owners.get(p) !== owner) rewind(p, record.at);
        owners = next;
        generation = record.generation;
        return;
      }
      case 'classic-deleted':
        owners = new Map();
        generation = undefined;
        return;
      case 'consumer-assignment': {
        const held = memberPartitions.get(record.memberId) ?? new Set<number>();
        const now = new Set(partitionsOf(record.assigned));
        for (const p of now) if (!held.has(p)) rewind(p, record.at);
        if (now.size !== held.size || [...now].some((p) => !held.has(p))) generations++;
        memberPartitions.set(record.memberId, now);
        return;
      }
      case 'consumer-left':
        memberPartitions.delete(record.memberId);
        return;
      case 'consumer-epoch':
        return;
    }
  }

  const byPartition = lists.map((list) => (list ? Float64Array.from(list).sort() : undefined));
  return { byPartition, everyPartition: new Float64Array(0), source: 'broker', generations };
}

/**
 * When `group` rebalanced after `sinceMs`, ascending: a classic group's stored state with a
 * generation it had not stored before, or a consumer group's epoch going up (KIP-848). A static
 * member that rejoins within its session timeout replaces its member id in the same generation:
 * no rebalance, which is what static membership is for.
 */
export function rebalancesSince(records: readonly GroupRecord[], group: string, sinceMs: number): number[] {
  const ordered = records
    .map((record, i) => ({ record, i }))
    .filter(({ record }) => record.group === group)
    .sort((a, b) => a.record.at - b.record.at || a.i - b.i)
    .map(({ record }) => record);
  const times: number[] = [];
  let generation: number | undefined;
  let epoch: number | undefined;
  for (const record of ordered) {
    if (record.kind === 'classic-generation') {
      if (generation !== undefined && record.generation !== generation && record.at > sinceMs) times.push(record.at);
      generation = record.generation;
    } else if (record.kind === 'consumer-epoch') {
      if (epoch !== undefined && record.epoch > epoch && record.at > sinceMs) times.push(record.at);
      epoch = record.epoch;
    }
  }
  return times;
}
