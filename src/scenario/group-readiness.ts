// When a system under test is ready: when its consumer group is, as the broker sees it — Stable,
// with every partition of the topic assigned to a member and every instance a member. A fixed grace period is not enough:
// a consumer that starts at `latest` and joins after production began never sees the first
// messages, and the checker would call that loss with no fault injected (a Kafka Connect sink
// whose group formed 3.7 s after traffic started). The predicate is pure; the wait around it is
// bounded and shows what it waits for.

import type { AdminClient, GroupState } from '../environment/kafka-client-seam.js';
import { partitionsOf } from '../environment/kafka-clients.js';
import type { StartedEnvironment, SutFleet } from '../environment/runtime.js';
import { lastLogLines } from '../environment/sut-fleet.js';
import { ProcessExitedError } from '../util/errors.js';
import { waitFor } from '../util/wait-for.js';
import { formatSeconds, withProgress } from './progress-line.js';

export type Readiness = { ready: true; how: 'assigned' | 'consumer-protocol'; members: number } | { ready: false; why: string };

/**
 * Whether `group` holds every partition 0..partitions-1 of `topic` and, for a consumer group,
 * has at least `instances` members: a group that one fast instance made Stable alone is not the
 * SUT ready — a slower instance (a JVM starting on a busy machine) joins a few seconds later, and
 * that rebalance would be counted against the scenario's "rebalances at most N times once ready".
 */
export function groupReadiness(group: GroupState, topic: string, partitions: number, instances = 0): Readiness {
  // KIP-848 groups are invisible to DescribeGroups (Dead, no members) but listed as "consumer":
  // the group exists and its members heartbeat; their assignment is not visible this way.
  if (group.state === 'Dead' && group.members.length === 0 && group.listedAs === 'consumer') {
    return { ready: true, how: 'consumer-protocol', members: 0 };
  }
  if (group.members.length === 0) return { ready: false, why: `no member has joined (state ${group.state})` };
  if (group.state !== 'Stable') return { ready: false, why: `${group.members.length} member(s), state ${group.state}` };
  if (group.protocolType !== 'consumer') {
    // A group on another protocol (Connect's workers, a custom one) does not say which
    // partitions each member holds: Stable with members is all that can be known.
    return { ready: true, how: 'assigned', members: group.members.length };
  }
  if (group.members.length < instances) {
    return { ready: false, why: `Stable, ${group.members.length} of ${instances} instances joined` };
  }
  const assigned = new Set(group.members.flatMap((m) => m.assignment?.[topic] ?? []));
  const missing = [...Array(partitions).keys()].filter((p) => !assigned.has(p));
  if (missing.length > 0) {
    return {
      ready: false,
      why: `Stable, ${group.members.length} member(s), partition(s) ${missing.join(', ')} of ${partitions} unassigned`,
    };
  }
  return { ready: true, how: 'assigned', members: group.members.length };
}

export interface ReadinessTarget {
  admin: AdminClient;
  fleet: SutFleet;
  group: string;
  /** The real topic name and how many partitions it has now. */
  topic: string;
  partitions: number;
  /** The names the scenario uses, for messages. */
  shownGroup: string;
  shownTopic: string;
}

/** Waits (bounded, on the progress line) until the SUT's group is ready; an instance that exits meanwhile ends the wait. */
export async function awaitGroupReady(target: ReadinessTarget, timeoutMs: number): Promise<Readiness & { ready: true }> {
  let last = 'not described yet';
  const label = `waiting for group "${target.shownGroup}" to hold every partition of "${target.shownTopic}" (bound ${formatSeconds(timeoutMs)})`;
  return withProgress(
    label,
    async () => last,
    waitFor(
      async () => {
        const exited = target.fleet.instances.find((i) => i.state === 'stopped');
        if (exited) {
          throw new ProcessExitedError(
            `SUT ${exited.name} stopped before its group was ready (see ${exited.logPath}); last log lines: ${lastLogLines(exited, 3)}`,
            {
              fix: 'check the SUT log: it must keep running and consume KAFKA_TOPIC as KAFKA_GROUP_ID',
            },
          );
        }
        const group = await target.admin.describeGroup(target.group);
        const readiness = groupReadiness(group, target.topic, target.partitions, target.fleet.instances.length);
        if (!readiness.ready) last = readiness.why;
        return readiness.ready ? readiness : undefined;
      },
      {
        what: () =>
          `group "${target.shownGroup}" to be Stable with all ${target.partitions} partitions of "${target.shownTopic}" assigned and every instance joined (last seen: ${last})`,
        timeoutMs,
        intervalMs: 250,
        hint: 'the SUT must subscribe to KAFKA_TOPIC as group KAFKA_GROUP_ID; a slow starter may raise "readyTimeoutMs" in its kafka-chaos.config.json entry',
      },
    ),
  );
}

/**
 * Waits until the fleet's group holds every partition its topic has now (partitions may have
 * been added), and records when and how in events.jsonl. `shown`: the scenario's names for them.
 */
export async function awaitSutReady(
  pooled: { env: StartedEnvironment; admin: AdminClient },
  fleet: SutFleet,
  shown: { group: string; topic: string } = { group: fleet.launch.groupId, topic: fleet.launch.topic },
): Promise<void> {
  const { env, admin } = pooled;
  const { groupId: group, topic } = fleet.launch;
  // Asked again while a broker that has not caught up with the topic answers UNKNOWN_TOPIC_OR_PARTITION.
  const partitions = (await partitionsOf(admin, topic)).length;
  const ready = await awaitGroupReady(
    { admin, fleet, group, topic, partitions, shownGroup: shown.group, shownTopic: shown.topic },
    env.sutReadyTimeoutMs(fleet.launch.sut),
  );
  env.recordEvent('group-ready', group, { how: ready.how, members: ready.members, partitions });
}
