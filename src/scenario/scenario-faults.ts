// The nemesis, in the scenario's words: each fault acts through the runtime-neutral handles —
// the target's control API, env.network (Toxiproxy), env.cluster.broker(id), the SUT fleet — and
// is booked in the scenario's faults.jsonl with the act that heals it. A fault "for D" holds for
// D (the step lasts D, with the progress line) and then heals; any fault still acting when the
// scenario ends is healed by its teardown.

import type { ICreateToxicBody } from 'toxiproxy-node-client';
import type { StartedEnvironment } from '../environment/runtime.js';
import { partitionsOf } from '../environment/kafka-clients.js';
import { TARGET_DOWN_FAULT } from '../evidence/ledger-records.js';
import type { TargetBehavior } from '../target/target-behavior.js';
import { ConfigError } from '../util/errors.js';
import type { BookedFault } from './fault-book.js';
import type { LinkSpec } from './parameters.js';
import { formatSeconds } from './progress-line.js';
import type { ScenarioSession } from './scenario-session.js';
import { groupCoordinator } from './scenario-probes.js';
import { pass } from './scenario-waits.js';

const BROKER_WAIT_MS = 60_000;

/** Holds a fault for `ms`, then heals it. */
async function holdFor(session: ScenarioSession, fault: BookedFault, ms: number | undefined): Promise<void> {
  if (ms === undefined) return;
  await pass(session, ms, `${fault.fault} ${fault.subject} for ${formatSeconds(ms)}`);
  await fault.heal();
}

function requireBroker(env: StartedEnvironment, id: number): void {
  if (!env.cluster.ids.includes(id)) {
    throw new ConfigError(`there is no broker ${id} in this cluster`, {
      fix: `use broker ${env.cluster.ids[0]} to broker ${env.cluster.ids[env.cluster.ids.length - 1]}`,
    });
  }
}

// ---- the HTTP target

export async function targetDown(session: ScenarioSession, forMs?: number): Promise<void> {
  const { env } = await session.environment();
  const fault = await session.faults.inject(
    TARGET_DOWN_FAULT,
    'target',
    {},
    () => env.target.control.down(),
    () => env.target.control.up(),
  );
  await holdFor(session, fault, forMs);
}

export async function targetBack(session: ScenarioSession): Promise<void> {
  const { env } = await session.environment();
  const healed = await session.faults.healWhere((f) => f.fault === TARGET_DOWN_FAULT);
  if (healed === 0) await env.target.control.up(); // taken down some other way: bring it up all the same
}

/** A misbehaving target (status, slow, drop): one behaviour at a time, replacing the last. */
export async function targetMisbehaves(session: ScenarioSession, fault: string, behavior: TargetBehavior, forMs?: number): Promise<void> {
  const { env } = await session.environment();
  await session.faults.healWhere((f) => f.fault.startsWith('target-') && f.fault !== TARGET_DOWN_FAULT);
  const booked = await session.faults.inject(
    fault,
    'target',
    { ...behavior },
    () => env.target.control.setBehavior(behavior),
    () => env.target.control.setBehavior({}),
  );
  await holdFor(session, booked, forMs);
}

export async function targetNormal(session: ScenarioSession): Promise<void> {
  const { env } = await session.environment();
  const healed = await session.faults.healWhere((f) => f.fault.startsWith('target-') && f.fault !== TARGET_DOWN_FAULT);
  if (healed === 0) await env.target.control.setBehavior({});
}

/** The target listens and answers normally (heals any target fault of the scenario). */
export async function targetUp(session: ScenarioSession): Promise<void> {
  const { env } = await session.environment();
  await session.faults.healWhere((f) => f.fault.startsWith('target-'));
  const state = await env.target.control.state();
  if (!state.listening || Object.keys(state.behavior).length > 0) await env.target.control.reset();
}

// ---- brokers

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

export async function isolateBroker(session: ScenarioSession, id: number, forMs?: number): Promise<void> {
  const { env } = await session.environment();
  requireBroker(env, id);
  let proxies: string[] = [];
  const fault = await session.faults.inject(
    'isolate-broker',
    `broker-${id}`,
    { broker: id },
    async () => (proxies = await env.network.isolate(id)),
    async () => {
      await env.network.restore(proxies);
      await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
    },
  );
  await holdFor(session, fault, forMs);
}

export async function brokerRejoins(session: ScenarioSession, id: number): Promise<void> {
  await session.environment();
  const healed = await session.faults.healWhere(
    (f) => f.subject === `broker-${id}` && (f.fault === 'isolate-broker' || f.fault.startsWith('link-')),
  );
  if (healed === 0)
    throw new ConfigError(`broker ${id} is not isolated in this scenario`, { fix: `isolate it first ("broker ${id} is isolated")` });
}

export async function killBroker(session: ScenarioSession, id: number): Promise<void> {
  const { env } = await session.environment();
  requireBroker(env, id);
  const broker = env.cluster.broker(id);
  await session.faults.inject(
    'kill-broker',
    `broker-${id}`,
    { broker: id, signal: 'SIGKILL' },
    () => broker.kill(),
    async () => {
      await broker.start();
      await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
    },
  );
}

/** Starts a killed broker; a running one is stopped (controlled shutdown) and started. */
export async function restartBroker(session: ScenarioSession, id: number): Promise<void> {
  const { env } = await session.environment();
  requireBroker(env, id);
  const healed = await session.faults.healWhere(
    (f) => f.subject === `broker-${id}` && (f.fault === 'kill-broker' || f.fault === 'pause-broker'),
  );
  if (healed > 0) return;
  const broker = env.cluster.broker(id);
  const restart = await session.faults.inject(
    'restart-broker',
    `broker-${id}`,
    { broker: id },
    () => broker.stop(),
    async () => {
      await broker.start();
      await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
    },
  );
  await restart.heal();
}

export async function restartStoppedBrokers(session: ScenarioSession): Promise<void> {
  const { env } = await session.environment();
  await session.faults.healWhere((f) => f.fault === 'kill-broker');
  for (const id of env.cluster.ids) if (env.cluster.broker(id).state === 'stopped') await restartBroker(session, id);
}

export async function pauseBroker(session: ScenarioSession, id: number, forMs?: number): Promise<void> {
  const { env } = await session.environment();
  requireBroker(env, id);
  const broker = env.cluster.broker(id);
  const fault = await session.faults.inject(
    'pause-broker',
    `broker-${id}`,
    { broker: id, signal: 'SIGSTOP' },
    () => broker.pause(),
    async () => {
      await broker.resume();
      await env.cluster.waitForBroker(id, BROKER_WAIT_MS);
    },
  );
  await holdFor(session, fault, forMs);
}

export async function resumeBroker(session: ScenarioSession, id: number): Promise<void> {
  await session.environment();
  const healed = await session.faults.healWhere((f) => f.fault === 'pause-broker' && f.subject === `broker-${id}`);
  if (healed === 0)
    throw new ConfigError(`broker ${id} is not paused in this scenario`, { fix: `pause it first ("broker ${id} is paused")` });
}

// ---- the system under test

export async function crashSutInstance(session: ScenarioSession, index: number): Promise<void> {
  const { fleet } = session.requireSut();
  const instance = fleet.instance(index);
  await session.faults.inject(
    'sut-crash',
    `sut-instance-${index}`,
    { instance: index, signal: 'SIGKILL' },
    () => instance.kill(),
    () => instance.start(),
  );
}

export async function restartSutInstance(session: ScenarioSession, index: number): Promise<void> {
  const { fleet } = session.requireSut();
  const instance = fleet.instance(index);
  const healed = await session.faults.healWhere((f) => f.fault === 'sut-crash' && f.subject === `sut-instance-${index}`);
  if (healed > 0) return;
  const restart = await session.faults.inject(
    'sut-restart',
    `sut-instance-${index}`,
    { instance: index },
    () => instance.stop(),
    () => instance.start(),
  );
  await restart.heal();
}

/** Every instance started again: crashed ones, ones that exited by themselves, running ones. */
export async function restartSut(session: ScenarioSession): Promise<void> {
  const { fleet } = session.requireSut();
  await session.faults.healWhere((f) => f.fault === 'sut-crash');
  for (const instance of fleet.instances) await restartSutInstance(session, instance.index);
}

export async function scaleSut(session: ScenarioSession, count: number): Promise<void> {
  const { fleet } = session.requireSut();
  const from = fleet.instances.length;
  await fleet.scaleTo(count);
  session.faults.instant('sut-scale', 'sut', { from, to: count });
}

// ---- links (Toxiproxy)

function linkProxies(env: StartedEnvironment, link: LinkSpec): string[] {
  requireBroker(env, link.to);
  const { from, to } = link;
  if (typeof from === 'number') {
    requireBroker(env, from);
    return env.network.proxies
      .filter(
        (p) =>
          (p.kind === 'controller' || p.kind === 'replication') && ((p.from === from && p.to === to) || (p.from === to && p.to === from)),
      )
      .map((p) => p.name);
  }
  return env.network.proxies.filter((p) => p.kind === from && p.to === to).map((p) => p.name);
}

const linkSubject = (link: LinkSpec) =>
  typeof link.from === 'number' ? `broker-${link.from}-broker-${link.to}` : `${link.from}-broker-${link.to}`;

export async function cutLink(session: ScenarioSession, link: LinkSpec, forMs?: number): Promise<void> {
  const { env } = await session.environment();
  const proxies = linkProxies(env, link);
  const fault = await session.faults.inject(
    'link-cut',
    linkSubject(link),
    { link: link.text, proxies },
    () => env.network.setEnabled(proxies, false),
    () => env.network.restore(proxies),
  );
  await holdFor(session, fault, forMs);
}

export type ToxicKind = 'latency' | 'bandwidth' | 'reset_peer' | 'timeout';

// Which direction each toxic acts on: latency delays every answer (the round trip grows by D);
// a bandwidth limit throttles both ways; resets and timeouts act as the client sends.
const TOXIC_STREAMS: Record<ToxicKind, Array<'upstream' | 'downstream'>> = {
  latency: ['downstream'],
  bandwidth: ['upstream', 'downstream'],
  reset_peer: ['upstream'],
  timeout: ['upstream'],
};

let toxicCounter = 0;

export async function linkToxic(
  session: ScenarioSession,
  link: LinkSpec,
  kind: ToxicKind,
  attributes: Record<string, number>,
  forMs?: number,
): Promise<void> {
  const { env } = await session.environment();
  const placed = linkProxies(env, link).flatMap((proxy) =>
    TOXIC_STREAMS[kind].map((stream) => ({ proxy, stream, name: `chaos-${kind}-${stream}-${++toxicCounter}` })),
  );
  const fault = await session.faults.inject(
    `link-${kind.replace('_', '-')}`,
    linkSubject(link),
    { link: link.text, ...attributes, proxies: placed.map((p) => p.proxy) },
    async () => {
      for (const toxic of placed) {
        const body = {
          name: toxic.name,
          type: kind,
          stream: toxic.stream,
          toxicity: 1,
          attributes,
        } as unknown as ICreateToxicBody<unknown>;
        await env.network.addToxic(toxic.proxy, body);
      }
    },
    async () => {
      for (const toxic of placed) await env.network.removeToxic(toxic.proxy, toxic.name);
    },
  );
  await holdFor(session, fault, forMs);
}

/** Every network fault healed, then everything enabled and toxic-free for certain; waits for every broker. */
export async function healNetwork(session: ScenarioSession): Promise<void> {
  const { env } = await session.environment();
  await session.faults.healWhere((f) => f.fault === 'isolate-broker' || f.fault.startsWith('link-'));
  await env.network.heal();
  await env.cluster.waitForBrokers(env.cluster.ids, BROKER_WAIT_MS);
}
