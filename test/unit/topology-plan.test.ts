// The cluster wiring as data: every path a byte can take goes through its own proxy, and no
// broker address leaks into metadata except a node's own self-listeners.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Addressing,
  type Endpoint,
  clientProxyName,
  linkProxyName,
  listenerNames,
  planTopology,
  proxyNames,
} from '../../src/environment/topology-plan.js';

/** Brokers bind on host "b<id>" with a distinct port per (id, listener); proxies on host "proxy". */
function fakeAddressing(ids: readonly number[]): Addressing {
  const listenerPorts = new Map<string, number>();
  let nextBrokerPort = 10000;
  for (const id of ids) for (const name of listenerNames(ids)) listenerPorts.set(`${id}/${name}`, nextBrokerPort++);
  const proxyPorts = new Map<string, number>();
  let nextProxyPort = 20000;
  for (const name of proxyNames(ids)) proxyPorts.set(name, nextProxyPort++);
  const broker = (id: number, listener: string): Endpoint => {
    const port = listenerPorts.get(`${id}/${listener}`);
    if (port === undefined) throw new Error(`unexpected listener ${listener} on ${id}`);
    return { host: `b${id}`, port };
  };
  const proxy = (name: string): Endpoint => {
    const port = proxyPorts.get(name);
    if (port === undefined) throw new Error(`unexpected proxy ${name}`);
    return { host: 'proxy', port };
  };
  return { bind: broker, upstream: broker, proxyListen: proxy, proxyAdvertised: proxy };
}

const ids = [1, 2, 3];
const at = fakeAddressing(ids);
const plan = planTopology(ids, at);
const fmt = (e: Endpoint) => `${e.host}:${e.port}`;
const node = (id: number) => plan.nodes.find((n) => n.id === id)!;

describe('planTopology (3 brokers)', () => {
  it('plans 18 uniquely named proxies, exactly those proxyNames lists', () => {
    const names = plan.proxies.map((p) => p.name);
    assert.equal(names.length, 18);
    assert.equal(new Set(names).size, 18);
    assert.deepEqual([...names].sort(), [...proxyNames(ids)].sort());
    const count = (kind: string) => plan.proxies.filter((p) => p.kind === kind).length;
    assert.deepEqual([count('harness'), count('sut'), count('replication'), count('controller')], [3, 3, 6, 6]);
    for (const p of plan.proxies) assert.deepEqual(p.listen, at.proxyListen(p.name));
  });

  it('advertises each node’s client proxies for HARNESS and SUT', () => {
    for (const id of ids) {
      assert.deepEqual(node(id).advertised.HARNESS, at.proxyAdvertised(clientProxyName('harness', id), 'harness'));
      assert.deepEqual(node(id).advertised.SUT, at.proxyAdvertised(clientProxyName('sut', id), 'sut'));
      const harness = plan.proxies.find((p) => p.name === `harness-b${id}`)!;
      assert.equal(harness.to, id);
      assert.deepEqual(harness.upstream, at.upstream(id, 'HARNESS'));
    }
  });

  it('gives node k voters through ctl-b<k>-b<j> and itself at its CTL_FROM_k bind address', () => {
    for (const k of ids) {
      const expected = ids
        .map((j) =>
          j === k
            ? `${j}@${fmt(at.bind(k, `CTL_FROM_${k}`))}`
            : `${j}@${fmt(at.proxyAdvertised(linkProxyName('controller', k, j), 'controller'))}`,
        )
        .join(',');
      assert.equal(node(k).voters, expected);
      assert.equal(node(k).controllerListeners[0], `CTL_FROM_${k}`);
      assert.deepEqual([...node(k).controllerListeners].sort(), ids.map((i) => `CTL_FROM_${i}`).sort());
      assert.equal(node(k).interBrokerListener, `REPL_FROM_${k}`);
    }
  });

  it('routes repl-b<k>-b<i> and ctl-b<k>-b<i> to node i’s FROM_k listeners', () => {
    for (const k of ids) {
      for (const i of ids) {
        if (i === k) continue;
        const repl = plan.proxies.find((p) => p.name === `repl-b${k}-b${i}`)!;
        assert.equal(repl.kind, 'replication');
        assert.equal(repl.from, k);
        assert.equal(repl.to, i);
        assert.deepEqual(repl.upstream, at.bind(i, `REPL_FROM_${k}`));
        assert.deepEqual(node(i).advertised[`REPL_FROM_${k}`], at.proxyAdvertised(repl.name, 'replication'));
        const ctl = plan.proxies.find((p) => p.name === `ctl-b${k}-b${i}`)!;
        assert.equal(ctl.from, k);
        assert.equal(ctl.to, i);
        assert.deepEqual(ctl.upstream, at.bind(i, `CTL_FROM_${k}`));
      }
    }
  });

  it('binds every listener and leaks no broker address except the node’s own self-listeners', () => {
    const brokerAddresses = new Map<string, string>();
    for (const id of ids) for (const name of listenerNames(ids)) brokerAddresses.set(fmt(at.bind(id, name)), `${id}/${name}`);
    for (const n of plan.nodes) {
      assert.deepEqual(Object.keys(n.listeners).sort(), listenerNames(ids).sort());
      assert.deepEqual(Object.keys(n.advertised).sort(), listenerNames(ids).sort());
      const leaked = Object.values(n.advertised)
        .map((e) => brokerAddresses.get(fmt(e)))
        .filter((x): x is string => x !== undefined)
        .sort();
      assert.deepEqual(leaked, [`${n.id}/CTL_FROM_${n.id}`, `${n.id}/REPL_FROM_${n.id}`]);
    }
  });

  it('lists bootstrap proxies in id order', () => {
    const shuffled = planTopology([3, 1, 2], at);
    assert.deepEqual(
      plan.bootstrap.harness,
      ids.map((id) => fmt(at.proxyAdvertised(`harness-b${id}`, 'harness'))),
    );
    assert.deepEqual(
      plan.bootstrap.sut,
      ids.map((id) => fmt(at.proxyAdvertised(`sut-b${id}`, 'sut'))),
    );
    // The order follows the ids given.
    assert.deepEqual(
      shuffled.bootstrap.sut,
      [3, 1, 2].map((id) => fmt(at.proxyAdvertised(`sut-b${id}`, 'sut'))),
    );
  });
});

describe('planTopology (edge sizes)', () => {
  it('plans only the two client proxies for one broker', () => {
    const single = planTopology([1], fakeAddressing([1]));
    assert.deepEqual(single.proxies.map((p) => p.name).sort(), ['harness-b1', 'sut-b1']);
    assert.deepEqual(proxyNames([1]), ['harness-b1', 'sut-b1']);
    assert.equal(single.nodes[0]!.voters, `1@b1:${fakeAddressing([1]).bind(1, 'CTL_FROM_1').port}`);
  });

  it('refuses zero brokers', () => {
    assert.throws(() => planTopology([], fakeAddressing([])), /at least one broker/);
  });

  it('refuses duplicate broker ids (they would share proxy names)', () => {
    assert.throws(() => planTopology([1, 2, 1], fakeAddressing([1, 2])), /distinct: 1, 2, 1/);
  });
});

describe('names', () => {
  it('formats proxy and listener names', () => {
    assert.equal(clientProxyName('sut', 4), 'sut-b4');
    assert.equal(linkProxyName('controller', 1, 2), 'ctl-b1-b2');
    assert.equal(linkProxyName('replication', 2, 1), 'repl-b2-b1');
    assert.deepEqual(listenerNames([1, 2]), ['HARNESS', 'SUT', 'CTL_FROM_1', 'CTL_FROM_2', 'REPL_FROM_1', 'REPL_FROM_2']);
  });
});
