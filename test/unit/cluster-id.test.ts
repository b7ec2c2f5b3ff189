// Cluster ids must be accepted by Kafka's storage tool: 22 base64url characters, never a leading
// "-" (which its argument parser takes for a flag — a 1-in-64 failure before this was known).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newClusterId } from '../../src/environment/process/process-kafka-cluster.js';

describe('newClusterId', () => {
  it('gives 22 base64url characters and never a leading dash, over many draws', () => {
    const ids = Array.from({ length: 5000 }, newClusterId);
    for (const id of ids) {
      assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
    assert.equal(new Set(ids).size, ids.length);
  });
});
