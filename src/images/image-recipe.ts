// A recipe hash: what a local image is built from, so an image is rebuilt exactly when its
// Dockerfile, its context or its build arguments change, and reused otherwise.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Files larger than this are identified by name and size (jars carry their version in the name). */
const CONTENT_HASH_LIMIT_BYTES = 1024 * 1024;

export function recipeHash(contextDir: string, extra: Record<string, string> = {}): string {
  const hash = crypto.createHash('sha256');
  for (const [key, value] of Object.entries(extra).sort()) hash.update(`arg ${key}=${value}\n`);
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(contextDir, full);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const stat = fs.statSync(full);
      hash.update(`file ${relative} ${stat.size} ${stat.mode & 0o111 ? 'x' : '-'}\n`);
      if (stat.size <= CONTENT_HASH_LIMIT_BYTES) hash.update(fs.readFileSync(full));
    }
  };
  walk(contextDir);
  return hash.digest('hex').slice(0, 16);
}
