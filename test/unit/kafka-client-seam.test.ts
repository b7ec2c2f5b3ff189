// The Kafka client seam holds: outside the kafkajs adapter, no file of src/ imports kafkajs, so
// the harness's own clients could move to another library by writing one adapter
// (docs/runtimes.md, Another client library for the harness). Imports are found with
// TypeScript's own parser — static and type-only imports, re-exports, import() and import types,
// require() — so a comment or a string naming kafkajs is not one. The finder is checked on
// hand-written sources first, so "none found" in the project means none is there.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { packageRoot } from '../../src/setup/project-paths.js';
import { typeScriptFiles } from '../support/import-graph.js';

/** The one file of src/ that may import the client library. */
const ADAPTER = 'src/environment/kafkajs-clients.ts';
const LIBRARY = 'kafkajs';

/** Every module specifier `text` imports in any form, in source order. */
function moduleSpecifiersOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) found.push((node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const importsLibrary = (fileName: string, text: string): boolean =>
  moduleSpecifiersOf(fileName, text).some((s) => s === LIBRARY || s.startsWith(`${LIBRARY}/`));

describe('finding imports of the client library', () => {
  it('finds every form of import', () => {
    for (const text of [
      "import { Kafka } from 'kafkajs';",
      "import type { Admin } from 'kafkajs';",
      "export { logLevel } from 'kafkajs';",
      "import * as k from 'kafkajs/src/index.js';",
      "const k = await import('kafkajs');",
      "type A = import('kafkajs').Admin;",
      "const k = require('kafkajs');",
      "import k = require('kafkajs');",
      "function f() { return import('kafkajs'); }",
    ]) {
      assert.ok(importsLibrary('a.ts', text), text);
    }
  });

  it('ignores comments, strings and other modules', () => {
    for (const text of [
      "// import { Kafka } from 'kafkajs';",
      'const hint = "import { Kafka } from \'kafkajs\'";',
      "import { x } from './kafkajs-clients.js';",
      "import { y } from 'kafkajs-extra';",
      "import { Kafka } from '@confluentinc/kafka-javascript';",
    ]) {
      assert.ok(!importsLibrary('a.ts', text), text);
    }
  });
});

describe('the project', () => {
  it(`imports ${LIBRARY} in src/ only in ${ADAPTER}`, () => {
    const files = typeScriptFiles(packageRoot, ['src']);
    assert.ok(
      files.length > 100 && files.includes(ADAPTER),
      `src/ was not read (${files.length} files, adapter among them: ${files.includes(ADAPTER)})`,
    );
    const importing = files.filter((file) => importsLibrary(file, fs.readFileSync(path.join(packageRoot, file), 'utf8')));
    assert.ok(importing.includes(ADAPTER), `${ADAPTER} imports ${LIBRARY}: the scan sees imports`);
    assert.deepEqual(
      importing.filter((file) => file !== ADAPTER),
      [],
      `files of src/ importing ${LIBRARY} outside the adapter (use the seam's types, src/environment/kafka-client-seam.ts, ` +
        `and put what needs ${LIBRARY} itself into ${ADAPTER})`,
    );
  });
});
