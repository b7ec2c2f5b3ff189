// The project's module graph as the compiler sees it, for the import-cycle test: every static
// `import … from` and `export … from` (type-only ones included: a cycle of types is still a knot
// in the design), relative specifiers only, resolved from the emitted .js name to its .ts source.
// Parsed with TypeScript's own parser, so comments, strings and multi-line import lists cannot
// hide or invent an edge. Dynamic import() is left out: it does not run at load time.

import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** file (relative to the root, '/'-separated) → the files it imports, in source order. */
export type ImportGraph = Map<string, string[]>;

/** The relative module specifiers a file imports or re-exports statically. */
export function relativeImportsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) specifiers.push(specifier.text);
  }
  return specifiers;
}

/** Every .ts file under the given folders of root, relative to root, sorted. */
export function typeScriptFiles(root: string, folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(relative);
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

/**
 * The graph of the given files. A specifier that resolves to no file is an error (thrown, naming
 * it), so a resolution slip cannot silently drop an edge; one that resolves outside the given files
 * (a .json, a .mjs, a folder not scanned) is not an edge.
 */
export function importGraph(root: string, files: string[]): ImportGraph {
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const targets: string[] = [];
    for (const specifier of relativeImportsOf(file, fs.readFileSync(path.join(root, file), 'utf8'))) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const source = target.replace(/\.js$/, '.ts');
      if (known.has(source)) targets.push(source);
      else if (!fs.existsSync(path.join(root, source)) && !fs.existsSync(path.join(root, target)))
        throw new Error(`${file}: import '${specifier}' resolves to no file (looked for ${source}) — fix: correct the specifier`);
    }
    graph.set(file, targets);
  }
  return graph;
}

/**
 * One cycle per strongly connected component that has one (Tarjan's algorithm, iterative so a
 * deep graph cannot overflow the stack), each as a path that starts and ends at the component's
 * first file in sorted order: ['a.ts', 'b.ts', 'a.ts']. A file importing itself is a cycle too.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components
    .filter((c) => c.length > 1 || (graph.get(c[0]!) ?? []).includes(c[0]!))
    .map((c) => cycleThrough(graph, c))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The shortest way from the component's first file back to itself, inside the component. */
function cycleThrough(graph: ImportGraph, component: string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const cycle = [start];
        for (let at: string | undefined = node; at !== start && at !== undefined; at = cameFrom.get(at)) cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  throw new Error(`no cycle through ${start} in its component ${component.join(', ')}`);
}
