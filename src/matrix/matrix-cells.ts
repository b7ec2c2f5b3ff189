// One cell of `kafka-chaos matrix`: what one scenario did against one client on one Kafka
// version, read from that run's cucumber messages. Pure: envelopes in, cells out. The outcome is
// judged as the self-test judges it (scenario-outcome.ts: a failure is a finding only when its
// first failing step names a reliability check; anything else is an environment error), and
// the headline figures come from the verdict.json the scenario attached: lost, duplicates by
// cause, unsafe commits. A cell whose run shows another SUT than the one asked for is an
// environment error: the matrix must never credit one client with another's result. A client
// that refuses a scenario's knobs at start (exit 2, e.g. kafkajs asked for static membership) is
// `unsupported`: no verdict, and said so. A scenario whose cluster step asks for another Kafka
// than the column's (a KIP-848 scenario in a 3.9 column) is not run there: `other-version`.

import type { Verdict } from '../verify/types.js';
import { SUT_FACTS_ATTACHMENT, type SystemUnderTestFacts } from '../scenario/scenario-report.js';
import { outcomesFromEnvelopes, sameFile, type Envelope, type OutcomeStatus } from '../scenario/scenario-outcome.js';
import { describeRequirement } from '../scenario/kafka-requirement.js';
import type { MatrixScenario } from './portable-scenarios.js';

/** A figure is present only when its check was judged: a scenario that does not claim it says nothing about it. */
export interface HeadlineFigures {
  lost?: number;
  /** Deliveries beyond the first, and what explains them. */
  duplicates?: { total: number; rewind: number; retry: number; coordinator: number; unexplained: number };
  unsafeCommits?: number;
  /** Every check the scenario's verdict judged. */
  judged: string[];
}

export interface MatrixCell {
  feature: string;
  scenario: string;
  sut: string;
  kafkaVersion: string;
  /**
   * unsupported: the SUT refused the scenario's configuration at start (exit 2, the contract's
   * "bad configuration"); other-version: not run, its cluster step asks for another Kafka.
   */
  status: OutcomeStatus | 'unsupported' | 'other-version';
  /** The failed check's category, when failed. */
  category?: string;
  /** One line: "passed", the failure, or why the cell is undecided. */
  detail: string;
  /** From the scenario's verdict.json; absent when it left none. */
  figures?: HeadlineFigures;
}

interface Attached {
  verdict?: Verdict;
  facts?: SystemUnderTestFacts;
}

/** How the SUT fleet reports an instance that exited 2 at once (sut-fleet.ts): it refused its env. */
const REFUSED_CONFIGURATION = /\bSUT \S+ exited at start with code 2 /;

export function headlineFigures(verdict: Verdict): HeadlineFigures {
  const judged = (name: string) => verdict.checks.find((c) => c.name === name && c.judged);
  const figure = (name: string, figure: string) => judged(name)?.figures[figure] ?? 0;
  return {
    ...(judged('lost') ? { lost: figure('lost', 'lost') } : {}),
    ...(judged('duplicates')
      ? {
          duplicates: {
            total: figure('duplicates', 'duplicateDeliveries'),
            rewind: figure('duplicates', 'rewind'),
            retry: figure('duplicates', 'retry'),
            coordinator: figure('duplicates', 'coordinator'),
            unexplained: figure('duplicates', 'unexplained'),
          },
        }
      : {}),
    ...(judged('unsafe-commit') ? { unsafeCommits: figure('unsafe-commit', 'unsafeCommits') } : {}),
    judged: verdict.checks.filter((c) => c.judged).map((c) => c.name),
  };
}

/** The verdict and SUT facts each pickle's latest attempt attached, by "uri\0name". */
function attachedByScenario(envelopes: readonly Envelope[]): Map<string, Attached> {
  const pickles = new Map<string, string>(); // pickle id → key
  const testCases = new Map<string, string>(); // test case id → key
  const started = new Map<string, string>(); // test case started id → key
  const attached = new Map<string, Attached>();
  for (const envelope of envelopes) {
    if (envelope.pickle) pickles.set(envelope.pickle.id, `${envelope.pickle.uri}\0${envelope.pickle.name}`);
    if (envelope.testCase) testCases.set(envelope.testCase.id, pickles.get(envelope.testCase.pickleId) ?? '');
    if (envelope.testCaseStarted) {
      const key = testCases.get(envelope.testCaseStarted.testCaseId) ?? '';
      started.set(envelope.testCaseStarted.id, key);
      attached.set(key, {}); // a retried attempt supersedes the one before
    }
    const attachment = envelope.attachment;
    if (!attachment?.testCaseStartedId || !attachment.fileName) continue;
    const key = started.get(attachment.testCaseStartedId);
    const entry = key === undefined ? undefined : attached.get(key);
    if (!entry) continue;
    try {
      const body = attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
      if (attachment.fileName === 'verdict.json') entry.verdict = JSON.parse(body) as Verdict;
      if (attachment.fileName === SUT_FACTS_ATTACHMENT) entry.facts = JSON.parse(body) as SystemUnderTestFacts;
    } catch {
      // an unreadable attachment gives no figures; the outcome still comes from the steps
    }
  }
  return attached;
}

/** The cells of one run: `scenarios` against `sut` on `kafkaVersion`. */
export function matrixCells(
  envelopes: readonly Envelope[],
  scenarios: readonly MatrixScenario[],
  sut: string,
  kafkaVersion: string,
): MatrixCell[] {
  const refs = scenarios.map((s, i) => ({ id: String(i), feature: s.feature, name: s.name }));
  const outcomes = outcomesFromEnvelopes(sut, envelopes, refs);
  const attached = attachedByScenario(envelopes);
  return scenarios.map((scenario, i) => {
    const outcome = outcomes[i]!;
    const found = attached.get(`${scenario.feature}\0${scenario.name}`) ?? [...attached].find(([key]) => sameScenario(key, scenario))?.[1];
    const cell: MatrixCell = {
      feature: scenario.feature,
      scenario: scenario.name,
      sut,
      kafkaVersion,
      status: outcome.status,
      detail: outcome.detail,
      ...(outcome.categories[0] === undefined ? {} : { category: outcome.categories[0] }),
      ...(found?.verdict ? { figures: headlineFigures(found.verdict) } : {}),
    };
    if (outcome.status === 'env-error' && REFUSED_CONFIGURATION.test(outcome.detail)) return { ...cell, status: 'unsupported' };
    const ran = found?.facts;
    if (ran && (ran.sut !== sut || ran.kafkaVersion !== kafkaVersion)) {
      return {
        ...cell,
        status: 'env-error',
        category: undefined,
        detail: `it ran "${ran.sut}" on Kafka ${ran.kafkaVersion}, not "${sut}" on ${kafkaVersion}`,
      };
    }
    return cell;
  });
}

/** The cell of a scenario a column does not run: its cluster step asks for another Kafka. */
export function otherVersionCell(scenario: MatrixScenario, sut: string, kafkaVersion: string): MatrixCell {
  const asks = scenario.kafka ? describeRequirement(scenario.kafka) : 'the configured Kafka';
  return {
    feature: scenario.feature,
    scenario: scenario.name,
    sut,
    kafkaVersion,
    status: 'other-version',
    detail: `not run on Kafka ${kafkaVersion}: its cluster step asks for ${asks}`,
  };
}

function sameScenario(key: string, scenario: MatrixScenario): boolean {
  const [uri, name] = key.split('\0');
  return name === scenario.name && sameFile(uri ?? '', scenario.feature);
}
