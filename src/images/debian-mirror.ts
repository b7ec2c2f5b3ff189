// Where debootstrap fetches Debian from: the mirror this machine's apt already uses (read from
// /etc/apt, never written into the project), or KAFKA_CHAOS_DEBIAN_MIRROR.

import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../util/errors.js';

/** The main archive's URI from apt sources text (deb822 `.sources` or one-line `sources.list`). */
export function mainArchiveUri(text: string): string | undefined {
  const uris = [
    ...[...text.matchAll(/^URIs:\s*(.+)$/gm)].flatMap((match) => match[1]!.trim().split(/\s+/)),
    ...[...text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm)].map((match) => match[1]!),
  ];
  // The main archive ends in /debian; the security archive (…/debian-security) cannot bootstrap.
  return uris.find((uri) => /^https?:\/\/.+\/debian\/?$/.test(uri));
}

export function debianMirror(env: NodeJS.ProcessEnv = process.env, aptDir = '/etc/apt'): string {
  if (env.KAFKA_CHAOS_DEBIAN_MIRROR) return env.KAFKA_CHAOS_DEBIAN_MIRROR;
  const files = [path.join(aptDir, 'sources.list')];
  const listDir = path.join(aptDir, 'sources.list.d');
  if (fs.existsSync(listDir)) {
    for (const name of fs.readdirSync(listDir).sort()) {
      if (name.endsWith('.sources') || name.endsWith('.list')) files.push(path.join(listDir, name));
    }
  }
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const uri = mainArchiveUri(fs.readFileSync(file, 'utf8'));
    if (uri) return uri;
  }
  throw new ConfigError(`no Debian mirror found in ${aptDir} to build the local base image from`, {
    fix: 'set KAFKA_CHAOS_DEBIAN_MIRROR to the URL of a Debian mirror you can reach',
  });
}

/** The host's Debian codename (the base image matches it, so host binaries run inside). */
export function debianSuite(osRelease = '/etc/os-release'): string {
  try {
    const match = /^VERSION_CODENAME=(\w+)/m.exec(fs.readFileSync(osRelease, 'utf8'));
    if (match) return match[1]!;
  } catch {
    // not Debian-like: the default suite below
  }
  return 'bookworm';
}

/** The python3 of a Debian release (the Python forwarder's image needs wheels built for it). */
export function debianPython(suite: string): string {
  const versions: Record<string, string> = { bullseye: '3.9', bookworm: '3.11', trixie: '3.13', forky: '3.13' };
  return versions[suite] ?? '3.11';
}
