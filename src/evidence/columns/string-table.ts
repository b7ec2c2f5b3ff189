// Strings interned into dense codes: a ledger column then holds an Int32 per record instead of a
// string, each distinct string is kept once, and equal strings compare as equal codes. Codes
// count up from 0 in order of first sight; negative codes are left to callers for "no string".

export class StringTable {
  private readonly codes = new Map<string, number>();
  private readonly strings: string[] = [];
  // The last string interned: consecutive records mostly repeat their topic, path or SUT, and a
  // comparison is cheaper than hashing a fresh string.
  private lastValue: string | undefined;
  private lastCode = -1;

  get size(): number {
    return this.strings.length;
  }

  /** The string's code, adding it on first sight. */
  intern(value: string): number {
    if (value === this.lastValue) return this.lastCode;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(value);
      this.codes.set(value, code);
    }
    this.lastValue = value;
    this.lastCode = code;
    return code;
  }

  /** The string's code, or -1 if it was never interned. */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  /** The string of a code (undefined for a code never handed out). */
  get(code: number): string | undefined {
    return this.strings[code];
  }
}
