// Docs pages whose code comes from tests: the custom step docs/custom-steps.md shows is the file
// the package test installs into a fresh project (test/fixtures/own-project/steps/), so the page
// cannot show a step that does not compile or does not run.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';

/** The fenced code blocks of a markdown text in a language. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

describe('docs snippets', () => {
  it('finds fenced blocks, and only of the language asked', () => {
    const text = '```ts\nconst a = 1;\n```\n\n```gherkin\nGiven x\n```\n';
    assert.deepEqual(codeBlocks(text, 'ts'), ['const a = 1;\n']);
    assert.deepEqual(codeBlocks(text, 'gherkin'), ['Given x\n']);
  });

  it("docs/custom-steps.md shows the own-project test's step file word for word", () => {
    const fixture = fs.readFileSync(path.join(packageRoot, 'test', 'fixtures', 'own-project', 'steps', 'gateway.steps.ts'), 'utf8');
    const blocks = codeBlocks(fs.readFileSync(path.join(packageRoot, 'docs', 'custom-steps.md'), 'utf8'), 'ts');
    assert.ok(blocks.includes(fixture), 'docs/custom-steps.md: copy test/fixtures/own-project/steps/gateway.steps.ts into its ts block');
  });
});
