// What the nemesis can do to one node — a broker or a SUT instance — whichever runtime runs it.
// Process runtime: signals to a process group; container runtime: the container's verbs.

export type LifecycleState = 'running' | 'paused' | 'stopped';

/** How a node's run ended: an exit code, or the signal that ended it. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

export interface NodeLifecycle {
  readonly name: string;
  readonly state: LifecycleState;
  readonly logPath: string;
  /** Starts a stopped node; a no-op when it runs. */
  start(): Promise<void>;
  /** Graceful stop (SIGTERM, then SIGKILL after a bound). */
  stop(): Promise<ExitInfo>;
  /** Crash (SIGKILL): no shutdown hooks run. */
  kill(): Promise<ExitInfo>;
  /** Freeze (SIGSTOP): the node holds its connections but answers nothing. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** The last lines of the node's log, for error messages and reports. */
  tail(lines?: number): string;
}
