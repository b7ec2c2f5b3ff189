// The nemesis in the scenario's words: a fault step resolves its words to a subject (which
// broker leads partition 0 now, which one coordinates the group), injects a kind from the fault
// registry through the session's FaultBook, and — for a fault "for D" — holds it for D with the
// progress line, then heals it. Any fault still acting when the scenario ends is healed by its
// teardown.

import { partitionsOf } from '../environment/kafka-clients.js';
import type { BookedFault } from '../faults/fault-book.js';
import type { FaultContext, FaultKind } from '../faults/fault-kind.js';
import { ConfigError } from '../util/errors.js';
import { formatSeconds } from './progress-line.js';
import type { ScenarioSession } from './scenario-session.js';
import { groupCoordinator } from '../environment/group-coordinator.js';
import { pass } from './scenario-waits.js';
import { subjectLabel } from '../faults/fault-kind.js';
import { GROUP_COORDINATOR_ROLE } from '../evidence/ledger-records.js';

/** What the scenario's faults act through: its environment, the harness admin, its SUT. */
export async function faultContext(session: ScenarioSession): Promise<FaultContext> {
  const { env, admin } = await session.environment();
  return { env, admin, sut: () => session.requireSut().fleet };
}

/** Injects a fault; with `forMs`, holds it that long (the step lasts as long) and heals it. */
export async function injectFault<Params extends object>(
  session: ScenarioSession,
  kind: FaultKind<Params>,
  params: Params,
  forMs?: number,
  annotations?: Record<string, unknown>,
): Promise<BookedFault> {
  const ctx = await faultContext(session);
  const fault = await session.faults.inject(kind, params, ctx, annotations);
  if (forMs !== undefined) {
    await pass(session, forMs, `${kind.name} ${subjectLabel(fault.subject)} for ${formatSeconds(forMs)}`);
    await fault.heal();
  }
  return fault;
}

/** The broker leading a partition of a scenario topic now. */
export async function leaderOf(session: ScenarioSession, topicName: string, partition: number): Promise<number> {
  const { admin } = await session.environment();
  const topic = session.names.topic(topicName);
  if (partition < 0 || partition >= topic.partitions) {
    throw new ConfigError(`"${topicName}" has no partition ${partition}`, { fix: `use 0 to ${topic.partitions - 1}` });
  }
  const state = (await partitionsOf(admin, topic.real)).find((p) => p.partitionId === partition);
  if (!state || state.leader < 0) throw new Error(`partition ${partition} of "${topicName}" has no leader now`);
  return state.leader;
}

/**
 * Marks a fault as acting on the SUT group's coordinator in faults.jsonl: while it acts, a commit
 * may not land, and the checker explains the redelivery that follows (duplicates.ts).
 */
export const ON_GROUP_COORDINATOR = { role: GROUP_COORDINATOR_ROLE } as const;

/** The broker coordinating the SUT's group now (its offsets and membership live there). */
export async function coordinatorOf(session: ScenarioSession): Promise<number> {
  const sut = session.requireSut();
  const { admin } = await session.environment();
  return groupCoordinator(admin, sut.group);
}

/** The leader of the lowest partition of a topic whose leader is not the group's coordinator. */
export async function leaderOtherThanCoordinator(session: ScenarioSession, topicName: string): Promise<number> {
  const { admin } = await session.environment();
  const topic = session.names.topic(topicName);
  const coordinator = await coordinatorOf(session);
  const leader = (await partitionsOf(admin, topic.real)).find((p) => p.leader >= 0 && p.leader !== coordinator)?.leader;
  if (leader === undefined) throw new Error(`every partition of "${topicName}" is led by broker ${coordinator}, the group coordinator`);
  return leader;
}

/** The target listens and answers normally: every target fault of the scenario healed, and a reset if anything else remains. */
export async function targetUp(session: ScenarioSession): Promise<void> {
  const { env } = await session.environment();
  await session.faults.healWhere((f) => f.kind.layer === 'target');
  const state = await env.target.control.state();
  if (!state.listening || Object.keys(state.behavior).length > 0) await env.target.control.reset();
}
