// The wiring of a cluster, as data: which listeners each node has, what it advertises, whom it
// asks for the controller quorum, and one Toxiproxy proxy for every path a byte can take.
//
// Each node listens on:
//   HARNESS      — the harness's producer/read-back/admin; advertised as proxy `harness-b<id>`
//   SUT          — the system under test;                  advertised as proxy `sut-b<id>`
//   CTL_FROM_k   — one controller listener per peer k, advertised as proxy `ctl-b<k>-b<i>`;
//                  node k names CTL_FROM_k first in controller.listener.names, so its raft
//                  fetches and broker heartbeats to controller i take that proxy. (Since KIP-853
//                  a raft leader hands followers its own advertised controller endpoints: with a
//                  single, unproxied controller listener a follower would bypass every cut.)
//   REPL_FROM_k  — one replication listener per peer k: node k sets
//                  inter.broker.listener.name=REPL_FROM_k, so its fetches to leader i travel
//                  through proxy `repl-b<k>-b<i>` and no other node's do.
// Kafka answers metadata with the addresses of the listener a request arrived on, so a harness
// client only ever learns harness proxies, and a SUT only SUT proxies: no direct address leaks,
// and the harness can keep observing while the SUT's links are cut.
// Every directed node-to-node path has its own proxy, so a cut can be one link, one direction,
// or a whole node (see link-network.ts for what each fault severs).

export type ClientKind = 'harness' | 'sut';
export type ProxyKind = ClientKind | 'controller' | 'replication';

export interface Endpoint {
  host: string;
  port: number;
}

export interface ProxyPlan {
  name: string;
  kind: ProxyKind;
  /** The node the traffic enters; for client proxies the only node involved. */
  to: number;
  /** The node the traffic leaves, for node-to-node proxies. */
  from?: number;
  listen: Endpoint;
  upstream: Endpoint;
}

export interface NodePlan {
  id: number;
  /** listener name → where the broker binds it. */
  listeners: Record<string, Endpoint>;
  /** listener name → the address written into metadata for it. */
  advertised: Record<string, Endpoint>;
  /** controller.quorum.voters as this node must see it. */
  voters: string;
  /** controller.listener.names: this node's own CTL_FROM listener first (the one it dials with). */
  controllerListeners: string[];
  interBrokerListener: string;
}

export interface TopologyPlan {
  nodes: NodePlan[];
  proxies: ProxyPlan[];
  /** Bootstrap addresses per client kind (through the proxies). */
  bootstrap: Record<ClientKind, string[]>;
  /** The SUT listener speaks TLS (the others never do; kafka-properties.ts). */
  sutTls: boolean;
}

/** Where things are reachable; differs between the process and the container runtime. */
export interface Addressing {
  /** Where broker `id` binds `listener`. */
  bind(id: number, listener: string): Endpoint;
  /** How Toxiproxy reaches broker `id`'s `listener`. */
  upstream(id: number, listener: string): Endpoint;
  /** Where Toxiproxy listens for proxy `name`. */
  proxyListen(name: string): Endpoint;
  /** The address of proxy `name` as its users must dial it (what the broker advertises). */
  proxyAdvertised(name: string, kind: ProxyKind): Endpoint;
  /** What broker `id` advertises for its own CTL_FROM/REPL_FROM listener (default: where it binds). */
  selfAdvertised?(id: number, listener: string): Endpoint;
}

export const CLIENT_LISTENERS: Record<ClientKind, string> = { harness: 'HARNESS', sut: 'SUT' };

export const replicationListener = (fromId: number): string => `REPL_FROM_${fromId}`;
export const controllerListener = (fromId: number): string => `CTL_FROM_${fromId}`;
export const clientProxyName = (kind: ClientKind, id: number): string => `${kind}-b${id}`;
export const linkProxyName = (kind: 'controller' | 'replication', from: number, to: number): string =>
  `${kind === 'controller' ? 'ctl' : 'repl'}-b${from}-b${to}`;

/** Every listener name a node of this cluster binds. */
export function listenerNames(ids: readonly number[]): string[] {
  return [CLIENT_LISTENERS.harness, CLIENT_LISTENERS.sut, ...ids.map(controllerListener), ...ids.map(replicationListener)];
}

/** Every proxy name of this cluster (for allocating their ports up front). */
export function proxyNames(ids: readonly number[]): string[] {
  const names: string[] = [];
  for (const to of ids) {
    names.push(clientProxyName('harness', to), clientProxyName('sut', to));
    for (const from of ids) {
      if (from === to) continue;
      names.push(linkProxyName('replication', from, to), linkProxyName('controller', from, to));
    }
  }
  return names;
}

const format = (e: Endpoint): string => `${e.host}:${e.port}`;

export function planTopology(ids: readonly number[], at: Addressing, options: { sutTls?: boolean } = {}): TopologyPlan {
  if (ids.length === 0) throw new Error('a cluster needs at least one broker');
  if (new Set(ids).size !== ids.length) throw new Error(`broker ids must be distinct: ${ids.join(', ')}`);
  const proxies: ProxyPlan[] = [];
  const proxy = (name: string, kind: ProxyKind, to: number, listener: string, from?: number): Endpoint => {
    proxies.push({ name, kind, to, from, listen: at.proxyListen(name), upstream: at.upstream(to, listener) });
    return at.proxyAdvertised(name, kind);
  };

  const nodes = ids.map((id): NodePlan => {
    const listeners: Record<string, Endpoint> = {};
    const advertised: Record<string, Endpoint> = {};
    for (const name of listenerNames(ids)) listeners[name] = at.bind(id, name);
    for (const kind of ['harness', 'sut'] as const) {
      advertised[CLIENT_LISTENERS[kind]] = proxy(clientProxyName(kind, id), kind, id, CLIENT_LISTENERS[kind]);
    }
    for (const from of ids) {
      // A node never talks to itself through a proxy; its own CTL_FROM/REPL_FROM listeners exist
      // because Kafka wants the listeners it dials with among its own.
      for (const [kind, listener] of [
        ['replication', replicationListener(from)],
        ['controller', controllerListener(from)],
      ] as const) {
        advertised[listener] =
          from === id
            ? (at.selfAdvertised?.(id, listener) ?? listeners[listener]!)
            : proxy(linkProxyName(kind, from, id), kind, id, listener, from);
      }
    }
    const controllerListeners = [controllerListener(id), ...ids.filter((other) => other !== id).map(controllerListener)];
    return { id, listeners, advertised, voters: '', controllerListeners, interBrokerListener: replicationListener(id) };
  });

  for (const node of nodes) {
    // Node i finds voter j at the address j advertises for CTL_FROM_i: the proxy ctl-b<i>-b<j>.
    node.voters = nodes.map((voter) => `${voter.id}@${format(voter.advertised[controllerListener(node.id)]!)}`).join(',');
  }

  const bootstrap = (kind: ClientKind) => nodes.map((node) => format(node.advertised[CLIENT_LISTENERS[kind]]!));
  return { nodes, proxies, bootstrap: { harness: bootstrap('harness'), sut: bootstrap('sut') }, sutTls: options.sutTls ?? false };
}
