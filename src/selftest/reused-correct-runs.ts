// The correct forwarder's row of the detection matrix, taken where it can be from a chaos run
// that already ran those scenarios (`chaos:selftest -- --correct-from <cucumber messages>`), so
// CI does not run the same scenarios on the same forwarder twice. Pure: envelopes in, a split
// out. A scenario is reused only when the run's own record of it (the system-under-test.json
// attachment every scenario leaves) shows the configuration the self-test would have used: the
// SUT the scenario itself starts (no --sut), configured with nothing but the correct mode, on the
// same runtime and Kafka version. Anything else — not in that run, no record, another configuration — runs
// again, and the reason is said.

import { SUT_FACTS_ATTACHMENT, type SystemUnderTestFacts } from '../scenario/scenario-report.js';
import { CORRECT_MODE } from './detection-matrix.js';
import { outcomesFromEnvelopes, sameFile, type Envelope, type ScenarioOutcome, type ScenarioRef } from '../scenario/scenario-outcome.js';

/** Where the self-test runs: a reused scenario must have run there too. */
export interface ReuseWanted {
  runtime: string;
  kafkaVersion: string;
}

export interface CorrectRunSplit {
  /** Outcomes taken from the earlier run, whatever they were (a failure there is a failure here). */
  reused: ScenarioOutcome[];
  /** Scenarios the self-test must run itself. */
  toRun: ScenarioRef[];
  /** One line per scenario that is run again: why it could not be reused. */
  notes: string[];
}

/** The configured env that means "the correct forwarder": none, or the correct mode named. */
function isCorrectConfiguration(env: Record<string, string>): boolean {
  return Object.entries(env).every(([name, value]) => name === 'FORWARDER_MODE' && value === CORRECT_MODE);
}

/** The SUT facts each pickle's latest attempt attached, by pickle id. */
function factsByPickle(envelopes: readonly Envelope[]): Map<string, SystemUnderTestFacts | 'unreadable'> {
  const testCasePickle = new Map<string, string>();
  const startedPickle = new Map<string, string>();
  const facts = new Map<string, SystemUnderTestFacts | 'unreadable'>();
  for (const envelope of envelopes) {
    if (envelope.testCase) testCasePickle.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const pickleId = testCasePickle.get(envelope.testCaseStarted.testCaseId);
      if (pickleId === undefined) continue;
      startedPickle.set(envelope.testCaseStarted.id, pickleId);
      facts.delete(pickleId); // a retried attempt supersedes the one before
    }
    const attachment = envelope.attachment;
    if (attachment?.fileName !== SUT_FACTS_ATTACHMENT || attachment.testCaseStartedId === undefined) continue;
    const pickleId = startedPickle.get(attachment.testCaseStartedId);
    if (pickleId === undefined) continue;
    try {
      const body = attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
      facts.set(pickleId, JSON.parse(body) as SystemUnderTestFacts);
    } catch {
      facts.set(pickleId, 'unreadable');
    }
  }
  return facts;
}

/** Why the facts do not show the run the self-test would make, or undefined when they do. */
function mismatch(facts: SystemUnderTestFacts | 'unreadable' | undefined, wanted: ReuseWanted): string | undefined {
  if (facts === undefined) return `it left no ${SUT_FACTS_ATTACHMENT}`;
  if (facts === 'unreadable') return `its ${SUT_FACTS_ATTACHMENT} is not JSON`;
  if (!isCorrectConfiguration(facts.configuredEnv ?? {})) {
    const env = Object.entries(facts.configuredEnv)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    return `its SUT "${facts.sut}" was configured with ${env}`;
  }
  // The self-test runs each scenario's own SUT; a run with --sut may have started another one.
  if (facts.sutFromCommandLine) return `it ran with --sut ${facts.sutFromCommandLine}`;
  if (facts.runtime !== wanted.runtime) return `it ran on the ${facts.runtime} runtime, the self-test on ${wanted.runtime}`;
  if (facts.kafkaVersion !== wanted.kafkaVersion) return `it ran on Kafka ${facts.kafkaVersion}, the self-test on ${wanted.kafkaVersion}`;
  return undefined;
}

/** Splits the correct forwarder's scenarios into those the earlier run answers and those to run. */
export function splitCorrectRuns(envelopes: readonly Envelope[], scenarios: readonly ScenarioRef[], wanted: ReuseWanted): CorrectRunSplit {
  const facts = factsByPickle(envelopes);
  const pickles = envelopes.flatMap((e) => (e.pickle ? [e.pickle] : []));
  const split: CorrectRunSplit = { reused: [], toRun: [], notes: [] };
  for (const scenario of scenarios) {
    const ids = pickles.filter((p) => sameFile(p.uri, scenario.feature) && p.name === scenario.name).map((p) => p.id);
    const why = ids.length === 0 ? 'it is not in that run' : ids.map((id) => mismatch(facts.get(id), wanted)).find((m) => m !== undefined);
    if (why === undefined) {
      split.reused.push(...outcomesFromEnvelopes(CORRECT_MODE, envelopes, [scenario]));
    } else {
      split.toRun.push(scenario);
      split.notes.push(`${scenario.id}: runs again: ${why}`);
    }
  }
  return split;
}
