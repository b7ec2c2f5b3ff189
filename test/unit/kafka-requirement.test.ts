// Which Kafka a scenario runs on (src/scenario/kafka-requirement.ts), on hand-built step texts:
// none named → the configured one; "running Kafka X" → X; "running Kafka X or newer" → the
// configured one when it is at least X, else X. Versions compare numerically, not as text.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, describeRequirement, kafkaRequirementOf, kafkaVersionFor } from '../../src/scenario/kafka-requirement.js';

describe('kafka requirement', () => {
  it('compares versions part by part as numbers', () => {
    assert.ok(compareVersions('4.10.0', '4.9.1') > 0, '4.10 is newer than 4.9');
    assert.ok(compareVersions('3.9.1', '4.1.1') < 0);
    assert.equal(compareVersions('4.4.0', '4.4.0'), 0);
    assert.ok(compareVersions('4.4.1', '4.4.0') > 0);
  });

  it('reads the first cluster step that names a version, exact or "or newer"', () => {
    assert.equal(kafkaRequirementOf(['a Kafka cluster of 3 brokers', 'a topic "a" with 3 partitions']), undefined);
    assert.deepEqual(kafkaRequirementOf(['a Kafka cluster of 3 brokers running Kafka 4.1.1']), { version: '4.1.1', orNewer: false });
    assert.deepEqual(kafkaRequirementOf(['  a Kafka cluster of 1 broker running Kafka 4.1.1 or newer ']), {
      version: '4.1.1',
      orNewer: true,
    });
    assert.equal(kafkaRequirementOf(['a message "running Kafka 4.1.1 is fun" is produced to "a"']), undefined, 'only at the end of a step');
  });

  it('runs an exact pin on its version, "or newer" on the configured one when that is new enough', () => {
    assert.equal(kafkaVersionFor(undefined, '3.9.1'), '3.9.1');
    assert.equal(kafkaVersionFor({ version: '4.1.1', orNewer: false }, '4.4.0'), '4.1.1');
    assert.equal(kafkaVersionFor({ version: '4.1.1', orNewer: true }, '4.4.0'), '4.4.0');
    assert.equal(kafkaVersionFor({ version: '4.1.1', orNewer: true }, '4.1.1'), '4.1.1');
    assert.equal(kafkaVersionFor({ version: '4.1.1', orNewer: true }, '3.9.1'), '4.1.1');
    assert.equal(describeRequirement({ version: '4.1.1', orNewer: true }), 'Kafka 4.1.1 or newer');
    assert.equal(describeRequirement({ version: '4.1.1', orNewer: false }), 'Kafka 4.1.1');
  });
});
