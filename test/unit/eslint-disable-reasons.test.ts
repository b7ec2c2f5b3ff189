// Every eslint-disable comment says why, after "--" (ESLint's own syntax for a reason): a rule is
// switched off for one line on purpose, and the next reader must see the purpose. ESLint reports
// a disable comment that suppresses nothing (eslint.config.mjs); this test covers the reason.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import { typeScriptFiles } from '../support/import-graph.js';

/** The eslint-disable directives in a file's text that give no reason: "line: comment". */
function disablesWithoutReason(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const directive = /(?:\/\/|\/\*)\s*(eslint-disable(?:-next-line|-line)?\b.*)$/.exec(line)?.[1];
    if (directive && !/\s--\s*\S/.test(directive)) found.push(`${index + 1}: ${directive.replace(/\s*\*\/\s*$/, '')}`);
  });
  return found;
}

describe('eslint-disable comments', () => {
  it('are found without a reason, and accepted with one', () => {
    // Spelled "DISABLE" here so that this file's own text holds no directive without a reason.
    const text = [
      '// DISABLE-next-line no-control-regex -- ESC starts every colour code',
      '// DISABLE-next-line @typescript-eslint/no-explicit-any',
      'const x = 1; // DISABLE-line no-console',
      '/* DISABLE no-empty -- a fixture that swallows everything */',
      '/* DISABLE */',
      '// DISABLE-next-line no-empty --',
    ]
      .join('\n')
      .replace(/DISABLE/g, 'eslint-disable');
    assert.deepEqual(disablesWithoutReason(text), [
      '2: eslint-disable-next-line @typescript-eslint/no-explicit-any',
      '3: eslint-disable-line no-console',
      '5: eslint-disable',
      '6: eslint-disable-next-line no-empty --',
    ]);
  });

  it('in src/, steps/, sut/, test/ and bench/ each give a reason after --', () => {
    const files = typeScriptFiles(packageRoot, ['src', 'steps', 'sut', 'test', 'bench']);
    assert.ok(files.length > 200, `found only ${files.length} files in ${packageRoot}`);
    const missing = files.flatMap((file) =>
      disablesWithoutReason(fs.readFileSync(path.join(packageRoot, file), 'utf8')).map((hit) => `${file}:${hit}`),
    );
    assert.deepEqual(missing, [], 'give each a reason: // eslint-disable-next-line <rule> -- <why>');
  });
});
