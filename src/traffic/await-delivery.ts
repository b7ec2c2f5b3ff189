// Waits until the target has answered 2xx to every id in a set, reading its ledger as it grows.
// A final drain with a bound, as Jepsen does: how long it took is a figure, a timeout is a finding.

import { readJsonl } from '../evidence/jsonl-reader.js';
import { waitFor } from '../util/wait-for.js';

interface LedgerLine {
  id: string | null;
  status: number | null;
}

export const isDelivered = (line: LedgerLine): boolean => line.status !== null && line.status >= 200 && line.status < 300;

/** Ids answered 2xx so far, with how many times each was. */
export async function deliveredCounts(ledgerPath: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const { records } = await readJsonl<LedgerLine>(ledgerPath);
  for (const line of records) if (line.id !== null && isDelivered(line)) counts.set(line.id, (counts.get(line.id) ?? 0) + 1);
  return counts;
}

export async function awaitDelivery(ledgerPath: string, ids: readonly string[], timeoutMs: number): Promise<Map<string, number>> {
  let missing = ids.length;
  return waitFor(
    async () => {
      const counts = await deliveredCounts(ledgerPath);
      missing = ids.filter((id) => !counts.has(id)).length;
      return missing === 0 ? counts : undefined;
    },
    {
      what: () => `the target to answer 2xx to all ${ids.length} messages (${missing} still missing) in ${ledgerPath}`,
      timeoutMs,
      intervalMs: 250,
    },
  );
}
