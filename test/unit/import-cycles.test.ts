// No import cycles in src/, steps/ and sut/: the folders' layering (CONTRIBUTING.md, Layers;
// test/unit/layers.test.ts) only holds if the module graph is a DAG, and a cycle makes load
// order — and with it which module sees the other half-initialised — depend on who is imported
// first. The graph and the cycle finder (test/support/import-graph.ts) are checked on hand-built
// graphs first, so "no cycle found" in the project means none is there.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import { findCycles, importGraph, relativeImportsOf, typeScriptFiles, type ImportGraph } from '../support/import-graph.js';

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the import graph', () => {
  it('reads static imports and re-exports, type-only ones included, relative only, not dynamic ones', () => {
    const text = [
      "import fs from 'node:fs';",
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import {',
      '  c, // a comment inside the list',
      '  type D,',
      "} from './c.js';",
      "import './side-effect.js';",
      "export { e } from './e.js';",
      "export * from './f.js';",
      "export type { G } from './g.js';",
      "const lazy = await import('./dynamic.js');",
      'const text = "import { h } from \'./h.js\'";',
      "// import { i } from './i.js';",
    ].join('\n');
    assert.deepEqual(relativeImportsOf('x.ts', text), ['./a.js', '../b.js', './c.js', './side-effect.js', './e.js', './f.js', './g.js']);
  });

  it('resolves .js specifiers to .ts files, and refuses one that resolves to no file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-graph-'));
    try {
      fs.mkdirSync(path.join(root, 'src', 'util'), { recursive: true });
      fs.writeFileSync(path.join(root, 'src', 'a.ts'), "import { b } from './util/b.js';\nimport data from '../data.json';\n");
      fs.writeFileSync(path.join(root, 'src', 'util', 'b.ts'), "export type { A } from '../a.js';\n");
      fs.writeFileSync(path.join(root, 'data.json'), '{}');
      const files = typeScriptFiles(root, ['src']);
      assert.deepEqual(files, ['src/a.ts', 'src/util/b.ts']);
      const graph = importGraph(root, files);
      assert.deepEqual(
        [...graph],
        [
          ['src/a.ts', ['src/util/b.ts']],
          ['src/util/b.ts', ['src/a.ts']],
        ],
      );
      assert.deepEqual(findCycles(graph), [['src/a.ts', 'src/util/b.ts', 'src/a.ts']]);
      fs.writeFileSync(path.join(root, 'src', 'util', 'b.ts'), "import { gone } from './gone.js';\n");
      assert.throws(() => importGraph(root, files), /src\/util\/b\.ts: import '\.\/gone\.js' resolves to no file/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds no cycle in a DAG, even with shared descendants', () => {
    assert.deepEqual(findCycles(graphOf({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] })), []);
  });

  it('finds a self-import, a long cycle, and one cycle per knot, each named from its first file', () => {
    const graph = graphOf({
      self: ['self'],
      a: ['b'],
      b: ['c'],
      c: ['d', 'x'],
      d: ['a'],
      x: ['y'],
      y: ['x', 'z'],
      z: [],
    });
    assert.deepEqual(findCycles(graph), [
      ['a', 'b', 'c', 'd', 'a'],
      ['self', 'self'],
      ['x', 'y', 'x'],
    ]);
  });

  it('finds a cycle in a knot of two loops, by its shortest path', () => {
    assert.deepEqual(findCycles(graphOf({ a: ['b', 'c'], b: ['a'], c: ['b'] })), [['a', 'b', 'a']]);
  });
});

describe('the project', () => {
  it('has no import cycle in src/, steps/ or sut/', () => {
    const files = typeScriptFiles(packageRoot, ['src', 'steps', 'sut']);
    assert.ok(files.length > 100, `found only ${files.length} files under src/, steps/, sut/ in ${packageRoot}`);
    const graph = importGraph(packageRoot, files);
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    assert.ok(edges > files.length, `only ${edges} imports between ${files.length} files: the graph was not read`);
    const cycles = findCycles(graph).map((cycle) => cycle.join(' → '));
    assert.deepEqual(
      cycles,
      [],
      `import cycles (break each by moving the shared type or constant to the module that owns it):\n${cycles.join('\n')}`,
    );
  });
});
