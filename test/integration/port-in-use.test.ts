// A listener whose port another process holds: the start fails at once with one line naming
// the port, what wanted it, and how to find the holder — before anything is half started.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTargetProcess } from '../../src/environment/process/process-target.js';
import { startToxiproxyProcess } from '../../src/environment/process/process-toxiproxy.js';
import { RunDirectory } from '../../src/evidence/run-directory.js';
import { resolveToxiproxy } from '../../src/setup/toxiproxy-binary.js';
import { PortInUseError } from '../../src/util/errors.js';
import { LOOPBACK, freePort } from '../../src/util/ports.js';
import { removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

describe('a port already in use', () => {
  const runsRoot = tempRunsRoot('ports');
  const holder = net.createServer();
  let taken = 0;

  before(async () => {
    await new Promise<void>((resolve) => holder.listen(0, LOOPBACK, resolve));
    taken = (holder.address() as net.AddressInfo).port;
  });

  after(() => {
    holder.close();
    removeIfPassed(runsRoot, true);
  });

  const isPortInUse = (listener: RegExp) => (error: unknown) => {
    assert.ok(error instanceof PortInUseError, `a PortInUseError, not ${String(error)}`);
    assert.match(error.message, new RegExp(`port ${taken} on ${LOOPBACK}`));
    assert.match(error.message, listener);
    assert.match(error.message, /fix: stop that process/);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  };

  it('stops the HTTP target from starting, naming the port', async () => {
    const run = RunDirectory.create(runsRoot);
    await assert.rejects(
      startTargetProcess({ port: taken, controlPort: await freePort(), run, timeoutMs: 5000 }),
      isPortInUse(/\(HTTP target\)/),
    );
  });

  it('stops Toxiproxy from starting when its API port or a proxy port is taken', async () => {
    const run = RunDirectory.create(runsRoot);
    const { bin } = await resolveToxiproxy();
    await assert.rejects(
      startToxiproxyProcess({ bin, apiPort: taken, proxyPorts: {}, run, timeoutMs: 5000 }),
      isPortInUse(/\(Toxiproxy API\)/),
    );
    await assert.rejects(
      startToxiproxyProcess({ bin, apiPort: await freePort(), proxyPorts: { 'harness-b1': taken }, run, timeoutMs: 5000 }),
      isPortInUse(/\(Toxiproxy proxy harness-b1\)/),
    );
  });
});
