// Checksums as numbers. checksum() writes 16 lower-case hex digits — 64 bits — so each is kept as
// two Uint32s (8 bytes, no string per record); anything else (a hand-built "cs-a", a checksum of
// another form) is interned in the strings table. Two checksums are equal exactly when their
// strings are: the hex form is one-to-one, and a string that is not in that form never is.

import { GrowableColumn, int32Column, uint32Column } from './growable-column.js';
import { codeOf, type LedgerTables } from './ledger-tables.js';

/** text code of a checksum held as hex digits in hi/lo. */
export const HEX_CODE = -3;

export interface Checksums {
  /** The first 8 hex digits' value (HEX_CODE only). */
  readonly hi: Uint32Array;
  /** The last 8. */
  readonly lo: Uint32Array;
  /** HEX_CODE, a strings-table code, or NOT_STRING_CODE (malformed) / NULL_CODE. */
  readonly text: Int32Array;
}

/** The value of 8 lower-case hex digits of `s` from `from`, or -1 if they are not. */
function hex8(s: string, from: number): number {
  let value = 0;
  for (let k = from; k < from + 8; k++) {
    const c = s.charCodeAt(k);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

export class ChecksumColumnBuilder {
  private readonly hi = uint32Column();
  private readonly lo = uint32Column();
  private readonly text: GrowableColumn<Int32Array> = int32Column();

  constructor(private readonly tables: LedgerTables) {}

  push(value: unknown): void {
    if (typeof value === 'string' && value.length === 16) {
      const hi = hex8(value, 0);
      const lo = hi < 0 ? -1 : hex8(value, 8);
      if (lo >= 0) {
        this.hi.push(hi);
        this.lo.push(lo);
        this.text.push(HEX_CODE);
        return;
      }
    }
    this.hi.push(0);
    this.lo.push(0);
    this.text.push(codeOf(this.tables.strings, value));
  }

  reserve(records: number): void {
    this.hi.reserve(records);
    this.lo.reserve(records);
    this.text.reserve(records);
  }

  build(): Checksums {
    return { hi: this.hi.view(), lo: this.lo.view(), text: this.text.view() };
  }
}

/** Whether checksum `i` of `a` equals checksum `j` of `b` (columns over the same tables). */
export function sameChecksum(a: Checksums, i: number, b: Checksums, j: number): boolean {
  const text = a.text[i]!;
  if (text !== b.text[j]) return false;
  return text !== HEX_CODE || (a.hi[i] === b.hi[j] && a.lo[i] === b.lo[j]);
}

/** Whether the checksum is a string (the ledgers' shape), so that comparing it means something. */
export function isChecksumString(checksums: Checksums, i: number): boolean {
  return checksums.text[i]! === HEX_CODE || checksums.text[i]! >= 0;
}

/** The checksum as its string, as the ledger had it (null for a malformed one). */
export function checksumString(checksums: Checksums, i: number, tables: LedgerTables): string | null {
  const text = checksums.text[i]!;
  if (text === HEX_CODE) return checksums.hi[i]!.toString(16).padStart(8, '0') + checksums.lo[i]!.toString(16).padStart(8, '0');
  return text >= 0 ? tables.strings.get(text)! : null;
}
