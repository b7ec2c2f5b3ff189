// Whether the scenarios' shared environment fits the next scenario's request, from hand-built
// shapes: an unnamed Kafka version or broker count means the configured one, never "any" — a
// feature that names no version must not run on the cluster an earlier feature pinned — and a
// TLS cluster is never shared with a scenario in the clear, nor the other way round.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fits } from '../../src/scenario/environment-pool.js';

const configured = { brokers: 3, kafkaVersion: '3.9.1' };
const plain = (brokers: number, kafkaVersion: string) => ({ brokers, kafkaVersion, sutTls: false });

describe('environment pool: which shared cluster a scenario may reuse', () => {
  it('reuses the configured cluster for a request that names nothing', () => {
    assert.equal(fits(plain(3, '3.9.1'), {}, configured), true);
  });

  it('does not reuse a cluster an earlier feature pinned to another version for a request that names none', () => {
    assert.equal(fits(plain(3, '4.1.1'), {}, configured), false);
  });

  it('does not reuse a cluster of another size for a request that names no broker count', () => {
    assert.equal(fits(plain(1, '3.9.1'), {}, configured), false);
  });

  it('reuses a pinned cluster for a request that pins the same version and size', () => {
    assert.equal(fits(plain(1, '4.1.1'), { brokers: 1, kafkaVersion: '4.1.1' }, configured), true);
  });

  it('does not reuse the configured cluster for a request that pins another version', () => {
    assert.equal(fits(plain(3, '3.9.1'), { kafkaVersion: '4.4.0' }, configured), false);
  });

  it('does not reuse a TLS cluster for a request in the clear, nor the other way round', () => {
    assert.equal(fits({ ...plain(3, '3.9.1'), sutTls: true }, {}, configured), false);
    assert.equal(fits(plain(3, '3.9.1'), { sutTls: true }, configured), false);
    assert.equal(fits({ ...plain(3, '3.9.1'), sutTls: true }, { sutTls: true }, configured), true);
  });
});
