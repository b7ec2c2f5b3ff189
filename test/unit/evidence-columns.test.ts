// The columnar ledgers' building blocks (src/evidence/columns/), on hand-built values: a column
// that grows and keeps every value, a string table that gives one dense code per string, checksums
// kept as numbers that compare exactly as their strings do, and builders whose records read back
// as they went in.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isChecksumString, sameChecksum, ChecksumColumnBuilder, checksumString } from '../../src/evidence/columns/checksum-column.js';
import { DeliveredColumnsBuilder, isSuccessAt } from '../../src/evidence/columns/delivered-columns.js';
import { float64Column, int32Column } from '../../src/evidence/columns/growable-column.js';
import { LedgerTables, NOT_STRING_CODE, NULL_CODE } from '../../src/evidence/columns/ledger-tables.js';
import { producedColumns, ProducedColumnsBuilder, OUTCOME_OK } from '../../src/evidence/columns/produced-columns.js';
import { StringTable } from '../../src/evidence/columns/string-table.js';
import type { DeliveryRecord, ProducedRecord } from '../../src/evidence/ledger-records.js';

describe('a growable column', () => {
  it('keeps every value pushed past its capacity, in order', () => {
    const column = float64Column(2);
    for (let i = 0; i < 100; i++) column.push(i * 1.5);
    assert.equal(column.length, 100);
    assert.deepEqual(
      [...column.view()],
      Array.from({ length: 100 }, (_, i) => i * 1.5),
    );
  });

  it('keeps its values through reserve, and reserve never shrinks it', () => {
    const column = int32Column(4);
    column.push(7);
    column.push(-8);
    column.reserve(1000);
    column.reserve(1); // smaller than held: no effect
    column.push(9);
    assert.deepEqual([...column.view()], [7, -8, 9]);
  });

  it('stores what its array type stores (an Int32 column wraps, as Int32Array does)', () => {
    const column = int32Column();
    column.push(2 ** 31);
    assert.equal(column.view()[0], -(2 ** 31));
  });
});

describe('a string table', () => {
  it('gives dense codes in order of first sight, the same code for the same string', () => {
    const table = new StringTable();
    assert.deepEqual(
      ['a', 'b', 'a', 'c', 'b', 'b'].map((s) => table.intern(s)),
      [0, 1, 0, 2, 1, 1],
    );
    assert.equal(table.size, 3);
    assert.equal(table.get(2), 'c');
    assert.equal(table.get(3), undefined);
  });

  it('finds only what was interned', () => {
    const table = new StringTable();
    table.intern('x');
    assert.equal(table.find('x'), 0);
    assert.equal(table.find('y'), -1);
    assert.equal(table.size, 1, 'find adds nothing');
  });

  it('keeps every string through its growth, whatever its characters or length', () => {
    const table = new StringTable();
    const values = Array.from({ length: 5000 }, (_, i) => `id-${i}`);
    values.push('', 'é€😀', '\ud800 lone surrogate', 'x'.repeat(20_000));
    const codes = values.map((v) => table.intern(v));
    assert.deepEqual(
      codes,
      values.map((_, i) => i),
    );
    assert.deepEqual(
      values.map((_, i) => table.get(i)),
      values,
    );
    assert.deepEqual(
      values.map((v) => table.find(v)),
      codes,
    );
    assert.equal(table.find('id-5000'), -1);
  });

  it('tells equal strings built apart from the last one interned', () => {
    const table = new StringTable();
    const a = table.intern(['ab', 'cd'].join(''));
    assert.equal(table.intern('ab' + 'cd'), a);
    assert.notEqual(table.intern('abce'), a);
  });
});

describe('checksums as numbers', () => {
  const column = (values: unknown[]) => {
    const builder = new ChecksumColumnBuilder(new LedgerTables());
    for (const value of values) builder.push(value);
    return builder.build();
  };

  it('equal exactly when their strings are, hex or not', () => {
    const values = [
      '0123456789abcdef',
      '0123456789abcdef',
      '0123456789abcdee',
      '0123456789ABCDEF',
      'cs-a',
      'cs-a',
      'cs-b',
      'ffffffffffffffff',
    ];
    const checksums = column(values);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++)
        assert.equal(sameChecksum(checksums, i, checksums, j), values[i] === values[j], `${values[i]} vs ${values[j]}`);
    }
  });

  it('read back as the strings they were', () => {
    const tables = new LedgerTables();
    const builder = new ChecksumColumnBuilder(tables);
    const values = ['00000000000000ff', 'ffffffff00000000', 'not-hex-at-all!!', 'short'];
    for (const value of values) builder.push(value);
    const checksums = builder.build();
    assert.deepEqual(
      values.map((_, i) => checksumString(checksums, i, tables)),
      values,
    );
  });

  it('know a checksum that is not a string', () => {
    const checksums = column(['00000000000000ff', 42, null]);
    assert.deepEqual(
      [0, 1, 2].map((i) => isChecksumString(checksums, i)),
      [true, false, false],
    );
    assert.deepEqual([checksums.text[1], checksums.text[2]], [NOT_STRING_CODE, NULL_CODE]);
  });
});

describe('ledger columns', () => {
  const sent: ProducedRecord = {
    id: 'm-1',
    topic: 'orders',
    key: 'k',
    checksum: '0123456789abcdef',
    sentAt: 10,
    endedAt: 12,
    outcome: 'ok',
    partition: 2,
    offset: 40,
  };
  const failed: ProducedRecord = { ...sent, id: 'm-2', key: null, outcome: 'failed', partition: null, offset: null, error: 'refused' };

  it('read a record back as it went in when built from a ledger (no source kept)', () => {
    const builder = new ProducedColumnsBuilder(new LedgerTables());
    builder.push(sent);
    builder.push(failed);
    const columns = builder.build();
    assert.equal(columns.source, undefined);
    assert.deepEqual([...columns], [sent, failed]);
    assert.deepEqual([columns.outcome[0], Number.isNaN(columns.partition[1])], [OUTCOME_OK, true]);
  });

  it('share ids across ledgers through their tables', () => {
    const tables = new LedgerTables();
    const produced = producedColumns([sent, failed], tables);
    const delivered = new DeliveredColumnsBuilder(tables);
    const answered: DeliveryRecord = {
      id: 'm-2',
      receivedAt: 20,
      checksum: 'cs',
      bytes: 3,
      method: 'POST',
      path: '/',
      sutInstance: null,
      outcome: 'answered',
      status: 204,
      answeredAt: 21,
    };
    delivered.push(answered);
    delivered.push({ ...answered, id: null, outcome: 'dropped', status: null, answeredAt: null });
    const columns = delivered.build();
    assert.equal(columns.id[0], produced.id[1]);
    assert.equal(columns.id[1], NULL_CODE);
    assert.deepEqual([isSuccessAt(columns, 0), isSuccessAt(columns, 1)], [true, false]);
    assert.deepEqual(columns.record(0), answered);
  });

  it('keep hand-built records as their source, and code a malformed field as such', () => {
    const odd = { ...sent, id: 7 as unknown as string, sentAt: '10' as unknown as number };
    const columns = producedColumns([odd], new LedgerTables());
    assert.equal(columns.record(0), odd, 'the very record, so an error can quote its field');
    assert.equal(columns.id[0], NOT_STRING_CODE);
    assert.ok(Number.isNaN(columns.sentAtMs[0]));
  });
});
