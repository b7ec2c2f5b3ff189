// The records of a run directory's ledgers: the evidence model of DESIGN.md. The checker reads
// only these; it never asks Kafka, Docker or the SUT anything.
//
//   produced.jsonl   ProducedRecord   every send the harness made, with its outcome
//   log.jsonl        LogRecord        the read-back: what each topic really holds at the end
//   delivered.jsonl  DeliveryRecord   every request the target saw (src/target writes it)
//   commits.jsonl    CommitRecord     the group's commits, decoded from __consumer_offsets
//   group.jsonl      GroupRecord      the group's own history there: generations, members, assignments
//   offsets.json     FinalOffsets     committed and log-end offsets at the end
//   faults.jsonl     FaultRecord      each fault's inject and heal
//   events.jsonl     EventRecord      SUT starts/stops/crashes, scenario steps, drain start/end

/**
 * ok: acked with a partition and offset. failed: a definite refusal, never written.
 * indeterminate: a timeout or disconnect — it may or may not be in the log (Jepsen's :info);
 * neither lost nor safe unless the read-back finds it.
 */
export type SendOutcome = 'ok' | 'failed' | 'indeterminate';

export interface ProducedRecord {
  id: string;
  topic: string;
  key: string | null;
  checksum: string;
  /** Epoch ms. */
  sentAt: number;
  /** Epoch ms of the ack or the error. */
  endedAt: number;
  outcome: SendOutcome;
  partition: number | null;
  offset: number | null;
  error?: string;
}

export interface LogRecord {
  /** null when the record carries no chaos-id header (not the harness's). */
  id: string | null;
  topic: string;
  partition: number;
  offset: number;
  checksum: string;
}

/** What the target saw of a request, whatever it then did with it. */
export interface RequestSeen {
  /** The message id, or null when the request carried none. */
  id: string | null;
  /** Epoch ms when the request reached the listener. */
  receivedAt: number;
  /** checksum() of the body as received, to compare with the producer's. */
  checksum: string;
  bytes: number;
  method: string;
  path: string;
  sutInstance: string | null;
}

/**
 * 'dropped': the connection closed without an answer — on purpose (the drop behaviour) or because
 * it was lost first (the target went down, the client gave up during a delay).
 */
export type DeliveryRecord = RequestSeen &
  ({ outcome: 'answered'; status: number; answeredAt: number } | { outcome: 'dropped'; status: null; answeredAt: null });

export interface CommitRecord {
  group: string;
  topic: string;
  partition: number;
  /** The committed offset: the next offset the group will consume. */
  offset: number;
  leaderEpoch: number | null;
  metadata: string;
  /** Epoch ms, as the broker stamped it. */
  commitTimestamp: number;
  expireTimestamp: number | null;
}

/** A topic's partitions in an assignment. */
export interface AssignedPartitions {
  /** null when a consumer-protocol record names a topic id the harness could not resolve. */
  topic: string | null;
  /** Kafka's topic id (consumer protocol only). */
  topicId?: string;
  partitions: number[];
}

/** A member of a classic group as one GroupMetadata record stored it. */
export interface GroupMemberRecord {
  memberId: string;
  /** group.instance.id of a static member; null for a dynamic one. */
  instanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number | null;
  assignment: AssignedPartitions[];
}

/**
 * One record of the group's own history in __consumer_offsets, with the broker's timestamp `at`:
 *   classic-generation   a classic group's state as stored (each completed rebalance, static
 *                        member replaced, group emptied): generation, assignor, members
 *   classic-deleted      the classic group's tombstone
 *   consumer-epoch       the group epoch of a consumer-protocol group (KIP-848)
 *   consumer-assignment  a member's current assignment and epoch in that group
 *   consumer-left        a member's assignment tombstone: it left or was fenced
 */
export type GroupRecord = { at: number; group: string } & (
  | {
      kind: 'classic-generation';
      generation: number;
      protocolType: string;
      assignor: string | null;
      leader: string | null;
      members: GroupMemberRecord[];
    }
  | { kind: 'classic-deleted' }
  | { kind: 'consumer-epoch'; epoch: number }
  | {
      kind: 'consumer-assignment';
      memberId: string;
      memberEpoch: number;
      previousMemberEpoch: number;
      assigned: AssignedPartitions[];
      pendingRevocation: AssignedPartitions[];
    }
  | { kind: 'consumer-left'; memberId: string }
);

export interface FinalOffsets {
  group: string;
  /** topic → partition → offset (-1: none committed). */
  committed: Record<string, Record<string, number>>;
  /** topic → partition → log-end offset. */
  logEnd: Record<string, Record<string, number>>;
  /** Epoch ms when these were read. */
  readAt: number;
}

export interface FaultRecord {
  /**
   * Names one fault: its injection is written at once (healedAt null) and its heal appended
   * later under the same id, so a runner killed mid-fault still leaves the fault on disk.
   * Readers keep the last record of each id.
   */
  id: string;
  /** e.g. "target-down", "isolate-broker". */
  fault: string;
  /** What it acted on, e.g. "broker-2", "target". */
  subject: string;
  params: Record<string, unknown>;
  injectedAt: number;
  healedAt: number | null;
}

export interface EventRecord {
  at: number;
  /** e.g. "sut-start", "sut-stop", "sut-kill", "sut-exit", "drain-start", "drain-end". */
  kind: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

// How each ledger read (ledger-status.ts works these out): present, missing or corrupt.
export type LedgerState = 'present' | 'missing' | 'corrupt';

/** A last line cut short by a crash mid-write: dropped, the rest of the ledger judged. */
export interface TornLine {
  /** 1-based line number in the file. */
  line: number;
  /** The message (or fault) id recovered from the fragment; null when it was cut before the id. */
  id: string | null;
  /** A delivery fragment that shows it was not a 2xx (a 5xx status, a dropped request): nothing to excuse. */
  notSuccess: boolean;
}

export interface LedgerStatus {
  state: LedgerState;
  /** The file name inside the run directory, e.g. "delivered.jsonl". */
  file: string;
  /** For missing or corrupt: one line naming the file (and line) and why. */
  problem?: string;
  /** Records read (after dropping a torn last line). */
  records: number;
  torn?: TornLine;
}

export type LedgerEvidence = Record<LedgerName, LedgerStatus>;

/**
 * Every ledger of a run, in memory, as records: hand-built (tests) or assembled by a caller.
 * readLedgers gives the large four as columns instead (columns/column-ledgers.ts); the checker
 * takes either.
 */
export interface Ledgers {
  produced: ProducedRecord[];
  log: LogRecord[];
  delivered: DeliveryRecord[];
  commits: CommitRecord[];
  /** The group's own records; absent in runs made before group.jsonl existed (and in hand-built ledgers). */
  group?: GroupRecord[];
  offsets: FinalOffsets | null;
  faults: FaultRecord[];
  events: EventRecord[];
  /**
   * How each ledger read (present / missing / corrupt, and any torn last line dropped). Absent —
   * hand-built or in-memory ledgers — means every ledger was present and whole.
   */
  evidence?: LedgerEvidence;
}

export const LEDGER_FILES = {
  produced: 'produced.jsonl',
  log: 'log.jsonl',
  delivered: 'delivered.jsonl',
  commits: 'commits.jsonl',
  group: 'group.jsonl',
  offsets: 'offsets.json',
  faults: 'faults.jsonl',
  events: 'events.jsonl',
} as const;

/** A ledger's name: a key of LEDGER_FILES ("produced", "offsets", …). */
export type LedgerName = keyof typeof LEDGER_FILES;

export const LEDGER_NAMES = Object.keys(LEDGER_FILES) as LedgerName[];

/**
 * What a scenario folder holds once its evidence is collected: every ledger, faults and events
 * included (they may be empty, but a missing one is missing evidence). The scenario layer writes
 * this list into run.json as `expectedLedgers`.
 */
export const EXPECTED_SCENARIO_LEDGERS: readonly LedgerName[] = LEDGER_NAMES;

/**
 * What a run directory needs when its run.json does not say (an old run, or one made by hand):
 * the evidence every check rests on. A run without faults or events may simply have had none.
 */
export const DEFAULT_EXPECTED_LEDGERS: readonly LedgerName[] = ['produced', 'log', 'delivered', 'commits', 'offsets'];

/** The fault name of an HTTP target outage: the window in which no offset may advance. */
export const TARGET_DOWN_FAULT = 'target-down';

/** A fault's `role` in faults.jsonl when it acts on the broker coordinating the SUT's group. */
export const GROUP_COORDINATOR_ROLE = 'group-coordinator';
