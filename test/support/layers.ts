// The layer rule over the import graph (test/support/import-graph.ts): folders (or single files)
// are assigned to layers, listed top first; a file may import its own layer and those below it,
// never one above. A file's layer is that of the longest assigned path containing it, so a
// subfolder inherits its parent's layer unless it is assigned one of its own.

import fs from 'node:fs';
import path from 'node:path';
import type { ImportGraph } from './import-graph.js';

export interface Layer {
  name: string;
  /** Folders or files, relative to the project root, '/'-separated. */
  paths: readonly string[];
}

export interface UpwardImport {
  from: string;
  fromLayer: string;
  to: string;
  toLayer: string;
}

/** A path of the table contains `file` when it is the file or one of its folders. */
const contains = (assigned: string, file: string): boolean => file === assigned || file.startsWith(`${assigned}/`);

/** The index (0 = top) and name of the file's layer, or undefined when no assigned path holds it. */
export function layerOf(layers: readonly Layer[], file: string): { index: number; name: string } | undefined {
  let best: { index: number; name: string; length: number } | undefined;
  layers.forEach((layer, index) => {
    for (const assigned of layer.paths) {
      if (contains(assigned, file) && (!best || assigned.length > best.length)) best = { index, name: layer.name, length: assigned.length };
    }
  });
  return best && { index: best.index, name: best.name };
}

/** "from → to" for an edge, as the allowlist and the failure message write it. */
export const edgeName = (edge: { from: string; to: string }): string => `${edge.from} → ${edge.to}`;

/** Every import of the graph that points to a layer above the importer's, in graph order. */
export function upwardImports(layers: readonly Layer[], graph: ImportGraph): UpwardImport[] {
  const found: UpwardImport[] = [];
  for (const [from, targets] of graph) {
    const fromLayer = layerOf(layers, from);
    if (!fromLayer) continue; // unassigned files are the unassigned-folder check's to report
    for (const to of targets) {
      const toLayer = layerOf(layers, to);
      if (toLayer && toLayer.index < fromLayer.index) found.push({ from, fromLayer: fromLayer.name, to, toLayer: toLayer.name });
    }
  }
  return found;
}

/** Every folder under `top` (itself included), relative to root, sorted. */
export function foldersUnder(root: string, top: string): string[] {
  const folders: string[] = [top];
  for (let i = 0; i < folders.length; i++) {
    for (const entry of fs.readdirSync(path.join(root, folders[i]!), { withFileTypes: true })) {
      if (entry.isDirectory()) folders.push(path.posix.join(folders[i]!, entry.name));
    }
  }
  return folders.sort();
}

/** The folders that no assigned path covers (a folder is covered when it, or a folder above it, is assigned). */
export function unassignedFolders(layers: readonly Layer[], folders: readonly string[]): string[] {
  return folders.filter((folder) => !layers.some((layer) => layer.paths.some((assigned) => contains(assigned, folder))));
}
