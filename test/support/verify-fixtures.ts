// Hand-built ledgers for the checker's tests: one topic ("orders"), group "g", checksums derived
// from ids, times in plain small numbers of ms.

import type {
  CommitRecord,
  DeliveryRecord,
  EventRecord,
  FaultRecord,
  FinalOffsets,
  GroupMemberRecord,
  GroupRecord,
  LogRecord,
  ProducedRecord,
} from '../../src/evidence/ledger-records.js';
import { verify, type CheckOptions, type CheckResult, type Ledgers, type Verdict } from '../../src/verify/index.js';

export const TOPIC = 'orders';
export const GROUP = 'g';
export const OPTIONS: CheckOptions = { group: GROUP, topics: [TOPIC] };

export const sum = (id: string) => `cs-${id}`;

export function produced(
  id: string,
  partition: number,
  offset: number,
  sentAt = 0,
  outcome: ProducedRecord['outcome'] = 'ok',
): ProducedRecord {
  const acked = outcome === 'ok';
  return {
    id,
    topic: TOPIC,
    key: null,
    checksum: sum(id),
    sentAt,
    endedAt: sentAt + 1,
    outcome,
    partition: acked ? partition : null,
    offset: acked ? offset : null,
  };
}

export function logged(id: string | null, partition: number, offset: number): LogRecord {
  return { id, topic: TOPIC, partition, offset, checksum: id === null ? 'anon' : sum(id) };
}

export function answered(
  id: string | null,
  receivedAt: number,
  status = 200,
  answeredAt = receivedAt + 5,
  checksum = id === null ? 'anon' : sum(id),
): DeliveryRecord {
  return { id, receivedAt, checksum, bytes: 10, method: 'POST', path: '/', sutInstance: 'sut-1', outcome: 'answered', status, answeredAt };
}

export function dropped(id: string, receivedAt: number): DeliveryRecord {
  return {
    id,
    receivedAt,
    checksum: sum(id),
    bytes: 10,
    method: 'POST',
    path: '/',
    sutInstance: 'sut-1',
    outcome: 'dropped',
    status: null,
    answeredAt: null,
  };
}

export function commit(partition: number, offset: number, commitTimestamp: number, group = GROUP): CommitRecord {
  return { group, topic: TOPIC, partition, offset, leaderEpoch: null, metadata: '', commitTimestamp, expireTimestamp: null };
}

export function fault(name: string, injectedAt: number, healedAt: number | null): FaultRecord {
  return { id: `${name}@${injectedAt}`, fault: name, subject: 'target', params: {}, injectedAt, healedAt };
}

export function event(kind: string, at: number): EventRecord {
  return { at, kind };
}

export function finalOffsets(committed: Record<number, number>, logEnd: Record<number, number>): FinalOffsets {
  const strings = (o: Record<number, number>) => Object.fromEntries(Object.entries(o).map(([p, v]) => [String(p), v]));
  return { group: GROUP, committed: { [TOPIC]: strings(committed) }, logEnd: { [TOPIC]: strings(logEnd) }, readAt: 0 };
}

/** Produces and logs each id at successive offsets of `partition`, from `firstOffset`. */
export function messages(ids: string[], partition = 0, firstOffset = 0): Pick<Ledgers, 'produced' | 'log'> {
  return {
    produced: ids.map((id, i) => produced(id, partition, firstOffset + i, i)),
    log: ids.map((id, i) => logged(id, partition, firstOffset + i)),
  };
}

export function ledgers(partial: Partial<Ledgers>): Ledgers {
  return { produced: [], log: [], delivered: [], commits: [], offsets: null, faults: [], events: [], ...partial };
}

export function checkOf(verdict: Verdict, name: string): CheckResult {
  const result = verdict.checks.find((c) => c.name === name);
  if (!result) throw new Error(`no check ${name}`);
  return result;
}

/** One check's result over a history, with the default options (plus `options`). */
export const check = (history: Ledgers, name: string, options: Partial<CheckOptions> = {}) =>
  checkOf(verify(history, { ...OPTIONS, ...options }), name);

/** a, b, c at p0@0..2, delivered at 10/20/30 (answered 15/25/35), committed 3 at 40, offsets at the end. */
export function healthy(extra: Partial<Ledgers> = {}): Ledgers {
  return ledgers({
    ...messages(['a', 'b', 'c']),
    delivered: [answered('a', 10), answered('b', 20), answered('c', 30)],
    commits: [commit(0, 3, 40)],
    offsets: finalOffsets({ 0: 3 }, { 0: 3 }),
    ...extra,
  });
}

/** A member of a classic group as GroupMetadata stores it, holding `partitions` of TOPIC. */
export function groupMember(memberId: string, partitions: number[] = []): GroupMemberRecord {
  return {
    memberId,
    instanceId: null,
    clientId: 'sut',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    assignment: [{ topic: TOPIC, partitions }],
  };
}

/** A stored generation `n` of a classic group (GROUP unless given), its first member the leader. */
export function classicGeneration(at: number, n: number, members: GroupMemberRecord[], assignor = 'range', group = GROUP): GroupRecord {
  return {
    at,
    group,
    kind: 'classic-generation',
    generation: n,
    protocolType: 'consumer',
    assignor,
    leader: members[0]?.memberId ?? null,
    members,
  };
}
