// faults.jsonl: an injection is on disk at once (a runner killed mid-fault still shows the
// fault), its heal is appended under the same id, and the ledger reader keeps the last record.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import { LEDGER_FILES, type FaultRecord } from '../../src/evidence/ledger-records.js';
import { readLedgers } from '../../src/evidence/read-ledgers.js';
import { FaultLedger } from '../../src/evidence/fault-ledger.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-faults-'));
const runDir = { file: (name: string) => path.join(scratch, name) };

describe('FaultLedger and the faults it leaves', () => {
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('writes an injection at once, appends its heal, and reads back one record per fault', async () => {
    const ledger = new FaultLedger(runDir);
    const outage = ledger.injected('target-down', 'target', { mode: 'refuse' });
    ledger.injected('isolate-broker', 'broker-2'); // never healed
    const onDisk = (await readJsonl<FaultRecord>(runDir.file(LEDGER_FILES.faults))).records;
    assert.deepEqual(
      onDisk.map((r) => [r.id, r.healedAt]),
      [
        ['target-down-1', null],
        ['isolate-broker-2', null],
      ],
      'both on disk before any heal',
    );

    outage.healed();
    outage.healed(); // a second heal changes nothing
    ledger.close();
    const { faults } = await readLedgers(scratch);
    assert.equal(faults.length, 2);
    const healed = faults.find((f) => f.id === 'target-down-1')!;
    assert.ok(healed.healedAt !== null && healed.healedAt >= healed.injectedAt);
    assert.deepEqual(healed.params, { mode: 'refuse' });
    assert.equal(faults.find((f) => f.id === 'isolate-broker-2')!.healedAt, null, 'never healed: an open window');
  });
});
