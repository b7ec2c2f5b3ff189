// Java version parsing: `java -version` has used two numbering schemes, and vendors add text around it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJavaMajorVersion } from '../../src/setup/java.js';

describe('parseJavaMajorVersion', () => {
  it('reads the major version of the modern scheme', () => {
    const output = [
      'openjdk version "17.0.15" 2025-04-15',
      'OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)',
      'OpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)',
    ].join('\n');
    assert.equal(parseJavaMajorVersion(output), 17);
  });

  it('reads a bare major version and early-access suffixes', () => {
    assert.equal(parseJavaMajorVersion('openjdk version "21" 2023-09-19'), 21);
    assert.equal(parseJavaMajorVersion('openjdk version "22-ea" 2024-03-19'), 22);
    assert.equal(parseJavaMajorVersion('openjdk version "11.0.2-ea"'), 11);
  });

  it('reads the second number of the pre-9 "1.x" scheme', () => {
    assert.equal(parseJavaMajorVersion('java version "1.8.0_392"\nJava(TM) SE Runtime Environment'), 8);
  });

  it('skips JVM notices printed before the version line', () => {
    const output = 'Picked up JAVA_TOOL_OPTIONS: -Xmx512m\nopenjdk version "21.0.4" 2024-07-16 LTS';
    assert.equal(parseJavaMajorVersion(output), 21);
  });

  it('returns undefined when there is no version string', () => {
    assert.equal(parseJavaMajorVersion('Error: could not find libjava.so'), undefined);
    assert.equal(parseJavaMajorVersion(''), undefined);
  });
});
