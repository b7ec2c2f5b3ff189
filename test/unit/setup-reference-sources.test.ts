// The reference forwarders that setup builds are cached per digest of their source files: a source
// file the digest leaves out would let an edited forwarder run as its stale build. Every .go and
// .java file in their folders must be among the files hashed (and, for Java, compiled).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { GO_FORWARDER_SOURCES, GO_FORWARDER_SOURCE_DIR } from '../../src/setup/go-forwarder-binary.js';
import { JAVA_FORWARDER_SOURCES, JAVA_FORWARDER_SOURCE_DIR } from '../../src/setup/java-forwarder-build.js';

const sourcesIn = (dir: string, extension: string) =>
  fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(extension))
    .sort();

describe("the reference forwarders' build digests", () => {
  it('hash every Go source file of sut/go-forwarder, and go.mod and go.sum', () => {
    assert.deepEqual(GO_FORWARDER_SOURCES.filter((file) => file.endsWith('.go')).sort(), sourcesIn(GO_FORWARDER_SOURCE_DIR, '.go'));
    assert.ok(GO_FORWARDER_SOURCES.includes('go.mod') && GO_FORWARDER_SOURCES.includes('go.sum'));
  });

  it('hash and compile every Java source file of sut/java-forwarder', () => {
    assert.deepEqual([...JAVA_FORWARDER_SOURCES].sort(), sourcesIn(JAVA_FORWARDER_SOURCE_DIR, '.java'));
  });
});
