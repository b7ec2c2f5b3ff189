// The per-run secret that separates the harness from the system under test at the target's and
// Toxiproxy's control APIs: made in the harness's memory, handed to the target and the guarded
// Toxiproxy without a command line or an environment a SUT could read, and asked for on every
// control call. A SUT that finds a control port still gets 403.

import crypto from 'node:crypto';

/** 64 hex characters: unguessable, and safe in a URL path (the guarded Toxiproxy's prefix). */
export function newControlSecret(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** Does an Authorization header carry `Bearer <secret>`? Compared in constant time. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  if (!match) return false;
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(match[1]!), digest(secret));
}
