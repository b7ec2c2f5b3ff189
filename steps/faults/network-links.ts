// One link between nodes, through its Toxiproxy proxies: cut (the proxies disabled), or given a
// toxic — latency, a bandwidth limit, connections reset, connections that time out. A link is
// the SUT's or the harness's clients to a broker, or two brokers (controller and replication
// traffic, both ways). "The network is healed" ends every network fault and resets Toxiproxy.

import type { ICreateToxicBody } from 'toxiproxy-node-client';
import { BROKER_WAIT_MS, requireBroker, type FaultKind, type LinkEnd } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import type { LinkSpec } from '../../src/scenario/parameters.js';
import { coordinatorOf, injectFault, ON_GROUP_COORDINATOR } from '../../src/scenario/scenario-faults.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { kbPerSecond } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

interface Link {
  from: LinkEnd;
  to: number;
}

function proxiesOf(env: StartedEnvironment, { from, to }: Link): string[] {
  requireBroker(env, to);
  if (typeof from === 'number') requireBroker(env, from);
  return env.network.proxiesOf(from, to);
}

export const cutLink = defineFault<Link>({
  name: 'link-cut',
  layer: 'network',
  summary: "a link's proxies disabled",
  subject: ({ from, to }) => ({ on: 'link', from, to }),
  async inject({ env }, link) {
    proxiesOf(env, link); // an unknown broker fails before anything is cut
    const proxies = await env.network.cutLink(link.from, link.to);
    return { details: { proxies }, heal: () => env.network.restore(proxies) };
  },
  example: () => ({ from: 'sut', to: 2 }),
});

type ToxicType = 'latency' | 'bandwidth' | 'reset_peer' | 'timeout';
let toxicCounter = 0;

/**
 * A toxic on every proxy of a link, on the streams it acts on: latency delays every answer (the
 * round trip grows by D); a bandwidth limit throttles both ways; resets and timeouts act as the
 * client sends. Toxiproxy's attribute names (latency, jitter, rate, timeout) stay in here.
 */
function toxic<Params extends object>(
  name: string,
  type: ToxicType,
  streams: Array<'upstream' | 'downstream'>,
  attributes: (params: Params) => Record<string, number>,
  summary: string,
  example: Params,
): FaultKind<Link & Params> {
  return defineFault<Link & Params>({
    name,
    layer: 'network',
    summary,
    subject: ({ from, to }) => ({ on: 'link', from, to }),
    async inject({ env }, params) {
      const placed = proxiesOf(env, params).flatMap((proxy) =>
        streams.map((stream) => ({ proxy, stream, name: `chaos-${type}-${stream}-${++toxicCounter}` })),
      );
      for (const t of placed) {
        const body = {
          name: t.name,
          type,
          stream: t.stream,
          toxicity: 1,
          attributes: attributes(params),
        } as unknown as ICreateToxicBody<unknown>;
        await env.network.addToxic(t.proxy, body);
      }
      return {
        details: { proxies: [...new Set(placed.map((t) => t.proxy))] },
        heal: async () => {
          for (const t of placed) await env.network.removeToxic(t.proxy, t.name);
        },
      };
    },
    example: () => ({ from: 'sut', to: 2, ...example }),
  });
}

export const linkLatency = toxic<{ latencyMs: number }>(
  'link-latency',
  'latency',
  ['downstream'],
  (p) => ({ latency: p.latencyMs, jitter: 0 }),
  'every answer on a link delayed',
  { latencyMs: 100 },
);
export const linkBandwidth = toxic<{ kbPerSecond: number }>(
  'link-bandwidth',
  'bandwidth',
  ['upstream', 'downstream'],
  (p) => ({ rate: p.kbPerSecond }),
  'a link throttled, both ways',
  { kbPerSecond: 64 },
);
export const linkReset = toxic<object>(
  'link-reset-peer',
  'reset_peer',
  ['upstream'],
  () => ({ timeout: 0 }),
  'every connection on a link reset',
  {},
);
export const linkTimeout = toxic<object>(
  'link-timeout',
  'timeout',
  ['upstream'],
  () => ({ timeout: 0 }),
  'data on a link stops, connections hang',
  {},
);

const ends = (link: LinkSpec) => ({ from: link.from, to: link.to });

defineStep(
  {
    id: 'linkCut',
    kind: 'fault',
    pattern: '{link} is cut',
    example: 'the link between the SUT and broker 2 is cut',
    summary: 'the proxies of that link disabled',
  },
  async function (link: LinkSpec) {
    await injectFault(this.session, cutLink, ends(link));
  },
);
defineStep(
  {
    id: 'linkCutFor',
    kind: 'fault',
    pattern: '{link} is cut for {duration}',
    example: 'the link between broker 1 and broker 2 is cut for 10 seconds',
    summary: 'cut for D',
  },
  async function (link: LinkSpec, ms: number) {
    await injectFault(this.session, cutLink, ends(link), ms);
  },
);
defineStep(
  {
    id: 'coordinatorLinkCutFor',
    kind: 'fault',
    pattern: 'the system under test is cut off from its group coordinator for {duration}',
    example: 'the system under test is cut off from its group coordinator for 15 seconds',
    summary: "only the SUT's link to the broker coordinating its group: heartbeats and commits fail, fetches from other leaders go on",
  },
  async function (ms: number) {
    await injectFault(this.session, cutLink, { from: 'sut', to: await coordinatorOf(this.session) }, ms, ON_GROUP_COORDINATOR);
  },
);
defineStep(
  {
    id: 'linkLatency',
    kind: 'fault',
    pattern: '{link} has a latency of {duration}',
    example: 'the link between the SUT and broker 2 has a latency of 500 ms',
    summary: 'a latency toxic: every answer on it delayed by D',
  },
  async function (link: LinkSpec, latencyMs: number) {
    await injectFault(this.session, linkLatency, { ...ends(link), latencyMs });
  },
);
defineStep(
  {
    id: 'linkLatencyFor',
    kind: 'fault',
    pattern: '{link} has a latency of {duration} for {duration}',
    example: 'the link between the SUT and broker 2 has a latency of 500 ms for 10 seconds',
    summary: 'latency for D',
  },
  async function (link: LinkSpec, latencyMs: number, ms: number) {
    await injectFault(this.session, linkLatency, { ...ends(link), latencyMs }, ms);
  },
);
defineStep(
  {
    id: 'linkBandwidth',
    kind: 'fault',
    pattern: '{link} is limited to {int} KB\\/s',
    example: 'the link between the SUT and broker 2 is limited to 64 KB/s',
    summary: 'a bandwidth toxic, both directions',
    validate: (_l: unknown, r: number) => kbPerSecond(r),
  },
  async function (link: LinkSpec, rate: number) {
    await injectFault(this.session, linkBandwidth, { ...ends(link), kbPerSecond: rate });
  },
);
defineStep(
  {
    id: 'linkBandwidthFor',
    kind: 'fault',
    pattern: '{link} is limited to {int} KB\\/s for {duration}',
    example: 'the link between the SUT and broker 2 is limited to 64 KB/s for 10 seconds',
    summary: 'bandwidth limit for D',
    validate: (_l: unknown, r: number) => kbPerSecond(r),
  },
  async function (link: LinkSpec, rate: number, ms: number) {
    await injectFault(this.session, linkBandwidth, { ...ends(link), kbPerSecond: rate }, ms);
  },
);
defineStep(
  {
    id: 'linkReset',
    kind: 'fault',
    pattern: 'connections on {link} are reset',
    example: 'connections on the link between the SUT and broker 2 are reset',
    summary: 'a reset_peer toxic: every connection reset',
  },
  async function (link: LinkSpec) {
    await injectFault(this.session, linkReset, ends(link));
  },
);
defineStep(
  {
    id: 'linkResetFor',
    kind: 'fault',
    pattern: 'connections on {link} are reset for {duration}',
    example: 'connections on the link between the SUT and broker 2 are reset for 10 seconds',
    summary: 'resets for D',
  },
  async function (link: LinkSpec, ms: number) {
    await injectFault(this.session, linkReset, ends(link), ms);
  },
);
defineStep(
  {
    id: 'linkTimeout',
    kind: 'fault',
    pattern: 'connections on {link} time out',
    example: 'connections on the link between the SUT and broker 2 time out',
    summary: 'a timeout toxic: data stops, connections hang',
  },
  async function (link: LinkSpec) {
    await injectFault(this.session, linkTimeout, ends(link));
  },
);
defineStep(
  {
    id: 'linkTimeoutFor',
    kind: 'fault',
    pattern: 'connections on {link} time out for {duration}',
    example: 'connections on the link between the SUT and broker 2 time out for 10 seconds',
    summary: 'timeouts for D',
  },
  async function (link: LinkSpec, ms: number) {
    await injectFault(this.session, linkTimeout, ends(link), ms);
  },
);
defineStep(
  {
    id: 'networkHealed',
    kind: 'fault',
    pattern: 'the network is healed',
    example: 'the network is healed',
    summary: 'every proxy enabled, every toxic removed; waits for all brokers',
  },
  async function () {
    const { env } = await this.session.environment();
    await this.session.faults.healWhere((f) => f.kind.layer === 'network');
    await env.network.heal();
    await env.cluster.waitForBrokers(env.cluster.ids, BROKER_WAIT_MS);
  },
);
