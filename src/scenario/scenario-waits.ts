// The waits of a scenario, each bounded and shown on the progress line: time passing, the
// final drain (Jepsen's: stop the traffic, then give the pipeline a bounded time to deliver
// every acked message — a timeout is a finding, judged by the checker), the commit drain, and
// waiting for the pipeline to stop. A timeout that is the SUT's surfaces through the verdict,
// judged at that moment; a wait whose probe could not look (ProbeFailedError) is the environment's.

import { setTimeout as sleep } from 'node:timers/promises';
import { readBack } from '../traffic/read-back.js';
import { EnvironmentError, ProbeFailedError, TimeoutError } from '../util/errors.js';
import { waitFor } from '../util/wait-for.js';
import type { CheckName } from '../verify/index.js';
import { CATEGORIES, ReliabilityAssertionError, failureOfTimeout } from './failure-category.js';
import { formatSeconds, withProgress } from './progress-line.js';
import { committedSum, deliveredOf, groupLag, producedSoFar, progressText } from './scenario-probes.js';
import type { ScenarioSession } from './scenario-session.js';

/** Time passes, with the progress line showing what the pipeline does meanwhile. */
export async function pass(session: ScenarioSession, ms: number, label = `waiting ${formatSeconds(ms)}`): Promise<void> {
  await session.environment();
  await withProgress(label, () => progressText(session), sleep(ms));
}

/**
 * How long a drain must see the group committed to the log end of every partition and no new
 * delivery before it calls the rest settled: committed past, nothing will fetch them again.
 */
export const DRAIN_SETTLE_MS = 10_000;

/**
 * The final drain: production stops, then every acked message of the SUT's topic (and every
 * indeterminate one found in the log) must get a 2xx within `withinMs`. It ends as soon as the
 * outcome is settled: every message delivered (a pass), or — a loss no waiting can mend — the
 * group has committed to the log end of every partition while messages still lack a 2xx, and for
 * DRAIN_SETTLE_MS nothing more was delivered. The finding says which way it ended.
 */
export async function drain(session: ScenarioSession, withinMs: number): Promise<void> {
  const pooled = await session.environment();
  const sut = session.requireSut();
  await session.traffic.stopContinuous();
  const startedAt = Date.now();
  const deadline = startedAt + withinMs;
  const records = session.traffic.records().filter((r) => r.topic === sut.topic.real);
  let settled: string | undefined;
  const awaitIds = (ids: readonly string[], what: string) => {
    let missing = ids.length;
    // Since when the group has been committed to the log end with `missing` unchanged.
    let quiet: { sinceMs: number; missing: number } | undefined;
    let lagAskedAt = 0;
    return waitFor(
      async () => {
        missing = ids.length - (await deliveredOf(pooled, ids));
        if (missing === 0) return true;
        const now = Date.now();
        if (quiet && quiet.missing !== missing) quiet = undefined;
        if (now - lagAskedAt >= 1000) {
          lagAskedAt = now;
          const lag = await groupLag(pooled.admin, sut.group, sut.topic.real);
          if (lag > 0) quiet = undefined;
          else quiet ??= { sinceMs: now, missing };
        }
        if (quiet && now - quiet.sinceMs >= DRAIN_SETTLE_MS) {
          settled =
            `the drain ended after ${formatSeconds(now - startedAt)} of its ${formatSeconds(withinMs)}, settled: the group had ` +
            `committed to the log end of "${sut.topic.name}" with ${missing} ${what} messages still without a 2xx, and none came for ${formatSeconds(DRAIN_SETTLE_MS)}`;
          return true;
        }
        return false;
      },
      {
        what: () => `a 2xx for all ${ids.length} ${what} messages of "${sut.topic.name}" (${missing} still missing)`,
        timeoutMs: Math.max(1, deadline - Date.now()),
        intervalMs: 250,
      },
    );
  };
  try {
    const ok = records.filter((r) => r.outcome === 'ok').map((r) => r.id);
    await withProgress(`draining (bound ${formatSeconds(withinMs)})`, () => progressText(session), awaitIds(ok, 'acked'));
    const indeterminate = records.filter((r) => r.outcome === 'indeterminate').map((r) => r.id);
    if (settled === undefined && indeterminate.length > 0) {
      // An indeterminate send that reached the log must be delivered like an acked one.
      const logged = new Set((await readBack(pooled.kafka, sut.topic.real)).map((r) => r.id));
      const inLog = indeterminate.filter((id) => logged.has(id));
      if (inLog.length > 0) await withProgress('draining', () => progressText(session), awaitIds(inLog, 'indeterminate but logged'));
    }
  } catch (error) {
    throw await timeoutFinding(
      session,
      error,
      ['lost'],
      `the drain did not see every message delivered within ${formatSeconds(withinMs)}`,
      () => (session.drainEndedAt = Date.now()),
    );
  }
  session.drainEndedAt = Date.now();
  if (settled === undefined) return;
  // Judged now: a message delivered after the last look makes the drain a pass after all.
  const { verdict } = await session.judgement();
  if (verdict.checks.find((c) => c.name === 'lost')?.valid === true) return;
  throw await verdictFinding(session, ['lost'], settled, { note: settled });
}

/** The commit drain: the group's lag on the SUT's topic reaches 0 within `withinMs`. */
export async function drainLag(session: ScenarioSession, withinMs: number): Promise<void> {
  const pooled = await session.environment();
  const sut = session.requireSut();
  await session.traffic.stopContinuous();
  let lag = -1;
  try {
    await withProgress(
      `waiting for lag 0 (bound ${formatSeconds(withinMs)})`,
      () => progressText(session),
      waitFor(async () => (lag = await groupLag(pooled.admin, sut.group, sut.topic.real)) === 0, {
        what: () => `group "${sut.groupName}" to commit to the log end of "${sut.topic.name}" (lag ${lag})`,
        timeoutMs: withinMs,
        intervalMs: 250,
      }),
    );
  } catch (error) {
    throw await timeoutFinding(
      session,
      error,
      ['recovery'],
      `the lag of group "${sut.groupName}" was still ${lag} after ${formatSeconds(withinMs)}`,
    );
  }
}

/**
 * What a failed bounded wait means: a probe that could not look is an environment failure; a
 * real timeout is judged by the verdict at that moment (failureOfTimeout). The checks it names
 * become asserted, so the scenario and `kafka-chaos verify` judge the same claims.
 */
async function timeoutFinding(
  session: ScenarioSession,
  error: unknown,
  claimed: readonly CheckName[],
  what: string,
  beforeJudging?: () => void,
): Promise<unknown> {
  if (error instanceof ProbeFailedError) return new EnvironmentError(`could not observe the pipeline: ${error.message}`, { cause: error });
  if (!(error instanceof TimeoutError)) return error;
  beforeJudging?.();
  return verdictFinding(session, claimed, what);
}

/** The verdict's finding for a wait that ended without what it waited for; `note` is added to one that came from the verdict. */
async function verdictFinding(
  session: ScenarioSession,
  claimed: readonly CheckName[],
  what: string,
  options: { note?: string } = {},
): Promise<ReliabilityAssertionError> {
  const judged = await session.judgement();
  const failure = failureOfTimeout(judged.verdict, claimed, what);
  if (failure.fromVerdict) failure.checks.forEach((name) => session.asserted.add(name));
  if (!failure.fromVerdict || options.note === undefined) return failure;
  return new ReliabilityAssertionError(
    failure.category,
    `${failure.message.slice(failure.category.length + 2)} (${options.note})`,
    failure.checks,
    true,
  );
}

/** How long a pipeline must show no progress while messages wait to count as stopped. */
const QUIET_MS = 5000;

/**
 * The pipeline stopped: every SUT instance exited, or — a SUT that halts without exiting — for
 * the last few seconds it delivered nothing and committed nothing while acked messages had no
 * 2xx. "Waiting" is judged by deliveries, not by the group's lag: a SUT that committed past an
 * undelivered message has halted all the same, and that commit is for the checks to find.
 */
export async function awaitStopped(session: ScenarioSession, withinMs: number): Promise<void> {
  const pooled = await session.environment();
  const sut = session.requireSut();
  const quietMs = Math.min(QUIET_MS, withinMs);
  const samples: { atMs: number; delivered: number; committed: number }[] = [];
  let lag = 0;
  let undelivered = 0;
  const exited = () => sut.fleet.instances.every((i) => i.state === 'stopped');
  const probe = async (): Promise<boolean> => {
    if (exited()) return true;
    const now = Date.now();
    const acked = (await producedSoFar(session, sut.topic.real)).ok;
    const delivered = await deliveredOf(pooled, acked);
    undelivered = acked.length - delivered;
    samples.push({ atMs: now, delivered, committed: await committedSum(pooled.admin, sut.group, sut.topic.real) });
    lag = await groupLag(pooled.admin, sut.group, sut.topic.real);
    const first = samples.find((s) => s.atMs >= now - quietMs);
    const last = samples[samples.length - 1]!;
    const quietLongEnough = samples[0]!.atMs <= now - quietMs && first !== undefined;
    return quietLongEnough && undelivered > 0 && first.delivered === last.delivered && first.committed === last.committed;
  };
  try {
    await withProgress(
      `waiting for the pipeline to stop (bound ${formatSeconds(withinMs)})`,
      () => progressText(session),
      waitFor(probe, { what: 'the pipeline to stop', timeoutMs: withinMs, intervalMs: 500 }),
    );
  } catch (error) {
    if (error instanceof ProbeFailedError) throw new EnvironmentError(`could not observe the pipeline: ${error.message}`, { cause: error });
    if (!(error instanceof TimeoutError)) throw error;
    const running = sut.fleet.instances.filter((i) => i.state !== 'stopped').length;
    const now = Date.now();
    const from = samples.find((s) => s.atMs >= now - quietMs - 1000) ?? samples[0];
    const to = samples[samples.length - 1];
    const moved =
      from && to
        ? ` — in its last ${formatSeconds(quietMs)}: ${to.delivered - from.delivered} new deliveries, committed offsets +${to.committed - from.committed}`
        : '';
    throw new ReliabilityAssertionError(
      CATEGORIES.notStopped,
      `after ${formatSeconds(withinMs)} ${running} of ${sut.fleet.instances.length} instances of ${sut.name} still ran and the pipeline had not halted${moved}, lag ${lag}, ${undelivered} acked messages without a 2xx${undelivered === 0 ? ' (nothing left waiting: it delivered everything)' : ''}`,
    );
  }
}
