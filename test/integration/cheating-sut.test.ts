// The SUT cannot reach its referee: on each runtime a SUT written to cheat (test/fixtures/
// cheating-sut/main.mjs) hunts for the target's and Toxiproxy's controls by every obvious route —
// its environment and command line, other processes' under /proc, the run directory, the
// well-known addresses, every port and secret-looking string it finds — and tries to take the
// target down, change its behaviour, and disable or poison the proxies. It must have tried many
// routes, reached the real control ports (and been refused there), and changed nothing. Its own
// environment must hold no variable of the runner's outside the allowlist.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { StartedEnvironment, SutDefinition } from '../../src/environment/runtime.js';
import { createTopic } from '../../src/environment/kafka-clients.js';
import { INHERITED_VARIABLES } from '../../src/environment/process/child-environment.js';
import { dockerClient } from '../../src/images/docker-client.js';
import { buildImage } from '../../src/images/image-store.js';
import { RunImages } from '../../src/images/local-images.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { waitFor } from '../../src/util/wait-for.js';
import { environmentForSuite, runtimesUnderTest } from '../support/test-environment.js';

const FIXTURE_DIR = path.join(packageRoot, 'test', 'fixtures', 'cheating-sut');
const CHEATER_IMAGE = 'kafka-chaos-test/cheating-sut:latest';
// Set in the runner before any environment starts: it must never reach the SUT's environment.
const FAKE_SECRET = `not-for-the-sut-${process.pid}`;
process.env.KAFKA_CHAOS_TEST_FAKE_SECRET = FAKE_SECRET;

interface Attempt {
  kind: 'attempt';
  /** The routes by which the cheater found this endpoint. */
  sources: string[];
  endpoint: string;
  method: string;
  path: string;
  bearer: boolean;
  status?: number;
  error?: string;
}

const CHEATERS = {
  process: { command: [process.execPath, path.join(FIXTURE_DIR, 'main.mjs')], startupGraceMs: 500 },
  container: { image: CHEATER_IMAGE, startupGraceMs: 1000 },
} satisfies Record<string, SutDefinition>;

/** Routes each runtime's cheater must have read, and found endpoints by (a container sees no other process). */
const ROUTES = {
  process: {
    read: ['env', 'cmdline', 'proc-cmdline', 'proc-environ', 'proc-stdin', 'run-files'],
    found: ['env', 'proc-net-tcp', 'well-known'],
    attempts: 50,
  },
  container: { read: ['env', 'cmdline', 'proc-environ'], found: ['env', 'well-known', 'port-sweep'], attempts: 30 },
};

for (const runtime of runtimesUnderTest())
  describe(`${runtime} runtime: a cheating SUT cannot reach the referee`, { timeout: 240_000 }, () => {
    before(async () => {
      if (runtime !== 'container') return;
      // The cheater's image: its script on the forwarder's image, which has node.
      const docker = dockerClient();
      const base = await new RunImages(docker).forwarder();
      const logPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-cheater-image-')), 'build.log');
      await buildImage(docker, {
        tag: CHEATER_IMAGE,
        contextDir: FIXTURE_DIR,
        entries: ['Dockerfile', 'main.mjs'],
        buildArgs: { BASE_IMAGE: base },
        logPath,
      });
    });
    const suite = environmentForSuite(`cheater-${runtime}`, (environment) => environment.withSut('cheater', CHEATERS[runtime]), runtime);
    let env: StartedEnvironment;
    before(() => ({ env } = suite));

    it(
      'tries every route, is refused at the real control ports, and changes nothing',
      suite.track(async () => {
        const proxiesBefore = await env.network.snapshot();
        const targetBefore = await env.target.control.state();
        await createTopic(suite.admin, { topic: 'cheat', partitions: 1 });
        const fleet = await env.startSut({ sut: 'cheater', topic: 'cheat', groupId: 'cheater', instances: 1 });
        try {
          const logPath = fleet.instance(1).logPath;
          const lines = await waitFor(
            () => {
              const parsed = fs
                .readFileSync(logPath, 'utf8')
                .split('\n')
                .filter((l) => l.startsWith('{'))
                .map((l) => JSON.parse(l) as { kind: string });
              return parsed.some((l) => l.kind === 'done') && parsed;
            },
            { what: `the cheater's "done" line in ${logPath}`, timeoutMs: 120_000, intervalMs: 500 },
          );
          const attempts = lines.filter((l): l is Attempt => l.kind === 'attempt');
          const done = lines.find((l) => l.kind === 'done') as unknown as { read: string[] };
          const sources = new Set(attempts.flatMap((a) => a.sources));
          assert.ok(attempts.length >= ROUTES[runtime].attempts, `only ${attempts.length} attempts`);
          for (const route of ROUTES[runtime].read)
            assert.ok(done.read.includes(route), `the cheater never read route "${route}" (read: ${done.read.join(', ')})`);
          for (const route of ROUTES[runtime].found)
            assert.ok(sources.has(route), `no attempt at an endpoint found by "${route}" (found by: ${[...sources].join(', ')})`);

          // It found the real control ports: the target's answered /down with 403, Toxiproxy's /proxies with 403.
          const targetControl = `${runtime === 'container' ? 'target' : '127.0.0.1'}:${env.target.control.controlPort}`;
          const refusedAt = (endpoint: string, p: string) =>
            attempts.some((a) => a.endpoint === endpoint && a.path.endsWith(p) && a.status === 403);
          assert.ok(refusedAt(targetControl, '/down'), `no refused /down at the target's control port ${targetControl}`);
          assert.ok(
            attempts.some((a) => a.path.endsWith('/proxies') && a.status === 403),
            'no refused call at the Toxiproxy API',
          );
          const succeeded = attempts.filter((a) => a.status !== undefined && a.status < 300 && a.endpoint !== new URL(env.target.url).host);
          assert.deepEqual(succeeded, [], 'no control call succeeded (only the data listener answers 2xx)');

          const targetAfter = await env.target.control.state();
          assert.equal(targetAfter.listening, true, 'the target is still up');
          assert.deepEqual(targetAfter.behavior, targetBefore.behavior, "the target's behaviour is unchanged");
          assert.deepEqual(await env.network.snapshot(), proxiesBefore, 'every proxy as it was: enabled, no toxics, none added');

          // Its environment: no variable of the runner's beyond the allowlist.
          const dumped = (lines.find((l) => l.kind === 'env') as unknown as { env: Record<string, string> }).env;
          const allowed = new Set<string>([...INHERITED_VARIABLES]);
          const leaked = Object.keys(dumped).filter(
            (name) => process.env[name] === dumped[name] && !allowed.has(name) && !name.startsWith('KAFKA_CHAOS_RUN'),
          );
          assert.deepEqual(leaked, [], "runner variables in the SUT's environment");
          assert.ok(!Object.values(dumped).some((value) => value.includes(FAKE_SECRET)), 'the fake secret reached the SUT');
        } finally {
          await fleet.stopAll();
        }
      }),
    );
  });
