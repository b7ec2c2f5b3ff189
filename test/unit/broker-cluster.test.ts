// The lines a startup error quotes from a dead broker's log: the exception, not its stack frames.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tellingLines } from '../../src/environment/broker-cluster.js';

test('skips stack frames and "... n more" so the exception itself is quoted', () => {
  const log = [
    '[2026] INFO Registered kafka:type=kafka.Log4jController MBean',
    'Exception in thread "main" org.apache.kafka.common.config.ConfigException: Invalid value x for configuration num.io.threads',
    '\tat org.apache.kafka.common.config.ConfigDef.parseType(ConfigDef.java:771)',
    '\tat kafka.tools.StorageTool.main(StorageTool.scala)',
    '\t... 4 more',
  ].join('\n');
  assert.equal(
    tellingLines(log, 2),
    '[2026] INFO Registered kafka:type=kafka.Log4jController MBean | Exception in thread "main" org.apache.kafka.common.config.ConfigException: Invalid value x for configuration num.io.threads',
  );
});

test('keeps the last lines of a log without stack traces', () => {
  assert.equal(tellingLines('a\nb\nc\nd'), 'b | c | d');
});
