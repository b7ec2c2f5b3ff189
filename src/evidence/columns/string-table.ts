// Strings interned into dense codes: a ledger column then holds an Int32 per record instead of a
// string, each distinct string is kept once, and equal strings compare as equal codes. Codes
// count up from 0 in order of first sight; negative codes are left to callers for "no string".
//
// The strings live in one Uint16Array of UTF-16 code units with an open-addressing hash table of
// codes beside it, not in a Map of JS strings: a million message ids then cost ~40 MB of typed
// arrays outside the JS heap instead of ~100 MB of strings and Map entries the GC must trace.

/** FNV-1a over the UTF-16 code units. */
function hashOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < value.length; k++) hash = Math.imul(hash ^ value.charCodeAt(k), 0x01000193);
  return hash | 0;
}

const EMPTY = -1;

export class StringTable {
  private chars = new Uint16Array(1 << 12);
  private charsUsed = 0;
  /** code → its first code unit in chars, and one past its last. */
  private starts = new Int32Array(1 << 8);
  private ends = new Int32Array(1 << 8);
  private hashes = new Int32Array(1 << 8);
  private count = 0;
  /** Hash table of codes, EMPTY where free; at most half full. */
  private slots = new Int32Array(1 << 9).fill(EMPTY);
  // The last string interned: consecutive records mostly repeat their topic, path or SUT, and a
  // comparison is cheaper than hashing.
  private lastValue: string | undefined;
  private lastCode = -1;
  private readonly decoded: (string | undefined)[] = [];

  get size(): number {
    return this.count;
  }

  /** The string's code, adding it on first sight. */
  intern(value: string): number {
    if (value === this.lastValue) return this.lastCode;
    const hash = hashOf(value);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let code = this.slots[slot]!; code !== EMPTY; code = this.slots[slot]!) {
      if (this.hashes[code] === hash && this.equals(code, value)) return this.remember(value, code);
      slot = (slot + 1) & mask;
    }
    const code = this.add(value, hash);
    this.slots[slot] = code;
    if (this.count * 2 > this.slots.length) this.rehash();
    return this.remember(value, code);
  }

  /** The string's code, or -1 if it was never interned. */
  find(value: string): number {
    const hash = hashOf(value);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask, code = this.slots[slot]!; code !== EMPTY; slot = (slot + 1) & mask, code = this.slots[slot]!) {
      if (this.hashes[code] === hash && this.equals(code, value)) return code;
    }
    return -1;
  }

  /** The string of a code (undefined for a code never handed out). */
  get(code: number): string | undefined {
    if (!(code >= 0 && code < this.count)) return undefined;
    // Made once a code: the checker asks for a topic per log record, and for only a few ids.
    return (this.decoded[code] ??= this.decode(code));
  }

  private decode(code: number): string {
    const units = this.chars.subarray(this.starts[code], this.ends[code]);
    let text = '';
    // In pieces: fromCharCode takes its code units as arguments, and arguments are limited.
    for (let from = 0; from < units.length; from += 8192) text += String.fromCharCode(...units.subarray(from, from + 8192));
    return text;
  }

  private remember(value: string, code: number): number {
    this.lastValue = value;
    this.lastCode = code;
    return code;
  }

  private equals(code: number, value: string): boolean {
    const start = this.starts[code]!;
    if (this.ends[code]! - start !== value.length) return false;
    for (let k = 0; k < value.length; k++) if (this.chars[start + k] !== value.charCodeAt(k)) return false;
    return true;
  }

  private add(value: string, hash: number): number {
    if (this.count === this.starts.length) {
      const length = Math.ceil(this.count * 1.5); // by half, like the columns: less slack at millions of ids
      this.starts = grown(this.starts, length);
      this.ends = grown(this.ends, length);
      this.hashes = grown(this.hashes, length);
    }
    if (this.charsUsed + value.length > this.chars.length) {
      const bigger = new Uint16Array(Math.max(this.charsUsed + value.length, Math.ceil(this.chars.length * 1.5)));
      bigger.set(this.chars.subarray(0, this.charsUsed));
      this.chars = bigger;
    }
    for (let k = 0; k < value.length; k++) this.chars[this.charsUsed + k] = value.charCodeAt(k);
    const code = this.count++;
    this.starts[code] = this.charsUsed;
    this.charsUsed += value.length;
    this.ends[code] = this.charsUsed;
    this.hashes[code] = hash;
    return code;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let code = 0; code < this.count; code++) {
      let slot = this.hashes[code]! & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = code;
    }
  }
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}
