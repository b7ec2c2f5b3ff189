// Private directories that a download or build fills before it is renamed into the cache, so a
// half-finished result is never used. A run killed mid-download (Ctrl-C) cannot clean up after
// itself, so each new staging directory first sweeps up old ones with the same prefix.

import fs from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

/** Older than any real download or build; younger ones may belong to a setup running right now. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** Creates `<parent>/<prefix>` plus six random characters, readable by all (the cache may be shared), after removing stale ones. */
export async function makeStagingDir(parent: string, prefix: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const stale = path.join(parent, name);
    try {
      if (Date.now() - fs.statSync(stale).mtimeMs > STALE_AFTER_MS) await rm(stale, { recursive: true, force: true });
    } catch {
      // Removed by another setup in the meantime: nothing left to sweep.
    }
  }
  const dir = await mkdtemp(path.join(parent, prefix));
  await chmod(dir, 0o755);
  return dir;
}
