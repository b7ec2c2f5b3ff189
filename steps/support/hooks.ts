// The scenario lifecycle. Before: leave the shared environment if the feature changed, and give
// the World a fresh session (scoped names, @fresh-cluster) and the Allure story label. After:
// judge what happened (if no Then step did), attach the verdict, timeline, fault log and log
// tails, then heal, stop and reset — so the next scenario of the feature shares a clean
// environment. AfterAll: stop the last environment.

import { After, AfterAll, Before, Status } from '@cucumber/cucumber';
import { allureLabelsMessage, ALLURE_RUNTIME_MESSAGE_MEDIA_TYPE } from '../../src/scenario/allure-labels.js';
import { loadConfig } from '../../src/config/chaos-config.js';
import { resolveRuntimeKind } from '../../src/environment/chaos-environment.js';
import { defaultSut, requestedSutOf } from '../../src/scenario/default-sut.js';
import { environmentPool } from '../../src/scenario/environment-pool.js';
import { kafkaRequirementOf, kafkaVersionFor } from '../../src/scenario/kafka-requirement.js';
import { classifyStepError } from '../../src/scenario/failure-category.js';
import { categoryOfMessage, runFacts } from '../../src/scenario/run-facts.js';
import { verdictTable } from '../../src/report/verdict-table.js';
import { scenarioAttachments } from '../../src/scenario/scenario-report.js';
import { ScenarioSession } from '../../src/scenario/scenario-session.js';
import { ConfigError, EnvironmentError, describeError } from '../../src/util/errors.js';
import type { ChaosWorld } from './world.js';

let scenarioNumber = 0;
let runtimeKind: Promise<string> | undefined;
/** The runtime this run's environments use ("auto" resolved once, as the environment resolves it). */
const runtimeOfThisRun = () =>
  (runtimeKind ??= Promise.resolve()
    .then(() => resolveRuntimeKind(loadConfig().runtime))
    .catch(() => 'unknown'));
const configuredKafka = () => {
  try {
    return loadConfig().kafka.version;
  } catch {
    return 'unknown';
  }
};

Before({ name: 'kafka-chaos: scenario session' }, async function (this: ChaosWorld, { pickle, gherkinDocument }) {
  const tags = pickle.tags.map((t) => t.name);
  const requestedSut = requestedSutOf(this.parameters.sut, tags);
  try {
    if (requestedSut !== undefined) defaultSut(requestedSut); // an unknown --sut fails before the scenario does anything
  } catch (error) {
    throw classifyStepError(error);
  }
  this.session = new ScenarioSession(
    {
      featureUri: pickle.uri,
      featureName: gherkinDocument.feature?.name ?? pickle.uri,
      scenarioName: pickle.name,
      number: ++scenarioNumber,
      tags,
      fresh: tags.includes('@fresh-cluster'),
      ...(this.parameters.sut === undefined ? {} : { sutFromCommandLine: this.parameters.sut }),
      // Asked only by a step that starts "the system under test" without naming it: with two of
      // the user's SUTs and no --sut that step fails (the preflight says so before any cluster).
      get defaultSut() {
        return defaultSut(requestedSut);
      },
    },
    environmentPool,
  );
  // Which system "the system under test" is, said before anything runs (stderr: stdout is cucumber's).
  let meant: string;
  let sutName: string | undefined;
  try {
    sutName = this.session.info.defaultSut;
    meant = `"${sutName}"`;
  } catch {
    meant = 'not settled (several SUTs are declared: a step must name one, or pass --sut)';
  }
  process.stderr.write(
    `kafka-chaos: scenario ${scenarioNumber} "${pickle.name}": "the system under test" (where a step names none) is ${meant}\n`,
  );
  // The story is the scenario's name, unless a @story:… tag names it (cucumber.mjs maps those).
  const labels = tags.some((t) => t.startsWith('@story:')) ? [] : [{ name: 'story', value: pickle.name }];
  // The Kafka the scenario runs on: the one its cluster step asks for (kafka-requirement.ts), else the config's.
  const configured = configuredKafka();
  const requirement = kafkaRequirementOf(pickle.steps.map((s) => s.text));
  const parameters = [
    { name: 'runtime', value: await runtimeOfThisRun() },
    { name: 'Kafka', value: configured === 'unknown' ? (requirement?.version ?? configured) : kafkaVersionFor(requirement, configured) },
    ...(sutName === undefined ? [] : [{ name: 'system under test', value: sutName }]),
  ];
  this.attach(allureLabelsMessage(labels, parameters), ALLURE_RUNTIME_MESSAGE_MEDIA_TYPE);
});

After({ name: 'kafka-chaos: verdict, evidence and teardown' }, async function (this: ChaosWorld, { pickle, gherkinDocument, result }) {
  const session = this.session;
  if (!session) return; // the Before hook itself failed
  const original = this.stepError?.original;
  const environmentFailed = this.stepError?.classified instanceof EnvironmentError;
  let note: string | undefined;
  // A scenario that ended in an environment failure is not judged: its evidence is not the SUT's.
  if (session.sut && session.evidence && !environmentFailed) {
    try {
      await session.judgement();
    } catch (error) {
      note = `the evidence could not be judged for the report: ${describeError(error)}`;
    }
  } else if (environmentFailed) {
    note = 'not judged: the scenario ended in an environment failure';
  }
  // On failure the console shows every check in one compact table; logs stay in the report.
  const judgedVerdict = session.evidence?.last?.verdict;
  if (result?.status === Status.FAILED && judgedVerdict && !environmentFailed) {
    const table = verdictTable(judgedVerdict)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    process.stderr.write(`kafka-chaos: "${pickle.name}" — every check (evidence: ${session.evidence?.root}):\n${table}\n`);
  }
  try {
    for (const attachment of scenarioAttachments(session, note)) {
      this.attach(attachment.body, { mediaType: attachment.mediaType, fileName: attachment.name });
    }
  } catch (error) {
    this.attach(`the report attachments failed: ${describeError(error)}`, { mediaType: 'text/plain', fileName: 'report-error.txt' });
  }
  // An environment failure that was not the scenario's own mistake may have left the cluster unwell.
  if (environmentFailed && !(original instanceof ConfigError)) environmentPool.markBroken();
  for (const error of await session.teardown()) process.stderr.write(`kafka-chaos: after "${pickle.name}": ${error.message}\n`);
  runFacts.scenarioEnded({
    feature: gherkinDocument.feature?.name ?? pickle.uri,
    scenario: pickle.name,
    status: result?.status ?? Status.UNKNOWN,
    category: result?.status === Status.FAILED ? categoryOfMessage(result.message) : undefined,
    durationMs: Date.now() - session.startedAt,
    endedAt: Date.now(),
    evidenceDir: session.evidence?.root,
  });
});

AfterAll(async function () {
  await environmentPool.release();
});
