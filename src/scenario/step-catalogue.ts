// The step vocabulary, as data: every step a scenario can use, with its pattern (a cucumber
// expression), an example that it matches, and what it does. steps/*.ts implement each entry by
// its id (define-step.ts refuses an id not listed here); `kafka-chaos steps` prints this list;
// the preflight and the closest-step finder read it. One place, so they cannot drift apart.

import { requireInRange } from './parameters.js';

export type StepKind = 'environment' | 'traffic' | 'fault' | 'wait' | 'assertion';

export interface CatalogueEntry {
  kind: StepKind;
  pattern: string;
  example: string;
  summary: string;
  /**
   * Range checks of the step's plain arguments ({int}), run before the step and by the
   * preflight, so "0 partitions" fails before any cluster starts. Throws ConfigError.
   * A method signature on purpose: its parameters are checked bivariantly, so each entry's
   * validator may take its own step's argument types, e.g. (n: number).
   */
  validate?(...args: unknown[]): void;
}

const entry = (
  kind: StepKind,
  pattern: string,
  example: string,
  summary: string,
  validate?: CatalogueEntry['validate'],
): CatalogueEntry => ({
  kind,
  pattern,
  example,
  summary,
  validate,
});

const brokers = (n: number) => requireInRange(n, 'brokers', 1, 9);
const partitions = (n: number) => requireInRange(n, 'partitions', 1, 1000);
const replicas = (n: number) => requireInRange(n, 'replicas', 1, 9);
const instances = (n: number) => requireInRange(n, 'instances', 1, 20);
const keys = (n: number) => requireInRange(n, 'distinct keys', 1, 100_000);
const partitionNumber = (n: number) => requireInRange(n, 'as a partition number', 0, 999);
const kbPerSecond = (n: number) => requireInRange(n, 'KB/s', 1, 1_000_000);

export const STEPS = {
  // Environment
  cluster: entry(
    'environment',
    'a Kafka cluster of {int} broker(s)',
    'a Kafka cluster of 3 brokers',
    'KRaft brokers (shared by the feature unless @fresh-cluster)',
    (n: number) => brokers(n),
  ),
  clusterVersion: entry(
    'environment',
    'a Kafka cluster of {int} broker(s) running Kafka {version}',
    'a Kafka cluster of 3 brokers running Kafka 3.9.1',
    'the same, on a given Kafka version',
    (n: number) => brokers(n),
  ),
  topic: entry(
    'environment',
    'a topic {string} with {int} partition(s)',
    'a topic "orders" with 3 partitions',
    'replication factor 3 (or the broker count), min in-sync 2',
    (_t: string, p: number) => partitions(p),
  ),
  topicRf: entry(
    'environment',
    'a topic {string} with {int} partition(s) and replication factor {int}',
    'a topic "orders" with 3 partitions and replication factor 3',
    'min in-sync replicas 2 (at most the factor)',
    (_t: string, p: number, r: number) => (partitions(p), replicas(r)),
  ),
  topicRfIsr: entry(
    'environment',
    'a topic {string} with {int} partition(s), replication factor {int} and min in-sync replicas {int}',
    'a topic "orders" with 3 partitions, replication factor 3 and min in-sync replicas 2',
    'every durability setting spelled out',
    (_t: string, p: number, r: number, i: number) => (partitions(p), replicas(r), requireInRange(i, 'in-sync replicas', 1, r)),
  ),
  targetUp: entry('environment', 'the HTTP target is up', 'the HTTP target is up', 'the recording target listens and answers 200'),
  sut: entry(
    'environment',
    'the system under test consumes {string} as group {string}',
    'the system under test consumes "orders" as group "billing"',
    'starts 1 instance of the default SUT',
  ),
  sutInstances: entry(
    'environment',
    'the system under test consumes {string} as group {string} with {int} instance(s)',
    'the system under test consumes "orders" as group "billing" with 2 instances',
    'K instances in one group',
    (_t: string, _g: string, n: number) => instances(n),
  ),
  sutNamed: entry(
    'environment',
    'the system under test {string} consumes {string} as group {string}',
    'the system under test "my-forwarder" consumes "orders" as group "billing"',
    'a SUT named in kafka-chaos.config.json',
  ),
  sutNamedInstances: entry(
    'environment',
    'the system under test {string} consumes {string} as group {string} with {int} instance(s)',
    'the system under test "my-forwarder" consumes "orders" as group "billing" with 2 instances',
    'the same, K instances',
    (_s: string, _t: string, _g: string, n: number) => instances(n),
  ),
  sutEnv: entry(
    'environment',
    'the system under test consumes {string} as group {string} with env:',
    'the system under test consumes "orders" as group "billing" with env:',
    'extra environment from a two-column table (| NAME | value |)',
  ),
  forwarderStops: entry(
    'environment',
    'the forwarder consumes {string} as group {string} and stops on the first error',
    'the forwarder consumes "sdc-test-1" as group "sdc-test-c1" and stops on the first error',
    'the reference forwarder, FORWARDER_ON_ERROR=stop (seed 000)',
  ),
  forwarderRetries: entry(
    'environment',
    'the forwarder consumes {string} as group {string} and retries on errors',
    'the forwarder consumes "orders" as group "billing" and retries on errors',
    'the reference forwarder, FORWARDER_ON_ERROR=retry (backoff capped at 1 s)',
  ),
  forwarderRetriesInstances: entry(
    'environment',
    'the forwarder consumes {string} as group {string} with {int} instance(s) and retries on errors',
    'the forwarder consumes "orders" as group "billing" with 2 instances and retries on errors',
    'the same, K instances',
    (_t: string, _g: string, n: number) => instances(n),
  ),

  // Traffic
  produce: entry(
    'traffic',
    '{count} message(s) is/are produced to {string}',
    '500 messages are produced to "orders"',
    'acks=all, round-robin over partitions; waits for the acks',
  ),
  produceMore: entry(
    'traffic',
    '{count} more message(s) is/are produced to {string}',
    '1 more message is produced to "orders"',
    'the same, read as a continuation',
  ),
  produceAtRate: entry(
    'traffic',
    '{count} message(s) is/are produced to {string} at {rate}',
    '1,000 messages are produced to "orders" at 200 per second',
    'paced; waits until all are sent',
  ),
  produceKeys: entry(
    'traffic',
    '{count} message(s) is/are produced to {string} with {int} distinct key(s)',
    '1,000 messages are produced to "orders" with 10 distinct keys',
    'keyed: each key always on its partition',
    (_c: number, _t: string, k: number) => keys(k),
  ),
  produceContinuously: entry(
    'traffic',
    'messages are produced continuously to {string} at {rate}',
    'messages are produced continuously to "orders" at 100 per second',
    'in the background until "production stops" or a wait (bounded: 5 minutes)',
  ),
  produceContinuouslyKeys: entry(
    'traffic',
    'messages are produced continuously to {string} at {rate} with {int} distinct key(s)',
    'messages are produced continuously to "orders" at 100 per second with 10 distinct keys',
    'the same, keyed',
    (_t: string, _r: number, k: number) => keys(k),
  ),
  productionStops: entry('traffic', 'production stops', 'production stops', 'ends background production and waits for its last acks'),

  // Faults: the HTTP target
  targetDown: entry(
    'fault',
    'the HTTP target goes down',
    'the HTTP target goes down',
    'listener closed: connections refused (docker stop)',
  ),
  targetDownFor: entry(
    'fault',
    'the HTTP target goes down for {duration}',
    'the HTTP target goes down for 10 seconds',
    'down, then back after D (the step lasts D)',
  ),
  targetBack: entry('fault', 'the HTTP target comes back', 'the HTTP target comes back', 'listening again'),
  targetStatus: entry('fault', 'the HTTP target answers {status}', 'the HTTP target answers 503', 'every request gets that status'),
  targetStatusFor: entry(
    'fault',
    'the HTTP target answers {status} for {duration}',
    'the HTTP target answers 503 for 10 seconds',
    'for D, then normal again',
  ),
  targetStatusShare: entry(
    'fault',
    'the HTTP target answers {status} for {percentage} of requests',
    'the HTTP target answers 429 for 30% of requests',
    'a deterministic share of requests gets that status',
  ),
  targetStatusShareFor: entry(
    'fault',
    'the HTTP target answers {status} for {percentage} of requests for {duration}',
    'the HTTP target answers 429 for 30% of requests for 10 seconds',
    'the same, for D',
  ),
  targetSlow: entry('fault', 'the HTTP target answers after {duration}', 'the HTTP target answers after 2 seconds', 'every answer delayed'),
  targetSlowFor: entry(
    'fault',
    'the HTTP target answers after {duration} for {duration}',
    'the HTTP target answers after 2 seconds for 10 seconds',
    'slow answers for D',
  ),
  targetDropsFor: entry(
    'fault',
    'the HTTP target drops connections for {duration}',
    'the HTTP target drops connections for 5 seconds',
    'requests read, connections closed unanswered',
  ),
  targetNormal: entry(
    'fault',
    'the HTTP target answers normally again',
    'the HTTP target answers normally again',
    'ends a status, slow or drop fault',
  ),

  // Faults: brokers
  brokerIsolated: entry(
    'fault',
    '{broker} is isolated',
    'broker 2 is isolated',
    'every proxy to and from it cut: fenced, leadership moves',
  ),
  brokerIsolatedFor: entry(
    'fault',
    '{broker} is isolated for {duration}',
    'broker 2 is isolated for 15 seconds',
    'isolated for D, then rejoins',
  ),
  brokerRejoins: entry('fault', '{broker} rejoins', 'broker 2 rejoins', 'its proxies restored; waits until it is registered again'),
  leaderIsolated: entry(
    'fault',
    'the leader of partition {int} of {string} is isolated',
    'the leader of partition 0 of "orders" is isolated',
    'whichever broker leads it now',
    (p: number) => partitionNumber(p),
  ),
  leaderIsolatedFor: entry(
    'fault',
    'the leader of partition {int} of {string} is isolated for {duration}',
    'the leader of partition 0 of "orders" is isolated for 15 seconds',
    'the same, then it rejoins',
    (p: number) => partitionNumber(p),
  ),
  otherLeaderIsolatedFor: entry(
    'fault',
    'a leader of {string} other than the group coordinator is isolated for {duration}',
    'a leader of "orders" other than the group coordinator is isolated for 15 seconds',
    'a partition leader failover that leaves the group coordinator alone',
  ),
  coordinatorIsolatedFor: entry(
    'fault',
    'the group coordinator is isolated for {duration}',
    'the group coordinator is isolated for 15 seconds',
    "the broker holding the SUT group's offsets (leader of its __consumer_offsets partition)",
  ),
  brokerKilled: entry('fault', '{broker} is killed', 'broker 2 is killed', 'kill -9: no controlled shutdown'),
  leaderKilled: entry(
    'fault',
    'the leader of partition {int} of {string} is killed',
    'the leader of partition 0 of "orders" is killed',
    'kill -9 of whichever broker leads it',
    (p: number) => partitionNumber(p),
  ),
  otherLeaderKilled: entry(
    'fault',
    'a leader of {string} other than the group coordinator is killed',
    'a leader of "orders" other than the group coordinator is killed',
    'kill -9 of a partition leader that is not the coordinator',
  ),
  coordinatorKilled: entry(
    'fault',
    'the group coordinator is killed',
    'the group coordinator is killed',
    'kill -9 of the broker coordinating the SUT group',
  ),
  brokerRestarted: entry(
    'fault',
    '{broker} is restarted',
    'broker 2 is restarted',
    'started again (stopped first if running); waits until registered',
  ),
  stoppedBrokersRestarted: entry(
    'fault',
    'every stopped broker is restarted',
    'every stopped broker is restarted',
    'starts each killed broker; waits until registered',
  ),
  brokerPaused: entry('fault', '{broker} is paused', 'broker 2 is paused', 'SIGSTOP: connections held, nothing answered'),
  brokerPausedFor: entry('fault', '{broker} is paused for {duration}', 'broker 2 is paused for 10 seconds', 'paused for D, then resumed'),
  brokerResumed: entry('fault', '{broker} is resumed', 'broker 2 is resumed', 'SIGCONT'),

  // Faults: the system under test
  sutCrashes: entry('fault', 'SUT instance {int} crashes', 'SUT instance 1 crashes', 'kill -9 of that instance', (i: number) =>
    instances(i),
  ),
  sutInstanceRestarted: entry(
    'fault',
    'SUT instance {int} is restarted',
    'SUT instance 1 is restarted',
    'started again (stopped first if running)',
    (i: number) => instances(i),
  ),
  sutRestarted: entry('fault', 'the system under test is restarted', 'the system under test is restarted', 'every instance started again'),
  forwarderRestarted: entry(
    'fault',
    'the forwarder is restarted',
    'the forwarder is restarted',
    "the same, in the forwarder scenarios' words",
  ),
  sutScales: entry(
    'fault',
    'the system under test scales to {int} instance(s)',
    'the system under test scales to 3 instances',
    'starts or stops instances: a forced rebalance',
    (n: number) => requireInRange(n, 'instances', 0, 20),
  ),

  // Faults: links (Toxiproxy)
  linkCut: entry('fault', '{link} is cut', 'the link between the SUT and broker 2 is cut', 'the proxies of that link disabled'),
  linkCutFor: entry('fault', '{link} is cut for {duration}', 'the link between broker 1 and broker 2 is cut for 10 seconds', 'cut for D'),
  linkLatency: entry(
    'fault',
    '{link} has a latency of {duration}',
    'the link between the SUT and broker 2 has a latency of 500 ms',
    'a latency toxic: every answer on it delayed by D',
  ),
  linkLatencyFor: entry(
    'fault',
    '{link} has a latency of {duration} for {duration}',
    'the link between the SUT and broker 2 has a latency of 500 ms for 10 seconds',
    'latency for D',
  ),
  linkBandwidth: entry(
    'fault',
    '{link} is limited to {int} KB\\/s',
    'the link between the SUT and broker 2 is limited to 64 KB/s',
    'a bandwidth toxic, both directions',
    (_l: unknown, r: number) => kbPerSecond(r),
  ),
  linkBandwidthFor: entry(
    'fault',
    '{link} is limited to {int} KB\\/s for {duration}',
    'the link between the SUT and broker 2 is limited to 64 KB/s for 10 seconds',
    'bandwidth limit for D',
    (_l: unknown, r: number) => kbPerSecond(r),
  ),
  linkReset: entry(
    'fault',
    'connections on {link} are reset',
    'connections on the link between the SUT and broker 2 are reset',
    'a reset_peer toxic: every connection reset',
  ),
  linkResetFor: entry(
    'fault',
    'connections on {link} are reset for {duration}',
    'connections on the link between the SUT and broker 2 are reset for 10 seconds',
    'resets for D',
  ),
  linkTimeout: entry(
    'fault',
    'connections on {link} time out',
    'connections on the link between the SUT and broker 2 time out',
    'a timeout toxic: data stops, connections hang',
  ),
  linkTimeoutFor: entry(
    'fault',
    'connections on {link} time out for {duration}',
    'connections on the link between the SUT and broker 2 time out for 10 seconds',
    'timeouts for D',
  ),
  networkHealed: entry(
    'fault',
    'the network is healed',
    'the network is healed',
    'every proxy enabled, every toxic removed; waits for all brokers',
  ),

  // Waits
  pass: entry('wait', '{duration} pass(es)', '10 seconds pass', 'waits (showing progress)'),
  deliveredWithin: entry(
    'wait',
    'within {duration} every produced message is delivered',
    'within 60 seconds every produced message is delivered',
    'the final drain: stops production, waits for a 2xx for every acked message (else: Message loss)',
  ),
  lagZeroWithin: entry(
    'wait',
    "the group's lag drops to 0 within {duration}",
    "the group's lag drops to 0 within 30 seconds",
    'committed offsets reach the log end (a drain of the commits)',
  ),
  stoppedWithin: entry(
    'wait',
    'within {duration} the system under test has stopped',
    'within 30 seconds the system under test has stopped',
    'every instance exited, or none makes progress while messages wait',
  ),
  forwarderStoppedWithin: entry(
    'wait',
    'within {duration} the forwarder has stopped',
    'within 30 seconds the forwarder has stopped',
    "the same, in the forwarder scenarios' words",
  ),
  sutStopped: entry('wait', 'the system under test has stopped', 'the system under test has stopped', 'the same, within 30 seconds'),
  forwarderStopped: entry('wait', 'the forwarder has stopped', 'the forwarder has stopped', 'the same, within 30 seconds'),

  // Assertions (all through the checker's verdict)
  noLoss: entry('assertion', 'no message is lost', 'no message is lost', 'checks lost and broker-side-loss'),
  duplicatesAtMost: entry(
    'assertion',
    'at most {int} message(s) is/are delivered more than once',
    'at most 5 messages are delivered more than once',
    'check duplicates, bound N extra deliveries',
    (n: number) => requireInRange(n, 'duplicates', 0, 1_000_000),
  ),
  duplicatesShare: entry(
    'assertion',
    'at most {percentage} of messages are delivered more than once',
    'at most 2% of messages are delivered more than once',
    'check duplicates, bound a share of the logged messages',
  ),
  noDuplicates: entry(
    'assertion',
    'no message is delivered more than once',
    'no message is delivered more than once',
    'check duplicates, bound 0',
  ),
  noUnsafeCommit: entry(
    'assertion',
    'no offset is committed before its message is delivered',
    'no offset is committed before its message is delivered',
    'check unsafe-commit',
  ),
  noCommitDuringOutage: entry(
    'assertion',
    'no offset is committed while the HTTP target is down',
    'no offset is committed while the HTTP target is down',
    'check commit-during-outage (needs a target outage in the scenario)',
  ),
  inOrder: entry(
    'assertion',
    'messages of each partition are delivered in order',
    'messages of each partition are delivered in order',
    'check order',
  ),
  noRegression: entry(
    'assertion',
    'committed offsets never go backwards',
    'committed offsets never go backwards',
    'check commit-regression',
  ),
  intact: entry(
    'assertion',
    'every delivery carries a produced message unchanged',
    'every delivery carries a produced message unchanged',
    'check phantom-corrupt',
  ),
  committedToEnd: entry(
    'assertion',
    'the group has committed up to the log end of every partition',
    'the group has committed up to the log end of every partition',
    'check recovery: final committed offsets equal the log end',
  ),
  waiting: entry(
    'assertion',
    '{count} message(s) is/are waiting in {string} to be consumed',
    '1 message is waiting in "sdc-test-1" to be consumed',
    'in the log, undelivered, and not committed past (the lag the recovery check measures)',
  ),
  allHold: entry('assertion', 'every reliability check holds', 'every reliability check holds', 'the whole verdict'),
} satisfies Record<string, CatalogueEntry>;

export type StepId = keyof typeof STEPS;

export const KIND_ORDER: readonly StepKind[] = ['environment', 'traffic', 'fault', 'wait', 'assertion'];

/** The catalogue in print order: by kind, then as listed. */
export function catalogueEntries(): Array<CatalogueEntry & { id: StepId }> {
  const all = (Object.entries(STEPS) as Array<[StepId, CatalogueEntry]>).map(([id, e]) => ({ ...e, id }));
  return KIND_ORDER.flatMap((kind) => all.filter((e) => e.kind === kind));
}

/** `kafka-chaos steps`: every pattern with its example, grouped by kind. */
export function formatCatalogue(): string {
  const lines: string[] = [];
  for (const kind of KIND_ORDER) {
    lines.push(`${kind}:`);
    for (const e of catalogueEntries().filter((x) => x.kind === kind)) {
      lines.push(`  ${e.pattern}`, `      e.g. ${e.example}`, `      ${e.summary}`);
    }
  }
  return lines.join('\n');
}

/** The docs/steps.md table: | step | example | what it does |. */
export function catalogueMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\\\//g, '/');
  const rows = catalogueEntries().map((e) => `| ${e.kind} | \`${cell(e.pattern)}\` | \`${cell(e.example)}\` | ${cell(e.summary)} |`);
  return ['| kind | step | example | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
