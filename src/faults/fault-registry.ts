// Every fault kind the loaded support code defines, by name. A fault family's file calls
// defineFault at load time; the session, the heal paths and the registry test read kinds from
// here, and a fault's identity is its kind object — never its name's spelling.

import type { AnyFaultKind, FaultKind } from './fault-kind.js';

const kinds = new Map<string, AnyFaultKind>();

/** Registers a kind (its name must be new) and returns it, typed, for its family's steps. */
export function defineFault<Params extends object>(kind: FaultKind<Params>): FaultKind<Params> {
  if (kinds.has(kind.name)) throw new Error(`fault "${kind.name}" is defined twice`);
  kinds.set(kind.name, kind);
  return kind;
}

/** Every registered kind, in definition order. */
export function faultKinds(): ReadonlyArray<AnyFaultKind> {
  return [...kinds.values()];
}

export function faultKind(name: string): AnyFaultKind | undefined {
  return kinds.get(name);
}

/** The fault table of docs/steps.md: | fault | layer | what it does |. */
export function faultsMarkdown(): string {
  const rows = faultKinds().map((k) => `| \`${k.name}\` | ${k.layer} | ${k.summary} |`);
  return ['| fault (faults.jsonl) | layer | what it does |', '|---|---|---|', ...rows].join('\n');
}
