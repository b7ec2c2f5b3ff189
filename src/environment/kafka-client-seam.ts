// The Kafka clients the harness itself uses — its admin, its producer, its read-back — as narrow,
// library-neutral interfaces: plain numbers, strings and Buffers, no client library's types. Only
// an adapter (kafkajs-clients.ts today) knows which library is behind them, so the harness could
// move to another one (e.g. @confluentinc/kafka-javascript) by writing a second adapter. The SUT's
// clients are the SUT's business and are not modelled here.
//
// Offsets are numbers: the harness's logs stay far below 2^53.

/** Factories for one client id's clients, all through the harness proxies, logging to the run directory. */
export interface KafkaClients {
  admin(): AdminClient;
  /** A producer with the harness producer's contract (HarnessProducerClient). */
  producer(options?: { acks?: Acks }): HarnessProducerClient;
  /** A reader that reads a topic from its start and never commits. */
  reader(): TopicReader;
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
}

/** One partition as the cluster's metadata describes it; broker ids, leader -1 when it has none. */
export interface PartitionState {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicMetadata {
  name: string;
  partitions: PartitionState[];
}

export interface NewTopic {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** Topic configs, e.g. min.insync.replicas. */
  config: Record<string, string>;
}

export interface PartitionOffsets {
  partition: number;
  /** The first offset still in the log. */
  low: number;
  /** The log-end offset (the high watermark). */
  high: number;
}

/** One member of a classic group, as DescribeGroups shows it; `assignment` null until SyncGroup gave it one. */
export interface GroupMemberState {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** Topic → partitions (protocol type "consumer"); null when empty or not a consumer-protocol assignment. */
  assignment: Record<string, number[]> | null;
}

/**
 * A group as its coordinator describes it (DescribeGroups). A group on the KIP-848 consumer
 * protocol is not a classic group: DescribeGroups shows it as Dead with no members, so
 * `listedAs` (ListGroups' protocol type, undefined when the group is not listed) tells an
 * existing such group from one nobody joined yet.
 */
export interface GroupState {
  /** Empty, PreparingRebalance, CompletingRebalance, Stable, Dead. */
  state: string;
  protocolType: string;
  members: GroupMemberState[];
  listedAs: string | undefined;
}

export interface AdminClient {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** The brokers the metadata of the broker asked lists now (registered and unfenced). */
  brokers(): Promise<BrokerInfo[]>;
  listTopics(): Promise<string[]>;
  /**
   * Asks the controller to create a topic, and does not wait for leaders: the caller waits for
   * what it needs (kafka-clients.ts, createTopic). A topic that already exists is not an error.
   */
  createTopic(topic: NewTopic): Promise<void>;
  deleteTopics(topics: readonly string[], timeoutMs: number): Promise<void>;
  /** The partitions of `topics` (every topic of the cluster, internal ones included, when unset). */
  topicMetadata(topics?: readonly string[]): Promise<TopicMetadata[]>;
  /** Per partition of `topic`, from each partition's leader (ListOffsets). */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Per partition of `topic`, the group's committed offset (-1 when none), from the group coordinator. */
  groupOffsets(groupId: string, topic: string): Promise<Array<{ partition: number; offset: number }>>;
  deleteGroups(groupIds: readonly string[]): Promise<void>;
  /** The group's state and members, from its coordinator. */
  describeGroup(groupId: string): Promise<GroupState>;
  /** Adds partitions to `topic` until it has `count` (Kafka never removes any). */
  addPartitions(topic: string, count: number): Promise<void>;
}

/** A message as the harness puts it on the wire. */
export interface OutgoingMessage {
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Why a send did not succeed, as far as the client could tell. `brokerError` is the Kafka
 * protocol's error name (NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER, …) when a broker answered
 * with an error, looked up through whatever wrappers the library adds; unset when no broker
 * answer is known (a timeout, a dropped connection, a client-side failure).
 */
export interface SendFailure {
  message: string;
  brokerError?: string;
}

export type SendResult = { ok: true; baseOffset: number } | { ok: false; failure: SendFailure };

/**
 * How many replicas must have a write before it is acknowledged: `all` (acks=all, the default:
 * every in-sync replica) or `leader` (acks=1: the leader alone — what producer-durability
 * scenarios set to show the writes a leader cut off from its followers acknowledges and loses).
 */
export type Acks = 'all' | 'leader';

/**
 * The harness producer's client. Its contract, which every adapter must honour: acks as asked (all by default); each
 * send() is exactly one attempt — no client retries, which would turn a failed attempt into a
 * hidden duplicate; one request in flight per connection; no topic auto-creation. send() never
 * rejects for a failed send: it resolves with the failure, so every message gets an outcome.
 */
export interface HarnessProducerClient {
  connect(): Promise<void>;
  /** Sends `messages` to one partition in one request; on success, the offset of the first. */
  send(topic: string, partition: number, messages: readonly OutgoingMessage[]): Promise<SendResult>;
  disconnect(): Promise<void>;
}

/** A record as read from a topic. */
export interface ReadRecord {
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Header values by name; the values of a name that repeats, joined by ',' (as the read-back always saw them). */
  headers: Record<string, Buffer>;
  /** The record's timestamp, epoch ms. */
  timestamp: number;
}

export interface ReadHandlers {
  /** Each record, in log order per partition; `partition` is then read up to its offset + 1. Must not throw. */
  onRecord(partition: number, record: ReadRecord): void;
  /**
   * The reader has read `partition` up to `nextOffset`, also past offsets it never hands over
   * (transaction markers, aborted records): without this a log ending in a marker would never
   * look read to its end. Must not throw.
   */
  onReadUpTo(partition: number, nextOffset: number): void;
}

/**
 * Reads every partition of a topic from its earliest offset until stop(), without committing
 * and without joining the group of anyone else. The caller decides when it has read enough
 * (read-topic-to-end.ts).
 */
export interface TopicReader {
  /** Resolves once reading has begun; records then arrive through `handlers`. */
  start(topic: string, handlers: ReadHandlers): Promise<void>;
  /** Stops reading and leaves nothing behind on the cluster (no group, no commits). */
  stop(): Promise<void>;
}
