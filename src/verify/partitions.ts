// Topic-partitions, numbered densely so that per-partition data lives in arrays. Lookups go
// topic → partition → number through nested Maps: no key string is built per record.

export interface PartitionInfo {
  topic: string;
  partition: number;
  /** "p0", or "orders/p0" when more than one topic is judged. */
  label: string;
}

export class PartitionRegistry {
  readonly list: PartitionInfo[] = [];
  private readonly byTopic = new Map<string, Map<number, number>>();

  constructor(private readonly qualifyLabels: boolean) {}

  /** The partition's number, registering it on first sight. */
  get(topic: string, partition: number): number {
    let partitions = this.byTopic.get(topic);
    if (!partitions) {
      partitions = new Map();
      this.byTopic.set(topic, partitions);
    }
    let index = partitions.get(partition);
    if (index === undefined) {
      index = this.list.length;
      partitions.set(partition, index);
      this.list.push({ topic, partition, label: this.qualifyLabels ? `${topic}/p${partition}` : `p${partition}` });
    }
    return index;
  }

  /** The partition's number, or -1 if it was never seen. */
  find(topic: string, partition: number): number {
    return this.byTopic.get(topic)?.get(partition) ?? -1;
  }

  /** "p0@17". */
  position(partitionIndex: number, offset: number): string {
    return `${this.list[partitionIndex]?.label ?? '?'}@${offset}`;
  }
}

/** The first index in the sorted `values[from, to)` whose value is ≥ `target` (to if none). */
export function lowerBound(values: ArrayLike<number>, target: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in the sorted `values[from, to)` whose value is > `target` (to if none). */
export function upperBound(values: ArrayLike<number>, target: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
