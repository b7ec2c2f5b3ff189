// The Then steps' claims, each decided by the checker's verdict over the scenario's evidence
// (src/verify): a step names the checks it asserts, and fails with the first violated one's
// category, or "Checker could not decide" when one said unknown. Figures the claims need beyond
// valid/invalid (the lag, the logged count) are the checks' own figures.

import { ConfigError } from '../util/errors.js';
import { isCheckName, LagEvaluator, rebalancesSince, type CheckName, type CheckResult } from '../verify/index.js';
import { CATEGORIES, ReliabilityAssertionError, describeCheck, failureFor } from './failure-category.js';
import type { ScenarioSession } from './scenario-session.js';

function check(checks: readonly CheckResult[], name: CheckName): CheckResult {
  const found = checks.find((c) => c.name === name);
  if (!found) throw new ReliabilityAssertionError(CATEGORIES.undecided, `the verdict has no check named ${name}`, [name]);
  return found;
}

/** The named checks hold. */
export async function assertChecks(session: ScenarioSession, names: readonly CheckName[]): Promise<void> {
  names.forEach((name) => session.asserted.add(name));
  const { verdict } = await session.judgement();
  const failure = failureFor(verdict, names);
  if (failure) throw failure;
}

/** At most `bound` extra 2xx deliveries (the duplicates check, judged with that bound). */
export async function assertDuplicatesAtMost(session: ScenarioSession, bound: number): Promise<void> {
  session.maxDuplicates = bound;
  await assertChecks(session, ['duplicates']);
}

/** At most a share of the logged messages delivered more than once. */
export async function assertDuplicateShare(session: ScenarioSession, fraction: number): Promise<void> {
  const { verdict } = await session.judgement();
  const logged = check(verdict.checks, 'lost').figures.logged ?? 0;
  await assertDuplicatesAtMost(session, Math.floor(fraction * logged));
}

/** commit-during-outage — meaningful only when the target was down in the scenario. */
export async function assertNoCommitDuringOutage(session: ScenarioSession): Promise<void> {
  session.asserted.add('commit-during-outage');
  const { verdict } = await session.judgement();
  const outageCheck = check(verdict.checks, 'commit-during-outage');
  if (outageCheck.valid === true && (outageCheck.figures.outages ?? 0) === 0) {
    throw new ReliabilityAssertionError(
      CATEGORIES.undecided,
      'the HTTP target was never down in this scenario, so no commit could be judged against an outage',
      ['commit-during-outage'],
    );
  }
  await assertChecks(session, ['commit-during-outage']);
}

/**
 * `count` messages wait in the SUT's topic: in the log, without a 2xx, and not committed past —
 * the recovery check's undelivered count and lag. A lag below the undelivered count means the
 * group committed past messages the target never accepted: an unsafe commit.
 */
export async function assertWaiting(session: ScenarioSession, count: number, topicName: string): Promise<void> {
  const sut = session.requireSut();
  const topic = session.names.topic(topicName);
  if (topic.real !== sut.topic.real) {
    throw new ConfigError(`the verdict covers "${sut.topic.name}", the topic the system under test consumes, not "${topicName}"`);
  }
  // Its own claim (lag and undelivered both equal count), not the recovery check's: a failure is a step finding.
  const { verdict } = await session.judgement();
  const recovery = check(verdict.checks, 'recovery');
  const lag = recovery.figures.lagMessages;
  const undelivered = recovery.figures.undelivered;
  if (lag === undefined || undelivered === undefined) {
    throw new ReliabilityAssertionError(
      CATEGORIES.undecided,
      `the group's final offsets are unknown, so the waiting messages cannot be counted: ${describeCheck(recovery)}`,
      ['recovery'],
    );
  }
  if (lag === count && undelivered === count) return;
  const figures = `${undelivered} messages of "${topicName}" have no 2xx and the group's lag is ${lag}; expected ${count} waiting`;
  if (lag < undelivered) {
    throw new ReliabilityAssertionError(
      CATEGORIES.unsafeCommit,
      `the group committed past ${undelivered - lag} messages the target never accepted: ${figures}`,
      ['recovery'],
    );
  }
  throw new ReliabilityAssertionError(CATEGORIES.other, figures, ['recovery']);
}

/** Every check holds — duplicates only against a bound a step gave (without one it claims nothing). */
export async function assertAllHold(session: ScenarioSession): Promise<void> {
  const { verdict } = await session.judgement();
  await assertChecks(
    session,
    verdict.checks
      .map((c) => c.name)
      .filter(isCheckName)
      .filter((name) => name !== 'duplicates' || session.maxDuplicates !== undefined),
  );
}

/**
 * The SUT's group rebalanced at most `bound` times after it was first ready (the first
 * `group-ready` event), as the broker stored its generations (group.jsonl). Without either the
 * claim cannot be judged: "Checker could not decide", never a pass.
 */
export async function assertRebalancesAtMost(session: ScenarioSession, bound: number): Promise<void> {
  const group = session.requireSut().group;
  const { ledgers } = await session.judgement();
  const ready = ledgers.events.find((event) => event.kind === 'group-ready' && event.subject === group);
  if (!ledgers.group || ready === undefined) {
    const missing = !ledgers.group ? "group.jsonl (the broker's group records) is missing" : `no group-ready event for group ${group}`;
    throw new ReliabilityAssertionError(CATEGORIES.undecided, `the group's rebalances cannot be counted: ${missing}`, []);
  }
  const times = rebalancesSince(ledgers.group, group, ready.at);
  if (times.length <= bound) return;
  const when = times.map((at) => `+${((at - ready.at) / 1000).toFixed(1)} s`).join(', ');
  throw new ReliabilityAssertionError(
    CATEGORIES.other,
    `the group rebalanced ${times.length} times after it was ready (at ${when} after group-ready); expected at most ${bound}`,
    [],
  );
}

/**
 * At most `bound` duplicate deliveries that nothing explains (duplicates-explained's figure): for
 * a SUT whose design admits a known few, e.g. a commit that may land after its partition moved.
 * The figure's own check is not asserted, so its verdict row stays "not judged"; an unknown one
 * is "Checker could not decide".
 */
export async function assertUnexplainedAtMost(session: ScenarioSession, bound: number): Promise<void> {
  const { verdict } = await session.judgement();
  const explained = check(verdict.checks, 'duplicates-explained');
  const unexplained = explained.figures.unexplained;
  if (explained.valid === 'unknown' || unexplained === undefined) {
    throw new ReliabilityAssertionError(CATEGORIES.undecided, `the unexplained duplicates cannot be counted: ${describeCheck(explained)}`, [
      'duplicates-explained',
    ]);
  }
  if (unexplained <= bound) return;
  throw new ReliabilityAssertionError(
    CATEGORIES.duplicates,
    `${unexplained} duplicate deliveries have no rewind, retry or coordinator fault to explain them; expected at most ${bound}`,
    ['duplicates-explained'],
  );
}

/**
 * Seed 002's operators' claim, in Burrow's terms (src/verify/lag-status.ts): the group's status is
 * OK at some second within `withinMs` after the last fault healed. Judged from the commits and
 * acks up to the end of the evidence; a scenario without a healed fault, or whose evidence ends
 * before the bound while the group is not yet OK, cannot be decided.
 */
export async function assertLagStatusOkAfterHeal(session: ScenarioSession, withinMs: number): Promise<void> {
  const sut = session.requireSut();
  const { ledgers } = await session.judgement();
  const healed = ledgers.faults.map((f) => f.healedAt);
  if (healed.length === 0 || healed.some((at) => at === null)) {
    const why = healed.length === 0 ? 'no fault was injected' : 'a fault was never healed';
    throw new ReliabilityAssertionError(
      CATEGORIES.undecided,
      `the group's status after the heal cannot be judged: ${why} in this scenario`,
      [],
    );
  }
  const healedAt = Math.max(...(healed as number[]));
  const lag = new LagEvaluator(ledgers.commits, ledgers.produced, sut.group, sut.topic.real);
  let evidenceEnd = healedAt;
  for (const c of ledgers.commits) evidenceEnd = Math.max(evidenceEnd, c.commitTimestamp);
  for (const d of ledgers.delivered) evidenceEnd = Math.max(evidenceEnd, d.answeredAt ?? d.receivedAt);
  const seen: string[] = [];
  for (let atMs = healedAt + 1000; atMs <= Math.min(healedAt + withinMs, evidenceEnd + 1000); atMs += 1000) {
    const { status, partitions } = lag.groupAt(atMs);
    if (status === 'OK') return;
    const line = `${status} (${Object.entries(partitions)
      .filter(([, p]) => p !== 'OK')
      .map(([n, p]) => `p${n} ${p}`)
      .join(', ')})`;
    if (seen[seen.length - 1] !== line) seen.push(`+${((atMs - healedAt) / 1000).toFixed(0)} s ${line}`);
  }
  const summary = seen.slice(-3).join('; ');
  if (evidenceEnd + 1000 < healedAt + withinMs) {
    throw new ReliabilityAssertionError(
      CATEGORIES.undecided,
      `the run's evidence ends ${((evidenceEnd - healedAt) / 1000).toFixed(1)} s after the last heal and the group was not yet OK in Burrow's terms (${summary}) — fix: place this step after a drain`,
      [],
    );
  }
  throw new ReliabilityAssertionError(
    CATEGORIES.other,
    `the group was not OK in Burrow's terms within ${(withinMs / 1000).toFixed(0)} s after the last fault healed: ${summary}`,
    [],
  );
}

/**
 * A durability demonstration's claim: the brokers lost writes they had acknowledged
 * (broker-side-loss's missing count above 0) — what acks=1 permits when a leader is cut off from
 * its followers. Returns the count, said; none lost fails the step, and an unknown
 * check cannot decide. The loss itself is expected here, so broker-side-loss is not asserted.
 */
export async function assertAckedWritesLost(session: ScenarioSession): Promise<string> {
  const { verdict } = await session.judgement();
  const loss = check(verdict.checks, 'broker-side-loss');
  const missing = loss.figures.missingFromLog;
  if (loss.valid === 'unknown' || missing === undefined) {
    throw new ReliabilityAssertionError(CATEGORIES.undecided, `acknowledged writes cannot be counted: ${describeCheck(loss)}`, [
      'broker-side-loss',
    ]);
  }
  if (missing > 0) return `the brokers lost ${missing} of ${loss.figures.producedOk ?? '?'} acknowledged writes`;
  throw new ReliabilityAssertionError(
    CATEGORIES.other,
    `the brokers lost none of the ${loss.figures.producedOk ?? '?'} acknowledged writes: every one is in the log`,
    ['broker-side-loss'],
  );
}
