// server.properties for a combined KRaft node, derived from its topology plan.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TUNING, kafkaProperties, renderProperties } from '../../src/environment/kafka-properties.js';
import { type Addressing, listenerNames, planTopology, proxyNames } from '../../src/environment/topology-plan.js';

function fakeAddressing(ids: readonly number[]): Addressing {
  const proxies = proxyNames(ids);
  const names = listenerNames(ids);
  return {
    bind: (id, listener) => ({ host: `b${id}`, port: 10000 + id * 100 + names.indexOf(listener) }),
    upstream: (id, listener) => ({ host: `b${id}`, port: 10000 + id * 100 + names.indexOf(listener) }),
    proxyListen: (name) => ({ host: 'proxy', port: 20000 + proxies.indexOf(name) }),
    proxyAdvertised: (name) => ({ host: 'proxy', port: 20000 + proxies.indexOf(name) }),
  };
}

const ids = [1, 2, 3];
const node2 = planTopology(ids, fakeAddressing(ids)).nodes[1]!;
const props = kafkaProperties(node2, 3, '/data/b2');

describe('kafkaProperties', () => {
  it('describes the node’s roles, quorum and listeners', () => {
    assert.equal(node2.id, 2);
    assert.equal(props['process.roles'], 'broker,controller');
    assert.equal(props['node.id'], '2');
    assert.equal(props['log.dirs'], '/data/b2');
    assert.equal(props['controller.quorum.voters'], node2.voters);
    assert.equal(props['controller.listener.names'], 'CTL_FROM_2,CTL_FROM_1,CTL_FROM_3');
    assert.equal(props['inter.broker.listener.name'], 'REPL_FROM_2');
    const listeners = props.listeners!.split(',');
    assert.equal(listeners.length, listenerNames(ids).length);
    for (const name of listenerNames(ids)) {
      const e = node2.listeners[name]!;
      assert.ok(listeners.includes(`${name}://${e.host}:${e.port}`), `listeners lacks ${name}`);
    }
    const advertised = props['advertised.listeners']!.split(',');
    assert.ok(advertised.includes(`HARNESS://proxy:${node2.advertised.HARNESS!.port}`));
    assert.equal(advertised.length, listenerNames(ids).length);
    assert.deepEqual(
      props['listener.security.protocol.map']!.split(',').sort(),
      listenerNames(ids)
        .map((name) => `${name}:PLAINTEXT`)
        .sort(),
    );
  });

  it('keeps production durability for 3 nodes', () => {
    assert.equal(props['min.insync.replicas'], '2');
    assert.equal(props['default.replication.factor'], '3');
    assert.equal(props['offsets.topic.replication.factor'], '3');
    assert.equal(props['transaction.state.log.min.isr'], '2');
    assert.equal(props['unclean.leader.election.enable'], 'false');
  });

  it('scales durability down for a single node', () => {
    const single = planTopology([1], fakeAddressing([1])).nodes[0]!;
    const p = kafkaProperties(single, 1, '/data/b1');
    assert.equal(p['min.insync.replicas'], '1');
    assert.equal(p['default.replication.factor'], '1');
    assert.equal(p['offsets.topic.replication.factor'], '1');
    assert.equal(p['transaction.state.log.min.isr'], '1');
    assert.equal(p['controller.listener.names'], 'CTL_FROM_1');
  });

  it('applies tuning, with overrides winning over everything', () => {
    assert.equal(props['broker.session.timeout.ms'], String(DEFAULT_TUNING.brokerSessionTimeoutMs));
    const tuned = kafkaProperties(node2, 3, '/d', {
      brokerSessionTimeoutMs: 10000,
      replicaLagTimeMaxMs: 3000,
      overrides: { 'min.insync.replicas': '3', 'log.retention.ms': '60000' },
    });
    assert.equal(tuned['broker.session.timeout.ms'], '10000');
    assert.equal(tuned['broker.heartbeat.interval.ms'], '2500');
    assert.equal(tuned['replica.lag.time.max.ms'], '3000');
    assert.equal(tuned['min.insync.replicas'], '3');
    assert.equal(tuned['log.retention.ms'], '60000');
  });
});

describe('renderProperties', () => {
  it('renders one key=value line per property, newline-terminated', () => {
    assert.equal(renderProperties({ a: '1', 'b.c': 'x=y' }), 'a=1\nb.c=x=y\n');
    const lines = renderProperties(props).trimEnd().split('\n');
    assert.equal(lines.length, Object.keys(props).length);
    assert.ok(lines.includes('process.roles=broker,controller'));
  });

  it('gives only the SUT listener TLS, with the run keystore, and leaves every other listener in the clear', () => {
    const tls = kafkaProperties(node2, 3, '/d', DEFAULT_TUNING, { keystorePath: '/run/tls/broker.p12', keystorePassword: 'pw' });
    const protocols = Object.fromEntries(
      tls['listener.security.protocol.map']!.split(',').map((entry) => entry.split(':') as [string, string]),
    );
    assert.equal(protocols.SUT, 'SSL');
    assert.deepEqual(
      Object.entries(protocols)
        .filter(([name]) => name !== 'SUT')
        .map(([, protocol]) => protocol),
      listenerNames(ids)
        .filter((name) => name !== 'SUT')
        .map(() => 'PLAINTEXT'),
    );
    assert.equal(tls['listener.name.sut.ssl.keystore.location'], '/run/tls/broker.p12');
    assert.equal(tls['listener.name.sut.ssl.keystore.type'], 'PKCS12');
    assert.equal(tls['listener.name.sut.ssl.keystore.password'], 'pw');
    assert.equal(tls['listener.name.sut.ssl.client.auth'], 'none');
    assert.ok(!Object.keys(props).some((key) => key.includes('.ssl.')), 'a cluster in the clear has no TLS settings');
    assert.match(props['listener.security.protocol.map']!, /SUT:PLAINTEXT/);
  });
});
