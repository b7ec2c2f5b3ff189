// `chaos --shard i/n`: the scenario library split across n CI jobs, by feature file — a feature's
// scenarios share one cluster, so splitting inside a feature would boot it in several jobs (the
// reason this replaces cucumber's own --shard, which deals out scenarios one by one). The split is
// deterministic: features by scenario count, largest first (then by path), each to the shard with
// the fewest scenarios so far (then the lowest number). Every selected feature lands in exactly
// one shard, whatever the machine, so n jobs together run the library once.

import { ConfigError } from '../../util/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** "2/4" → { index: 2, total: 4 }; anything else is a one-line usage error. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || total > 64 || index < 1 || index > total) {
    throw new ConfigError(`--shard ${value} is not a shard: expected i/n with 1 ≤ i ≤ n ≤ 64`, { fix: 'e.g. --shard 1/4 … --shard 4/4' });
  }
  return { index, total };
}

/** The feature files of shard `shard`, in their original order, from each feature's selected scenario count. */
export function featuresOfShard(scenariosPerFeature: ReadonlyMap<string, number>, shard: Shard): string[] {
  const features = [...scenariosPerFeature.entries()]
    .filter(([, count]) => count > 0)
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0));
  const load = new Array<number>(shard.total).fill(0);
  const mine = new Set<string>();
  for (const [uri, count] of features) {
    let target = 0;
    for (let s = 1; s < shard.total; s++) if (load[s]! < load[target]!) target = s;
    load[target]! += count;
    if (target === shard.index - 1) mine.add(uri);
  }
  return [...scenariosPerFeature.keys()].filter((uri) => mine.has(uri));
}
