// The cluster's network as Toxiproxy sees it: one proxy per path (see topology-plan.ts), and
// the cuts the nemesis makes with them. What each cut severs:
//
//   cutClients(b)      harness-b<b> and sut-b<b>: no client can open or keep a connection to
//                      broker b. Replication and the quorum are untouched, so b stays in the
//                      ISR and keeps leading its partitions — which clients then cannot reach.
//   cutClients(b, ['sut'])  the same for the SUT's connections only; the harness still sees b.
//   cutLink(a, b)      replication and controller traffic between a and b, both directions.
//   isolate(b)         every proxy that carries a byte to or from b: client access, b's
//                      fetches from leaders, peers' fetches from b, b's heartbeats to the active
//                      controller and the quorum's traffic with b. b is fenced after
//                      broker.session.timeout.ms and leadership moves to the ISR's others.
//   cutPeers(b)        every proxy between b and the other nodes (replication both ways, the
//                      controller and quorum traffic), its clients' proxies kept: clients still
//                      reach b, which cannot learn it was fenced — a leader that goes on
//                      acknowledging acks=1 writes its followers never get.
//   heal()             every proxy enabled, every toxic removed.
//
// Disabling a Toxiproxy proxy closes its open connections and refuses new ones, so each cut is
// a real TCP failure as the clients see it.

import { Toxiproxy, type ICreateToxicBody } from 'toxiproxy-node-client';
import { EnvironmentError } from '../util/errors.js';
import type { ClientKind, ProxyPlan, TopologyPlan } from './topology-plan.js';

export class LinkNetwork {
  private readonly client: Toxiproxy;
  readonly proxies: readonly ProxyPlan[];

  private constructor(apiUrl: string, proxies: readonly ProxyPlan[]) {
    this.client = new Toxiproxy(apiUrl);
    this.proxies = proxies;
  }

  /** Creates every proxy of the plan on the Toxiproxy server at `apiUrl` (it holds the run's secret: never shown). */
  static async create(apiUrl: string, plan: TopologyPlan): Promise<LinkNetwork> {
    const network = new LinkNetwork(apiUrl, plan.proxies);
    const at = (e: { host: string; port: number }) => `${e.host}:${e.port}`;
    try {
      await network.client.populate(
        plan.proxies.map((p) => ({ name: p.name, listen: at(p.listen), upstream: at(p.upstream), enabled: true })),
      );
    } catch (error) {
      throw new EnvironmentError(`could not create the ${plan.proxies.length} Toxiproxy proxies at ${new URL(apiUrl).host}`, {
        cause: error,
        fix: 'see the toxiproxy log in the run directory (a listen port may be taken)',
      });
    }
    return network;
  }

  /** The proxies that carry traffic to or from broker `id`. */
  touching(id: number): ProxyPlan[] {
    return this.proxies.filter((p) => p.to === id || p.from === id);
  }

  async cutClients(id: number, kinds: readonly ClientKind[] = ['harness', 'sut']): Promise<string[]> {
    const names = this.proxies.filter((p) => p.to === id && (kinds as readonly string[]).includes(p.kind)).map((p) => p.name);
    await this.setEnabled(names, false);
    return names;
  }

  /**
   * The proxies of one link: between two brokers, every proxy either way (controller and
   * replication traffic); from a kind of client to a broker, that client's proxies to it.
   */
  proxiesOf(from: ClientKind | number, to: number): string[] {
    return this.proxies
      .filter((p) =>
        typeof from === 'number' ? (p.from === from && p.to === to) || (p.from === to && p.to === from) : p.kind === from && p.to === to,
      )
      .map((p) => p.name);
  }

  /** Disables the proxies of one link; returns their names (what restore() takes to heal it). */
  async cutLink(from: ClientKind | number, to: number): Promise<string[]> {
    const names = this.proxiesOf(from, to);
    await this.setEnabled(names, false);
    return names;
  }

  async cutPeers(id: number): Promise<string[]> {
    const names = this.touching(id)
      .filter((p) => p.kind !== 'harness' && p.kind !== 'sut')
      .map((p) => p.name);
    await this.setEnabled(names, false);
    return names;
  }

  async isolate(id: number): Promise<string[]> {
    const names = this.touching(id).map((p) => p.name);
    await this.setEnabled(names, false);
    return names;
  }

  /** Re-enables the named proxies (the heal of one cut). */
  async restore(names: readonly string[]): Promise<void> {
    await this.setEnabled(names, true);
  }

  /** Every proxy enabled and every toxic gone. */
  async heal(): Promise<void> {
    await this.client.reset();
  }

  async addToxic<T>(proxyName: string, toxic: ICreateToxicBody<T>): Promise<void> {
    const proxy = await this.client.get(proxyName);
    await proxy.addToxic(toxic);
  }

  /** Removes one toxic by name (the heal of one toxic fault; heal() removes them all). */
  async removeToxic(proxyName: string, toxicName: string): Promise<void> {
    const proxy = await this.client.get(proxyName);
    const toxic = await proxy.getToxic(toxicName);
    await toxic.remove();
  }

  /** proxy name → enabled, as the server reports it now. */
  async enabledState(): Promise<Record<string, boolean>> {
    const all = await this.client.getAll();
    return Object.fromEntries(Object.entries(all).map(([name, p]) => [name, p.enabled]));
  }

  /** proxy name → enabled and its toxics' names, as the server reports them now. */
  async snapshot(): Promise<Record<string, { enabled: boolean; toxics: string[] }>> {
    const { data } = (await this.client.getApi().get(`${this.client.host}/proxies`)) as {
      data: Record<string, { enabled: boolean; toxics: { name: string }[] }>;
    };
    return Object.fromEntries(Object.entries(data).map(([name, p]) => [name, { enabled: p.enabled, toxics: p.toxics.map((t) => t.name) }]));
  }

  async setEnabled(names: readonly string[], enabled: boolean): Promise<void> {
    const byName = new Map(this.proxies.map((p) => [p.name, p]));
    await Promise.all(
      names.map(async (name) => {
        const plan = byName.get(name);
        if (!plan) throw new EnvironmentError(`unknown proxy ${name}`);
        const proxy = await this.client.get(name);
        await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
      }),
    );
  }
}
