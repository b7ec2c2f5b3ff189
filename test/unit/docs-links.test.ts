// The documentation's relative links: every `](path)` and `](path#anchor)` in README.md,
// CONTRIBUTING.md and docs/*.md must name a file that exists, and an anchor must name a heading
// of that file (GitHub's slugs), so moving a section never leaves a reader at a dead link.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';

interface Link {
  line: number;
  target: string;
}

/** Links outside fenced code blocks; a `](…)` inside a code sample is not a link. */
function markdownLinks(text: string): Link[] {
  const links: Link[] = [];
  let inFence = false;
  text.split('\n').forEach((content, index) => {
    if (/^\s*```/.test(content)) inFence = !inFence;
    if (inFence) return;
    for (const match of content.matchAll(/\]\(([^)\s]+)\)/g)) links.push({ line: index + 1, target: match[1]! });
  });
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const content of text.split('\n')) {
    if (/^\s*```/.test(content)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(content);
    if (!heading) continue;
    const slug = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** One line per broken link of `file` (a path relative to `root`): where it is and what is missing. */
function brokenLinks(root: string, file: string, text: string): string[] {
  const problems: string[] = [];
  for (const { line, target } of markdownLinks(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto: — not a file of ours
    const [filePart, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = filePart === '' ? path.join(root, file) : path.resolve(root, path.dirname(file), decodeURI(filePart));
    const where = `${file}:${line}: link "${target}"`;
    if (!fs.existsSync(resolved)) {
      problems.push(`${where} names ${path.relative(root, resolved)}, which does not exist — fix the path or restore the file`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md')) {
      if (!headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
        problems.push(`${where}: ${path.relative(root, resolved)} has no heading with anchor #${anchor} — fix the anchor or the heading`);
      }
    }
  }
  return problems;
}

function documentationFiles(root: string): string[] {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name));
  return ['README.md', 'CONTRIBUTING.md', ...docs.sort()];
}

describe('documentation links', () => {
  it('every relative link in README.md, CONTRIBUTING.md and docs/*.md resolves', () => {
    const files = documentationFiles(packageRoot);
    assert.ok(files.length >= 9, `expected README.md, CONTRIBUTING.md and the docs pages, found ${files.join(', ')}`);
    let checked = 0;
    const problems: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(packageRoot, file), 'utf8');
      checked += markdownLinks(text).length;
      problems.push(...brokenLinks(packageRoot, file, text));
    }
    // The README links every docs page: a scan finding few links means the scan itself broke.
    assert.ok(checked >= 20, `only ${checked} links found`);
    assert.deepEqual(problems, []);
  });

  it('README links every docs page and CONTRIBUTING.md', () => {
    const readmeTargets = new Set(
      markdownLinks(fs.readFileSync(path.join(packageRoot, 'README.md'), 'utf8')).map((l) => l.target.split('#')[0]),
    );
    const unlinked = documentationFiles(packageRoot).filter((file) => file !== 'README.md' && !readmeTargets.has(file));
    assert.deepEqual(unlinked, []);
  });

  it('reports a missing file, a missing anchor, and ignores code blocks and web links', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-links-'));
    try {
      fs.mkdirSync(path.join(root, 'docs'));
      fs.writeFileSync(path.join(root, 'docs', 'a.md'), '# A page\n\n## The `verify` command: judging\n\n## Twice\n\n## Twice\n');
      const text = [
        '[ok](docs/a.md) [ok anchor](docs/a.md#the-verify-command-judging) [second](docs/a.md#twice-1)',
        '[gone](docs/missing.md) [bad anchor](docs/a.md#nowhere) [web](https://example.org/x)',
        '```',
        '[in code](docs/not-a-link.md)',
        '```',
      ].join('\n');
      const problems = brokenLinks(root, 'README.md', text);
      assert.equal(problems.length, 2, problems.join('\n'));
      assert.match(problems[0]!, /^README\.md:2: link "docs\/missing\.md" names docs\/missing\.md, which does not exist/);
      assert.match(problems[1]!, /^README\.md:2: link "docs\/a\.md#nowhere": docs\/a\.md has no heading with anchor #nowhere/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
