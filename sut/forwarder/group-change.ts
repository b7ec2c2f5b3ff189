// What the forwarder reads from kafkajs's errors, and how long it waits between attempts: pure
// helpers of the record processor.

// Group errors after which this member may no longer own its partitions: kafkajs's runner
// rejoins the group when eachMessage throws one of these (it would crash on the wrapped form).
const GROUP_CHANGE = new Set(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/** The group-change error in `error`'s cause chain, if any. */
export function groupChangeIn(error: unknown): Error | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (GROUP_CHANGE.has(String((e as { type?: unknown }).type))) return e;
  }
  return undefined;
}

/** Delay before retry number `attempt` (1-based): initial, doubled each time, capped at max. */
export function backoffMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
}
