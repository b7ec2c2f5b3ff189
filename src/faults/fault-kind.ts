// What a fault is, as a unit (Jepsen's nemesis package): a kind with a name for faults.jsonl, a
// layer it acts on, a typed subject derived from its parameters, and an inject that returns its
// own heal. Kinds are defined one family per file (steps/faults/) and registered by defineFault,
// so the scenario session, the heal-all path and a later random schedule enumerate one registry
// and never match fault names by prefix.

import type { AdminClient } from '../environment/kafka-client-seam.js';
import type { StartedEnvironment, SutFleet } from '../environment/runtime.js';
import { ConfigError } from '../util/errors.js';

/**
 * Where a fault acts: the HTTP target, a broker's process, the network between nodes (Toxiproxy),
 * the system under test. While a broker or network fault acts, a refused send is expected.
 */
export type FaultLayer = 'target' | 'broker' | 'network' | 'sut';

/** One end of a link: the SUT's or the harness's clients, or a broker. */
export type LinkEnd = 'sut' | 'harness' | number;

/** What one fault acts on. */
export type FaultSubject =
  | { on: 'target' }
  | { on: 'cluster' }
  | { on: 'topic'; topic: string }
  | { on: 'broker'; broker: number }
  | { on: 'link'; from: LinkEnd; to: number }
  | { on: 'sut' }
  | { on: 'sut-instance'; instance: number };

/** The subject as faults.jsonl names it: "target", "broker-2", "sut-broker-2", "broker-1-broker-3", "sut-instance-1", "topic-orders-s01ab". */
export function subjectLabel(subject: FaultSubject): string {
  switch (subject.on) {
    case 'broker':
      return `broker-${subject.broker}`;
    case 'link':
      return `${typeof subject.from === 'number' ? `broker-${subject.from}` : subject.from}-broker-${subject.to}`;
    case 'sut-instance':
      return `sut-instance-${subject.instance}`;
    case 'topic':
      return `topic-${subject.topic}`;
    default:
      return subject.on;
  }
}

/** Whether a subject involves broker `id` (the broker itself, or either end of a link). */
export function touchesBroker(subject: FaultSubject, id: number): boolean {
  if (subject.on === 'broker') return subject.broker === id;
  if (subject.on === 'link') return subject.to === id || subject.from === id;
  return false;
}

/** What a fault may act through: the environment's runtime-neutral handles. */
export interface FaultContext {
  readonly env: StartedEnvironment;
  /** The harness's admin client (through the harness proxies). */
  readonly admin: AdminClient;
  /** The system under test; throws a ConfigError when the scenario started none. */
  sut(): SutFleet;
}

/** What an inject did: how to undo it (none: it acted and is over), and details for the ledger. */
export interface Injected {
  /** Its result, if any, is ignored. */
  heal?: () => Promise<unknown>;
  /** Recorded in faults.jsonl beside the parameters (e.g. the proxies a cut disabled). */
  details?: Record<string, unknown>;
}

export interface FaultKind<Params extends object = object> {
  /** Its name in faults.jsonl, the timeline and the report, e.g. "isolate-broker". */
  readonly name: string;
  readonly layer: FaultLayer;
  /** One line for `kafka-chaos steps`-like listings and CONTRIBUTING's table. */
  readonly summary: string;
  subject(params: Params): FaultSubject;
  /** Acts on the environment. Throws (a ConfigError for a bad subject) before acting when it cannot. */
  inject(ctx: FaultContext, params: Params): Promise<Injected>;
  /**
   * Parameters that act on a 3-broker cluster with one SUT instance: the registry test injects
   * every kind with them and heals it, and a random schedule may start from them.
   */
  example(ctx: FaultContext): Params | Promise<Params>;
}

/** A kind of any parameters: what the registry and the book hold, compared by identity. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kinds of every parameter type share one registry; each family's own calls stay typed
export type AnyFaultKind = FaultKind<any>;

/** A broker id the cluster has, or a ConfigError naming the ones it has. */
export function requireBroker(env: StartedEnvironment, id: number): number {
  if (!env.cluster.ids.includes(id)) {
    throw new ConfigError(`there is no broker ${id} in this cluster`, {
      fix: `use broker ${env.cluster.ids[0]} to broker ${env.cluster.ids[env.cluster.ids.length - 1]}`,
    });
  }
  return id;
}

/** How long a heal waits for a broker to be registered again. */
export const BROKER_WAIT_MS = 60_000;

/**
 * The shape of a network cut around one broker (isolate-broker, broker-peers-cut): `cut` disables
 * some proxies and returns their names; the heal restores exactly those and waits until the
 * broker is registered again. A family file adds its name, layer and summary.
 */
export function brokerCut(
  cut: (env: StartedEnvironment, broker: number) => Promise<string[]>,
): Pick<FaultKind<{ broker: number }>, 'subject' | 'inject' | 'example'> {
  return {
    subject: ({ broker }) => ({ on: 'broker', broker }),
    async inject({ env }, { broker }) {
      requireBroker(env, broker);
      const proxies = await cut(env, broker);
      return {
        details: { proxies },
        heal: async () => {
          await env.network.restore(proxies);
          await env.cluster.waitForBroker(broker, BROKER_WAIT_MS);
        },
      };
    },
    example: () => ({ broker: 2 }),
  };
}
