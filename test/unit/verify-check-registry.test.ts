// The check registry: every file of src/verify/checks/ is registered and nothing else is (a stale
// compiled check of a deleted file would be judged), in the documented order, each with a failure
// category a check may have (docs/evidence-and-checks.md's table is generated from it and checked
// by generated-docs.test.ts), so no list of checks is kept by hand anywhere.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import { CATEGORIES, CHECK_FILES, CHECKS, checkNamed, defineCheck, isCheckName, isDefinedCheck } from '../../src/verify/index.js';

const SOURCE = path.join(packageRoot, 'src', 'verify', 'checks');

/** The original checks, numbered to keep the order the verdict always had. */
const ORIGINAL_ORDER = [
  'lost',
  'duplicates',
  'unsafe-commit',
  'commit-during-outage',
  'commit-regression',
  'order',
  'phantom-corrupt',
  'broker-side-loss',
  'indeterminate',
  'recovery',
];

describe('the check registry', () => {
  it('registers every file of src/verify/checks/, and only those', () => {
    const sources = fs
      .readdirSync(SOURCE)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, '.js'))
      .sort();
    const registered = [...new Set(CHECK_FILES.values())].sort();
    assert.deepEqual(registered, sources, 'a source file without a check, or a compiled check without its source (rebuild dist/)');
    for (const file of sources) {
      const text = fs.readFileSync(path.join(SOURCE, file.replace(/\.js$/, '.ts')), 'utf8');
      assert.match(text, /declare module '\.\.\/check-name\.js'/, `${file} adds its name to CheckNames`);
    }
  });

  it('orders the original checks as the verdict always had them, every later one after them by name', () => {
    const names = CHECKS.map((c) => c.name);
    assert.deepEqual(names.slice(0, ORIGINAL_ORDER.length), ORIGINAL_ORDER);
    const later = names.slice(ORIGINAL_ORDER.length);
    assert.deepEqual(later, [...later].sort());
    assert.equal(new Set(names).size, names.length, 'names are unique');
    assert.ok(
      CHECKS.slice(ORIGINAL_ORDER.length).every((c) => c.order === Infinity),
      'later checks leave order out',
    );
  });

  it('gives every check a category a verdict can file under, and a one-sentence summary', () => {
    const allowed = new Set<string>(Object.values(CATEGORIES));
    for (const forbidden of [CATEGORIES.environment, CATEGORIES.undecided, CATEGORIES.notStopped]) allowed.delete(forbidden);
    for (const check of CHECKS) {
      assert.ok(allowed.has(check.category), `${check.name}: ${check.category}`);
      assert.match(check.summary, /^[A-Z].*\.$/, `${check.name}: summary`);
      assert.ok(check.needs.length > 0, `${check.name} needs some ledger`);
    }
  });

  it('validates names from outside against the registry', () => {
    assert.equal(isCheckName('lost'), true);
    assert.equal(isCheckName('no-such-check'), false);
    assert.equal(checkNamed('commit-regression')?.category, CATEGORIES.unsafeCommit);
    assert.equal(checkNamed('no-such-check'), undefined);
  });

  it('collects what defineCheck made, by identity: a look-alike object is no check', () => {
    const lost = checkNamed('lost')!;
    assert.equal(isDefinedCheck(lost), true);
    assert.equal(isDefinedCheck({ ...lost }), false, 'a copy has the shape but was not made by defineCheck');
    const made = defineCheck({ ...lost, order: undefined });
    assert.equal(isDefinedCheck(made), true);
    assert.equal(made.order, Infinity, 'no order: after every numbered check');
    assert.notEqual(checkNamed('lost'), made, 'a check defined outside the folder is not registered');
  });
});
