// The range checks steps share for their plain {int} arguments: one bound per meaning, so
// "3 brokers" is checked alike wherever a step takes a broker count.

import { requireInRange } from '../../src/scenario/parameters.js';

export { requireInRange };
export const brokers = (n: number) => requireInRange(n, 'brokers', 1, 9);
export const partitions = (n: number) => requireInRange(n, 'partitions', 1, 1000);
export const replicas = (n: number) => requireInRange(n, 'replicas', 1, 9);
export const instances = (n: number) => requireInRange(n, 'instances', 1, 20);
export const keys = (n: number) => requireInRange(n, 'distinct keys', 1, 100_000);
export const partitionNumber = (n: number) => requireInRange(n, 'as a partition number', 0, 999);
export const kbPerSecond = (n: number) => requireInRange(n, 'KB/s', 1, 1_000_000);
