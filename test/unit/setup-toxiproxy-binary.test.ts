// Reading toxiproxy-server and go output: the version a binary reports, and why a build failed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goFailureReason } from '../../src/setup/go-build.js';
import { parseToxiproxyVersion } from '../../src/setup/toxiproxy-binary.js';

describe('parseToxiproxyVersion', () => {
  it('reads the version toxiproxy-server -version prints', () => {
    assert.equal(parseToxiproxyVersion('toxiproxy-server version 2.12.0\n'), 'v2.12.0');
    assert.equal(parseToxiproxyVersion('toxiproxy-server version git\n'), 'git');
    assert.equal(parseToxiproxyVersion('flag provided but not defined: -version'), undefined);
  });
});

describe('goFailureReason', () => {
  it('picks the go error line over the echoed command and trailing noise', () => {
    const log = [
      '$ /usr/local/go/bin/go install github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0',
      'go: github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0: dial tcp 127.0.0.1:9: connect: connection refused',
      '',
    ].join('\n');
    assert.equal(
      goFailureReason(log),
      'go: github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0: dial tcp 127.0.0.1:9: connect: connection refused',
    );
  });

  it('picks a compiler error, or the last line, or says there was none', () => {
    assert.equal(goFailureReason('# pkg\n/x/main.go:3:2: undefined: y\n'), '/x/main.go:3:2: undefined: y');
    assert.equal(goFailureReason('something\nkilled\n'), 'killed');
    assert.equal(goFailureReason('$ go install x\n'), 'no output');
  });
});
