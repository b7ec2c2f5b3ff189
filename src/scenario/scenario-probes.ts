// What the waits look at while they wait: the group's lag, the scenario's deliveries, and the
// one-line progress text (produced, delivered x/y, lag, active faults). Reads only — no step
// fails here; the waits decide what a reading means.

import { readJsonl } from '../evidence/jsonl-reader.js';
import type { ProducedRecord } from '../evidence/ledger-records.js';
import type { AdminClient } from '../environment/kafka-client-seam.js';
import { committedOffsets, endOffsets } from '../environment/kafka-clients.js';
import { deliveredCounts } from '../traffic/await-delivery.js';
import { waitFor } from '../util/wait-for.js';
import type { SutFleet } from '../environment/runtime.js';
import type { PooledEnvironment } from './environment-pool.js';
import type { FaultBook } from '../faults/fault-book.js';
import type { ScenarioEvidence } from './scenario-evidence.js';
import type { DeclaredTopic } from './scenario-names.js';

/**
 * What the probes read of a scenario; a ScenarioSession is one. Declared here rather than
 * imported, so the session can call the probes without the two modules importing each other.
 */
export interface ProbedScenario {
  readonly evidence: ScenarioEvidence | undefined;
  readonly pooledEnvironment: PooledEnvironment | undefined;
  readonly faults: FaultBook;
  readonly sut: { fleet: SutFleet; topic: DeclaredTopic; group: string } | undefined;
  lag(): Promise<number | undefined>;
}

/** Messages in the topic the group has not committed past, over all partitions. */
export async function groupLag(admin: AdminClient, group: string, topic: string): Promise<number> {
  const [committed, ends] = await Promise.all([committedOffsets(admin, group, topic), endOffsets(admin, topic)]);
  let lag = 0;
  for (const [partition, end] of ends) lag += Math.max(0, end - Math.max(0, committed.get(partition) ?? 0));
  return lag;
}

/** The sum of the group's committed offsets on the topic: it grows whenever a commit advances. */
export async function committedSum(admin: AdminClient, group: string, topic: string): Promise<number> {
  const committed = await committedOffsets(admin, group, topic);
  return [...committed.values()].reduce((sum, offset) => sum + Math.max(0, offset), 0);
}

/** The scenario's sends so far, as written to its produced.jsonl (background production included). */
export async function producedSoFar(session: ProbedScenario, topic?: string): Promise<{ ok: string[]; all: number }> {
  const evidence = session.evidence;
  if (!evidence) return { ok: [], all: 0 };
  evidence.produced.flush();
  const { records } = await readJsonl<ProducedRecord>(evidence.run.file('produced.jsonl'));
  const inScope = topic === undefined ? records : records.filter((r) => r.topic === topic);
  return { ok: inScope.filter((r) => r.outcome === 'ok').map((r) => r.id), all: inScope.length };
}

/** How many of `ids` the target has answered 2xx. */
export async function deliveredOf(pooled: PooledEnvironment, ids: readonly string[]): Promise<number> {
  const counts = await deliveredCounts(pooled.env.target.ledgerPath);
  return ids.reduce((n, id) => n + (counts.has(id) ? 1 : 0), 0);
}

/** "produced 1500 · delivered 812/1500 · lag 688 · faults: target-down target 4s". */
export async function progressText(session: ProbedScenario): Promise<string> {
  const pooled = session.pooledEnvironment;
  if (!pooled) return 'no environment yet';
  const produced = await producedSoFar(session);
  const delivered = await deliveredOf(pooled, produced.ok);
  const parts = [`produced ${produced.all}`, `delivered ${delivered}/${produced.ok.length}`];
  try {
    const lag = await session.lag();
    if (lag !== undefined) parts.push(`lag ${lag}`);
  } catch {
    parts.push('lag ?'); // a broker may be cut off: the line goes on without it
  }
  parts.push(`faults: ${session.faults.describeActive()}`);
  return parts.join(' · ');
}

/**
 * How long commits may take to land after the last delivery before the evidence is read: long
 * enough for a sink that commits on a timer (Kafka Connect flushes offsets every few seconds,
 * kafkajs auto-commits every 5 s), short enough that a group that never commits costs little.
 */
export const COMMIT_SETTLE_MS = 12_000;

/**
 * Before evidence is read: when every acked message has been delivered and an instance still
 * runs, give its commits up to COMMIT_SETTLE_MS to reach the log end, so the verdict does not
 * catch a commit in flight. Never fails: the checker judges what is there.
 */
export async function settleCommits(session: ProbedScenario, pooled: PooledEnvironment): Promise<void> {
  const sut = session.sut;
  if (!sut || !sut.fleet.instances.some((i) => i.state === 'running')) return;
  try {
    const produced = await producedSoFar(session);
    if ((await deliveredOf(pooled, produced.ok)) < produced.ok.length) return;
    await waitFor(async () => (await groupLag(pooled.admin, sut.group, sut.topic.real)) === 0, {
      what: 'the last commits to land',
      timeoutMs: COMMIT_SETTLE_MS,
      intervalMs: 250,
    });
  } catch {
    // still lagging after the bound: that is evidence, not an error
  }
}
