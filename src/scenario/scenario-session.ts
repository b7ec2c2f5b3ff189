// One scenario's state, as the steps see it: the environment it runs on (shared through the
// pool), its scoped topic and group names, its one system under test, its traffic, its faults
// and its evidence. The World owns one per scenario; teardown() heals, stops and cleans up
// everything it started (its resource stack), so the next scenario finds the environment as
// this one found it.

import type { SutFleet } from '../environment/runtime.js';
import { createTopic } from '../environment/kafka-clients.js';
import { LEDGER_FILES } from '../evidence/ledger-records.js';
import type { StepFinding } from '../evidence/run-json.js';
import { FaultBook } from '../faults/fault-book.js';
import { ConfigError } from '../util/errors.js';
import { ResourceStack } from '../util/resource-stack.js';
import type { CheckName } from '../verify/index.js';
import { CATEGORIES, classifyStepError, type ReliabilityAssertionError } from './failure-category.js';
import { fits, shapeOf, type EnvironmentPool, type PooledEnvironment } from './environment-pool.js';
import { runFacts } from './run-facts.js';
import { ScenarioEvidence, scenarioFolderName, type Judgement } from './scenario-evidence.js';
import { ScenarioNames, type DeclaredTopic } from './scenario-names.js';
import { ScenarioTraffic } from './scenario-traffic.js';
import { groupLag, settleCommits } from './scenario-probes.js';
import { awaitSutReady } from './group-readiness.js';

export interface ScenarioInfo {
  featureUri: string;
  featureName: string;
  scenarioName: string;
  /** The scenario's number in the run, from 1. */
  number: number;
  tags: readonly string[];
  /** @fresh-cluster: never share an environment with an earlier scenario. */
  fresh: boolean;
  /** The SUT "the system under test" means. */
  defaultSut: string;
  /** The SUT `--sut` named for the whole run, if any (it overrides the scenario's own choice). */
  sutFromCommandLine?: string;
}

export interface RunningSut {
  name: string;
  fleet: SutFleet;
  topic: DeclaredTopic;
  groupName: string;
  group: string;
}

export interface SutRequest {
  sut?: string;
  topic: string;
  group: string;
  instances: number;
  env?: Record<string, string>;
}

/** Every ledger a scenario folder holds once its evidence is collected: an absent one is missing evidence. */
const SCENARIO_LEDGERS = Object.keys(LEDGER_FILES);

export class ScenarioSession {
  readonly names: ScenarioNames;
  readonly startedAt = Date.now();
  /** Everything the scenario started, torn down in reverse by teardown(). */
  readonly resources = new ResourceStack();
  private pooled: PooledEnvironment | undefined;
  private store: { evidence: ScenarioEvidence; faults: FaultBook; traffic: ScenarioTraffic } | undefined;
  sut: RunningSut | undefined;
  /** When the last drain ended (undefined: none since the last action); later 2xx answers do not count. */
  drainEndedAt: number | undefined;
  /** The most duplicate deliveries a Then step tolerates (undefined: unbounded): the duplicates check's bound. */
  maxDuplicates: number | undefined;
  /** The checks the scenario's Then steps asserted: what the verdict judges (run.json assertedChecks). */
  readonly asserted = new Set<CheckName>();
  /** Claims of steps that failed on something other than a check's own verdict (run.json stepFindings). */
  readonly findings: StepFinding[] = [];
  private stale = true;

  constructor(
    readonly info: ScenarioInfo,
    private readonly pool: EnvironmentPool,
  ) {
    this.names = new ScenarioNames(info.number);
  }

  /** Joins (or starts) the environment; a second call with another shape is a scenario error. */
  async useCluster(brokers?: number, kafkaVersion?: string, sutTls?: boolean): Promise<PooledEnvironment> {
    if (this.pooled) {
      const current = shapeOf(this.pooled);
      // Unnamed here means "as this scenario's cluster already is".
      if (!fits(current, { brokers, kafkaVersion, sutTls: sutTls ?? current.sutTls }, current)) {
        throw new ConfigError('a scenario runs on one cluster', { fix: 'declare the cluster once (in the Background or the first step)' });
      }
      return this.pooled;
    }
    const pooled = await this.pool.acquire({ featureUri: this.info.featureUri, brokers, kafkaVersion, sutTls, fresh: this.info.fresh });
    this.pooled = pooled;
    const evidence = new ScenarioEvidence(pooled.env.run, scenarioFolderName(this.info.number, this.info.scenarioName), {
      deliveredPath: pooled.env.target.ledgerPath,
      eventsPath: pooled.env.run.file(LEDGER_FILES.events),
      sinceMs: this.startedAt,
    });
    this.store = { evidence, faults: new FaultBook(evidence.faults), traffic: new ScenarioTraffic(() => pooled.kafka, evidence.produced) };
    this.deferTeardown(pooled, this.store);
    evidence.annotate({
      feature: this.info.featureName,
      scenario: this.info.scenarioName,
      tags: this.info.tags,
      sharedRun: pooled.env.run.root,
      expectedLedgers: SCENARIO_LEDGERS,
      assertedChecks: [],
      stepFindings: [],
    });
    return pooled;
  }

  /** The environment, started with the config's shape when no step declared one. */
  async environment(): Promise<PooledEnvironment> {
    return this.pooled ?? this.useCluster();
  }

  get pooledEnvironment(): PooledEnvironment | undefined {
    return this.pooled;
  }

  get faults(): FaultBook {
    return this.need().faults;
  }

  get traffic(): ScenarioTraffic {
    return this.need().traffic;
  }

  get evidence(): ScenarioEvidence | undefined {
    return this.store?.evidence;
  }

  async declareTopic(name: string, partitions: number, replicationFactor?: number, minInsync?: number): Promise<DeclaredTopic> {
    const { admin, brokers } = await this.environment();
    const factor = replicationFactor ?? Math.min(3, brokers);
    if (factor > brokers) throw new ConfigError(`replication factor ${factor} needs ${factor} brokers; the cluster has ${brokers}`);
    const insync = minInsync ?? Math.min(2, factor);
    if (insync > factor) throw new ConfigError(`min in-sync replicas ${insync} is above the replication factor ${factor}`);
    const topic = this.names.declareTopic(name, partitions, factor);
    await createTopic(admin, { topic: topic.real, partitions, replicationFactor: factor, minInsyncReplicas: insync }, 60_000);
    this.need().evidence.annotate({ names: this.names.mapping() });
    return topic;
  }

  async startSut(request: SutRequest): Promise<RunningSut> {
    if (this.sut) {
      throw new ConfigError('a scenario has one system under test', {
        fix: 'scale it ("the system under test scales to 3 instances") instead of starting another',
      });
    }
    const { env } = await this.environment();
    const name = request.sut ?? this.info.defaultSut;
    const topic = this.names.topic(request.topic);
    const group = this.names.group(request.group);
    const fleet = await env.startSut({ sut: name, topic: topic.real, groupId: group, instances: request.instances, env: request.env });
    runFacts.suts.add(name);
    this.sut = { name, fleet, topic, groupName: request.group, group };
    this.need().evidence.annotate({
      sut: name,
      names: this.names.mapping(),
      sutEnv: env.shownSutEnv(name, request.env ?? {}),
      sutConfigEnv: env.configuredSutEnv(name),
    });
    await awaitSutReady(await this.environment(), fleet, { group: request.group, topic: request.topic });
    return this.sut;
  }

  requireSut(): RunningSut {
    if (!this.sut) {
      throw new ConfigError('this step needs a system under test, and none was started', {
        fix: 'add a step like: Given the system under test consumes "orders" as group "billing"',
      });
    }
    return this.sut;
  }

  /**
   * Whether a fault acts on Kafka itself (a broker's process or the network): while one does, a
   * refused send is a finding; with none, it means the cluster is unwell — an environment failure.
   */
  clusterFaultActive(): boolean {
    return this.faults.actsOn('broker', 'network');
  }

  /**
   * A step's failed claim: a check's own verdict makes its checks asserted; any other claim is
   * kept as a finding. Both go to run.json at once, so a runner killed now leaves them on disk.
   */
  recordClaim(error: ReliabilityAssertionError, step?: string): void {
    if (error.fromVerdict) error.checks.forEach((name) => this.asserted.add(name));
    else
      this.findings.push({ category: error.category, detail: error.message.slice(error.category.length + 2), ...(step ? { step } : {}) });
    this.persistClaims();
  }

  /** run.json's record of what the scenario claimed: the same claims `kafka-chaos verify` judges. */
  persistClaims(): void {
    this.store?.evidence.annotate({ assertedChecks: [...this.asserted], stepFindings: this.findings, maxDuplicates: this.maxDuplicates });
  }

  /** True when a finding could not be decided (the verdict then is unknown, not violated). */
  hasUndecidedFinding(): boolean {
    return this.findings.some((f) => f.category === CATEGORIES.undecided);
  }

  /** Something happened: evidence collected before it is out of date. */
  invalidate(): void {
    this.stale = true;
    this.drainEndedAt = undefined;
  }

  /** Collects and judges the evidence, unless nothing happened since the last time. */
  async judgement(): Promise<Judgement> {
    const sut = this.requireSut();
    const { evidence, traffic } = this.need();
    if (!this.stale && evidence.last) {
      // Nothing happened since, but the claims may have grown (an assertion, a bound): judge again, purely.
      this.persistClaims();
      return evidence.rejudge(this.maxDuplicates)!;
    }
    const pooled = await this.environment();
    try {
      await traffic.stopContinuous();
      // Commits get a bounded time to land after the last delivery — also after a drain, which
      // waits for deliveries only: a sink that commits on a timer is not "behind" by design.
      await settleCommits(this, pooled);
      const drainEndedAt = this.drainEndedAt ?? Date.now();
      this.persistClaims();
      const judged = await evidence.collect(pooled.kafka, {
        topic: sut.topic.real,
        group: sut.group,
        drainEndedAt,
        maxDuplicates: this.maxDuplicates,
      });
      this.stale = false;
      return judged;
    } catch (error) {
      throw classifyStepError(error, "the scenario's evidence could not be collected");
    }
  }

  /** The group's lag on the SUT's topic right now (undefined without a SUT). */
  async lag(): Promise<number | undefined> {
    if (!this.sut || !this.pooled) return undefined;
    return groupLag(this.pooled.admin, this.sut.group, this.sut.topic.real);
  }

  /**
   * After the scenario: stops production, heals every fault, stops the SUT, closes the ledgers,
   * resets the shared environment and deletes the scenario's topics and groups — the resource
   * stack's steps, registered as the scenario acquired them. Never throws; returns what failed.
   */
  async teardown(): Promise<Error[]> {
    try {
      await this.resources.disposeAsync();
      return [];
    } catch (error) {
      const errors = error instanceof AggregateError ? error.errors : [error];
      return errors.map((e: unknown) => classifyStepError(e, 'after the scenario'));
    }
  }

  /** The teardown of everything a scenario on `pooled` may start, in the order it must run (the stack is last-in, first-out). */
  private deferTeardown(
    pooled: PooledEnvironment,
    store: { evidence: ScenarioEvidence; faults: FaultBook; traffic: ScenarioTraffic },
  ): void {
    this.resources.defer(async () => {
      if (this.pool.isBroken) return; // it is replaced, not reset
      const resetError = await this.pool.reset();
      if (resetError) throw resetError;
      // Best effort: leftovers are harmless (every name is scoped), just untidy.
      const topics = this.names.declaredTopics().map((t) => t.real);
      const groups = this.names.declaredGroups();
      if (topics.length > 0) await pooled.admin.deleteTopics(topics, 10_000).catch(() => undefined);
      if (groups.length > 0) await pooled.admin.deleteGroups(groups).catch(() => undefined);
    });
    this.resources.defer(() => store.evidence.close());
    this.resources.defer(() => this.sut?.fleet.stopAll());
    // Before the SUT stops: healing a crash starts the crashed instance again.
    this.resources.defer(() => store.faults.healAll());
    this.resources.defer(() => store.traffic.dispose());
  }

  private need(): { evidence: ScenarioEvidence; faults: FaultBook; traffic: ScenarioTraffic } {
    if (!this.store) throw new Error('the scenario has no environment yet (internal: call environment() first)');
    return this.store;
  }
}
