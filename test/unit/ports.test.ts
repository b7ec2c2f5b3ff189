// Listener ports: drawn below the kernel's ephemeral range (where outgoing connections take their
// local ports), distinct, and bindable on loopback.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { describe, it } from 'node:test';
import { LOOPBACK, freePorts } from '../../src/util/ports.js';

describe('freePort', () => {
  it('draws distinct bindable ports below the ephemeral range', async () => {
    const ephemeralStart = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = Object.values(await freePorts(['a', 'b', 'c', 'd', 'e', 'f']));
    assert.equal(new Set(ports).size, 6);
    for (const port of ports) {
      assert.ok(port >= 20000 && port < ephemeralStart, `${port} is outside 20000..${ephemeralStart - 1}`);
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, LOOPBACK, () => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
