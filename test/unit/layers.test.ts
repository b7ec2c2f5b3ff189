// The layers point one way (CONTRIBUTING.md, Layers): every folder under src/ (and steps/) is
// assigned a layer in LAYERS, top first, and no file imports from a layer above its own. A new
// folder fails until it is placed, so the rule cannot erode by omission; an upward import fails
// naming the file, the file it imports and both layers. The rule is checked on hand-built
// graphs first, so "no upward import" in the project means none is there.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageRoot } from '../../src/setup/project-paths.js';
import { importGraph, typeScriptFiles, type ImportGraph } from '../support/import-graph.js';
import { edgeName, foldersUnder, layerOf, unassignedFolders, upwardImports, type Layer } from '../support/layers.js';

/** Top first. Same-layer imports are allowed; downward ones too, across any number of layers. */
const LAYERS: readonly Layer[] = [
  // The public API (what `import … from 'kafka-chaos'` gives a project's steps) re-exports from every layer.
  { name: 'public API', paths: ['src/api'] },
  // The programs on top: cucumber's step definitions and the selftest, which runs cucumber.
  { name: 'programs', paths: ['steps', 'src/selftest'] },
  // The CLI and what only its commands use (the client matrix's parts).
  { name: 'cli', paths: ['src/cli', 'src/matrix'] },
  { name: 'scenario', paths: ['src/scenario'] },
  // What a scenario is built from; the config sits here because the CLI and the scenario read
  // it and it builds environments (environment-from-config.ts).
  { name: 'building blocks', paths: ['src/config', 'src/faults', 'src/traffic', 'src/verify', 'src/report'] },
  // src/environment/ in three: the builder picks a runtime, the runtimes (the container one
  // reuses pieces of the process one) implement the neutral interface, and the neutral part
  // knows neither runtime.
  { name: 'environment builder', paths: ['src/environment/chaos-environment.ts'] },
  { name: 'environment runtimes', paths: ['src/environment/process', 'src/environment/container'] },
  { name: 'environment', paths: ['src/environment'] },
  // Environment-level helpers: images and tools the runtimes stand on, and the recording target
  // they start (a program of its own, src/target/main.ts).
  { name: 'environment helpers', paths: ['src/images', 'src/setup', 'src/target'] },
  { name: 'evidence', paths: ['src/evidence'] },
  { name: 'util', paths: ['src/util'] },
];

/**
 * Known upward imports, "from → to", each with why it is still there: debt, not design. Empty:
 * every one found was fixed. An entry that no longer matches an import fails the test, so the
 * list cannot outlive its debt.
 */
const ALLOWED_UPWARD: readonly string[] = [];

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the layer rule', () => {
  const layers: Layer[] = [
    { name: 'top', paths: ['src/top'] },
    { name: 'special', paths: ['src/mid/special.ts', 'src/mid/sub'] },
    { name: 'mid', paths: ['src/mid'] },
    { name: 'low', paths: ['src/low'] },
  ];

  it('gives a file the layer of the longest assigned path holding it', () => {
    assert.equal(layerOf(layers, 'src/mid/a.ts')?.name, 'mid');
    assert.equal(layerOf(layers, 'src/mid/special.ts')?.name, 'special');
    assert.equal(layerOf(layers, 'src/mid/sub/deep/b.ts')?.name, 'special');
    assert.equal(layerOf(layers, 'src/middle/c.ts'), undefined, 'a prefix of a name is not its folder');
    assert.equal(layerOf(layers, 'src/other/d.ts'), undefined);
  });

  it('names each import that points up, with both layers, and allows same-layer and downward ones', () => {
    const graph = graphOf({
      'src/top/a.ts': ['src/mid/a.ts', 'src/low/a.ts', 'src/top/b.ts'],
      'src/top/b.ts': [],
      'src/mid/a.ts': ['src/top/a.ts', 'src/mid/special.ts', 'src/low/a.ts'],
      'src/mid/special.ts': ['src/mid/a.ts'],
      'src/low/a.ts': ['src/mid/sub/x.ts'],
      'src/mid/sub/x.ts': [],
    });
    assert.deepEqual(
      upwardImports(layers, graph).map((u) => `${edgeName(u)} (${u.fromLayer} → ${u.toLayer})`),
      [
        'src/mid/a.ts → src/top/a.ts (mid → top)',
        'src/mid/a.ts → src/mid/special.ts (mid → special)',
        'src/low/a.ts → src/mid/sub/x.ts (low → special)',
      ],
    );
  });

  it('finds a folder no layer covers, and none that a parent folder covers', () => {
    assert.deepEqual(unassignedFolders(layers, ['src/top', 'src/mid/sub/deep', 'src/new', 'src/new/inner', 'src/middle']), [
      'src/new',
      'src/new/inner',
      'src/middle',
    ]);
  });
});

describe('the project', () => {
  const files = typeScriptFiles(packageRoot, ['src', 'steps']);
  const graph = importGraph(packageRoot, files);

  it('assigns every folder under src/ and steps/ to a layer, and only paths that exist', () => {
    const folders = [...foldersUnder(packageRoot, 'src').filter((f) => f !== 'src'), ...foldersUnder(packageRoot, 'steps')];
    assert.ok(folders.length >= 14, `found only ${folders.length} folders in ${packageRoot}`);
    const unassigned = unassignedFolders(LAYERS, folders);
    assert.deepEqual(
      unassigned,
      [],
      `folders with no layer (add each to LAYERS here and to CONTRIBUTING.md, Layers):\n${unassigned.join('\n')}`,
    );
    assert.deepEqual(
      files.filter((file) => !layerOf(LAYERS, file)),
      [],
      'files with no layer',
    );
    const stale = LAYERS.flatMap((layer) => layer.paths).filter((p) => !folders.includes(p) && !files.includes(p));
    assert.deepEqual(stale, [], 'LAYERS names paths that do not exist');
  });

  it('has no import that points to a layer above the importer’s, beyond the listed debt', () => {
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    assert.ok(edges > files.length, `only ${edges} imports between ${files.length} files: the graph was not read`);
    const upward = upwardImports(LAYERS, graph);
    const unexpected = upward.filter((u) => !ALLOWED_UPWARD.includes(edgeName(u)));
    assert.deepEqual(
      unexpected.map((u) => `${edgeName(u)} (${u.fromLayer} → ${u.toLayer})`),
      [],
      'upward imports (move the shared piece down to the layer both may import, or invert it through an interface)',
    );
    const stale = ALLOWED_UPWARD.filter((edge) => !upward.some((u) => edgeName(u) === edge));
    assert.deepEqual(stale, [], 'ALLOWED_UPWARD lists imports that are gone: delete them');
  });
});
