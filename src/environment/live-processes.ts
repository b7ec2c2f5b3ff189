// Every process this runner started and that still runs. On Ctrl-C (SIGINT), SIGTERM, or any
// exit of the runner, they are stopped: no broker or SUT outlives the run that started it.
// (A runner killed with SIGKILL cannot react; `npm run chaos:clean` finds those by label.)
// Runtime-neutral: the process runtime registers its children here, and every environment
// (composed-environment.ts, for either runtime) its orderly teardown — so it sits beside them,
// not inside process/.

/** What this registry needs of a live process (a ManagedProcess is one): a way to kill it. */
export interface KillableProcess {
  signal(signal: NodeJS.Signals): void;
}

const disposers = new Set<() => Promise<void>>();
let installed = false;

export const liveProcesses = {
  items: new Set<KillableProcess>(),
  add(process_: KillableProcess): void {
    this.items.add(process_);
    installHandlers();
  },
  delete(process_: KillableProcess): void {
    this.items.delete(process_);
  },
};

/** Registers an async teardown (an environment's dispose) to run first on a signal. */
export function onInterrupt(dispose: () => Promise<void>): () => void {
  disposers.add(dispose);
  installHandlers();
  return () => disposers.delete(dispose);
}

function killAllNow(): void {
  for (const process_ of liveProcesses.items) process_.signal('SIGKILL');
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Orderly teardown first, bounded: a hung dispose must not keep the user waiting.
      const orderly = Promise.allSettled([...disposers].map((dispose) => dispose()));
      const bound = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
      void Promise.race([orderly, bound]).finally(() => {
        killAllNow();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
}
