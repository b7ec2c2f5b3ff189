// A column of numbers that grows as records are appended: a typed array with spare capacity,
// grown by half when full (less slack than doubling, which at 10M records is memory that
// counts). A ledger of millions of records then costs a few bytes a field instead of an object
// a record — the objects, not the numbers, were what filled the checker's heap.

/** The typed arrays a column can hold. */
export type NumberArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

export class GrowableColumn<A extends NumberArray> {
  private data: A;
  private size = 0;

  constructor(
    private readonly make: new (length: number) => A,
    initialCapacity = 1024,
  ) {
    this.data = new make(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[this.size++] = value;
  }

  /** The values so far, without copying (a view on the buffer, valid until the next push). */
  view(): A {
    return this.data.subarray(0, this.size) as A;
  }

  /** Makes room for `capacity` values at least, in one copy: a reader that knows the count ahead avoids the growth's copies and slack. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const bigger = new this.make(capacity);
    bigger.set(this.data.subarray(0, this.size));
    this.data = bigger;
  }

  private grow(): void {
    const bigger = new this.make(Math.ceil(this.data.length * 1.5));
    bigger.set(this.data);
    this.data = bigger;
  }
}

export const float64Column = (initialCapacity?: number) => new GrowableColumn(Float64Array, initialCapacity);
export const int32Column = (initialCapacity?: number) => new GrowableColumn(Int32Array, initialCapacity);
export const uint32Column = (initialCapacity?: number) => new GrowableColumn(Uint32Array, initialCapacity);
export const uint8Column = (initialCapacity?: number) => new GrowableColumn(Uint8Array, initialCapacity);
