// categories.json and environment.properties: the categories in order, each regex matching its
// prefix — also after an error name, and over a multi-line message with a stack, as Allure 2
// matches (a full match with DOTALL) — and nothing else; environment failures grouped apart
// whether failed or broken; environment.properties escaped as Java reads it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { environmentProperties, writeAllureExtras } from '../../src/report/allure-extras.js';
import { CATEGORIES, categoryOf, type AllureCategory } from '../../src/report/categories.js';

const EXPECTED: [string, string][] = [
  ['Message loss', 'Message loss:'],
  ['Duplicates over bound', 'Duplicates over bound:'],
  ['Unsafe offset commit', 'Unsafe offset commit:'],
  ['Ordering violation', 'Ordering violation:'],
  ['Pipeline did not stop', 'Pipeline did not stop:'],
  ['Checker could not decide', 'Checker could not decide:'],
  ['Other reliability failure', 'Reliability check failed:'],
  ['Environment failure', 'Environment failure:'],
];

const STACK = '\n    at Then (/work/steps/assertions.ts:42:11)\n    at async World.run (node:internal/x:1:1)';

function withTempDir(run: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-extras-'));
  try {
    run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('categories', () => {
  it('lists the categories in order, with Allure\u2019s fields', () => {
    assert.deepEqual(
      CATEGORIES.map((c) => c.name),
      EXPECTED.map(([name]) => name),
    );
    for (const c of CATEGORIES) {
      assert.deepEqual(Object.keys(c).sort(), ['description', 'matchedStatuses', 'messageRegex', 'name']);
      assert.doesNotThrow(() => new RegExp(c.messageRegex, 's'));
    }
  });

  it('matches each prefix, bare, after an error name, and over a multi-line message with its stack', () => {
    for (const [name, prefix] of EXPECTED) {
      for (const message of [
        `${prefix} 3 of 100 messages never got a 2xx`,
        `${prefix} 3 of 100 messages never got a 2xx\n  examples: m-1, m-2\n${STACK}`,
        `Error: ${prefix} details`,
        `ReliabilityAssertionError: ${prefix} details${STACK}`,
        `AssertionError [ERR_ASSERTION]: ${prefix} details\n+ actual - expected${STACK}`,
        `\u001b[31m${prefix} coloured\u001b[39m`,
      ]) {
        assert.equal(categoryOf(message, 'failed'), name, JSON.stringify(message));
      }
    }
  });

  it('does not match a prefix that is not at the start, in other case, or another wording', () => {
    for (const message of [
      'Expected no loss. Message loss: 3',
      'message loss: 3',
      'Message loss 3 (no colon)',
      'Lost messages: 3',
      'Error: expected 0 to equal 3\nMessage loss: 3',
      'Step failed: Environment failure: no broker',
      '',
    ]) {
      assert.equal(categoryOf(message, 'failed'), undefined, JSON.stringify(message));
    }
  });

  it('groups an environment failure apart whether it failed or broke, and a SUT failure only when it failed', () => {
    assert.equal(categoryOf('Environment failure: broker 2 did not start', 'broken'), 'Environment failure');
    assert.equal(categoryOf('EnvironmentError: Environment failure: Docker is not running', 'failed'), 'Environment failure');
    // A reliability prefix on a broken result is a harness bug, not a SUT defect: Allure's "Test defects".
    assert.equal(categoryOf('Message loss: 3', 'broken'), undefined);
    const environment = CATEGORIES.find((c) => c.name === 'Environment failure')!;
    assert.deepEqual([...environment.matchedStatuses].sort(), ['broken', 'failed']);
    for (const c of CATEGORIES.filter((c) => c !== environment))
      assert.deepEqual(c.matchedStatuses, ['failed'] satisfies AllureCategory['matchedStatuses']);
  });
});

describe('writeAllureExtras', () => {
  it('writes categories.json and environment.properties into the results directory', () => {
    withTempDir((dir) => {
      const resultsDir = path.join(dir, 'allure-results');
      writeAllureExtras(resultsDir, {
        runtime: 'container',
        kafkaVersion: '3.9.1',
        sut: 'reference forwarder',
        images: { toxiproxy: 'sha256:bb', kafka: 'sha256:aa' },
      });
      const categories = JSON.parse(fs.readFileSync(path.join(resultsDir, 'categories.json'), 'utf8')) as AllureCategory[];
      assert.deepEqual(categories, JSON.parse(JSON.stringify(CATEGORIES)));
      assert.equal(
        fs.readFileSync(path.join(resultsDir, 'environment.properties'), 'utf8'),
        `kafka.version=3.9.1\nruntime=container\nsut=reference forwarder\nnode.version=${process.version}\nimage.kafka=sha256:aa\nimage.toxiproxy=sha256:bb\n`,
      );
    });
  });

  it('escapes values and keys as Java properties: backslashes, line breaks, separators, non-ASCII', () => {
    const text = environmentProperties(
      { runtime: 'process', kafkaVersion: '4.0.0', sut: ' node C:\\sut\\main.js\nFORWARDER_MODE=ok — ü', images: { 'a b=c': 'x' } },
      'v20.0.0',
    );
    assert.equal(
      text,
      'kafka.version=4.0.0\nruntime=process\nsut=\\ node C:\\\\sut\\\\main.js\\nFORWARDER_MODE=ok \\u2014 \\u00fc\nnode.version=v20.0.0\nimage.a\\ b\\=c=x\n',
    );
    assert.equal(text.split('\n').length, 6); // one line per property, however many lines a value had
  });
});
