/**
 * The Sandbox port: every repository or generated command greenlight runs goes
 * through one of these. A failing, hanging or runaway command is a value
 * (`SandboxResult`), never an exception.
 */

export type SandboxDriverName = 'bwrap' | 'systemd-run' | 'none';

export interface SandboxRunOptions {
  /** Absolute working directory; must be inside the workspace. */
  cwd: string;
  /** Extra variables on top of the allowlisted environment the driver builds. */
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  memoryMb?: number;
  maxPids?: number;
  /** Megabytes the command may write (docs/security.md §33); a single file may not exceed it either. */
  maxDiskMb?: number;
  /** Files and directories the command may create or change in the workspace. */
  maxFiles?: number;
  /** Bytes kept per stream; the rest is cut (head and tail kept, the cut marked). */
  maxOutputBytes?: number;
  /**
   * A stream that goes past this many bytes gets the command killed (`limitHit: 'output'`).
   * Defaults to 10 × maxOutputBytes, so a chatty suite is cut, not killed, and a flood is stopped.
   */
  outputKillBytes?: number;
  /** Network on only before any model output exists (dependency installation). */
  network?: boolean;
  stdin?: string;
}

/** Output of one stream: head and tail kept when over the limit. */
export interface CapturedOutput {
  text: string;
  /** Total bytes the child wrote, including the part that was cut. */
  bytes: number;
  truncated: boolean;
}

export type SandboxLimit = 'time' | 'memory' | 'pids' | 'output' | 'disk' | 'files';

export interface SandboxResult {
  command: readonly string[];
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The limit that stopped the command, if any. */
  limitHit: SandboxLimit | null;
  /** What the limit was and what the command did, naming the setting (e.g. `sandbox.maxFiles`). */
  limitDetail?: string;
  durationMs: number;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  /** Things the caller should know about this run (e.g. an explicit variable that was withheld). */
  warnings?: string[];
}

/** How a limit is enforced: by a cgroup, an rlimit, systemd (its unit's cgroup), or not at all. */
export type LimitMechanism = 'cgroup' | 'rlimit' | 'systemd' | 'none';

/** What is in force, for every report (docs/security.md §17). */
export interface SandboxInfo {
  driver: SandboxDriverName;
  /** 'off' when generated code runs; 'on' only for installation. */
  networkIsolation: boolean;
  limits: {
    timeoutMs: number;
    memoryMb: number;
    maxPids: number;
    maxOutputBytes: number;
    maxDiskMb: number;
    maxFiles: number;
  };
  /**
   * How the memory and process limits are enforced (time and output are always enforced by
   * the engine), and what bounds writes (docs/security.md §33), in words for the report.
   */
  enforcement?: { memory: LimitMechanism; pids: LimitMechanism; disk?: string };
  /**
   * Who sandboxed commands run as, for the report: e.g. the unprivileged user a root engine
   * hands them to (docs/security.md §30). Absent when nothing is worth saying.
   */
  identity?: string;
  /** Loud warnings (e.g. the `none` driver), shown in every report. */
  warnings: string[];
}

export interface Sandbox {
  readonly info: SandboxInfo;
  /** Run argv (no shell unless the caller asks for `sh -c`). */
  run(command: readonly string[], options: SandboxRunOptions): Promise<SandboxResult>;
  /** Remove the sandbox's scratch files (its HOME, config copies). Runs after it are refused. */
  close?(): Promise<void>;
}
