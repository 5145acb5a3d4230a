/**
 * Spawn one process and supervise it: its own process group, a wall-clock limit
 * (SIGTERM to the group, SIGKILL after a grace period), an output limit enforced while
 * streaming, and a group kill when it ends so that background children do not outlive
 * it. A failing, hanging or flooding process is a value, never an exception.
 */
import { spawn } from 'node:child_process';
import { createOutputCapture } from '../../core/sandbox/create-output-capture.ts';
import type { CapturedOutput } from '../../ports/sandbox.ts';

export interface RunProcessOptions {
  cwd: string;
  /** The complete environment of the process (never the engine's by default). */
  env: Readonly<Record<string, string>>;
  stdin?: string;
  timeoutMs: number;
  /** Bytes kept per stream (head + tail). */
  maxOutputBytes: number;
  /** A stream past this many bytes gets the process killed. */
  outputKillBytes: number;
  /** Delay between SIGTERM and SIGKILL when the time limit is hit. */
  killGraceMs?: number;
  /** Extra cleanup whenever the engine kills (a cgroup, a systemd unit); errors are ignored. */
  onKill?: () => Promise<void> | void;
  /** Aborting it kills the process at once, like a limit (the caller knows which one). */
  signal?: AbortSignal;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  outputExceeded: boolean;
  durationMs: number;
  stdout: CapturedOutput;
  stderr: CapturedOutput;
}

/** The signature drivers depend on, so tests can inject a fake. */
export type ProcessRunner = (argv: readonly string[], options: RunProcessOptions) => Promise<ProcessResult>;

/** How long to wait for pipes to drain after the process exited (a setsid'ed grandchild may hold them). */
const DRAIN_MS = 1_000;

/** Run `argv` (no shell) under supervision. */
export const runProcess: ProcessRunner = (argv, options) => {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('runProcess needs a command');
  const started = performance.now();
  const stdout = createOutputCapture(options.maxOutputBytes);
  const stderr = createOutputCapture(options.maxOutputBytes);

  return new Promise<ProcessResult>((resolve) => {
    let timedOut = false;
    let outputExceeded = false;
    let exited = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true, // own process group: a group kill reaches every descendant that stayed in it
    });

    const signalGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const cleanup = async (): Promise<void> => {
      if (options.onKill === undefined) return;
      try {
        await options.onKill();
      } catch {
        // Best effort: the group kill already happened.
      }
    };
    const killNow = (): void => {
      signalGroup('SIGKILL');
      void cleanup();
    };

    const finish = (exitCode: number | null, signal: string | null): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode,
        signal,
        timedOut,
        outputExceeded,
        durationMs: performance.now() - started,
        stdout: stdout.finish(),
        stderr: stderr.finish(),
      });
    };

    const onData =
      (capture: typeof stdout) =>
      (chunk: Buffer): void => {
        capture.push(chunk);
        if (!outputExceeded && capture.bytes > options.outputKillBytes) {
          outputExceeded = true;
          killNow();
        }
      };
    child.stdout?.on('data', onData(stdout));
    child.stderr?.on('data', onData(stderr));

    if (options.stdin !== undefined && child.stdin !== null) {
      child.stdin.on('error', () => {
        // The child may exit without reading its input.
      });
      child.stdin.end(options.stdin);
    }

    timers.push(
      setTimeout(() => {
        if (exited) return;
        timedOut = true;
        signalGroup('SIGTERM');
        void cleanup();
        timers.push(setTimeout(killNow, options.killGraceMs ?? 2_000));
      }, options.timeoutMs),
    );

    if (options.signal !== undefined) {
      const abort = (): void => {
        if (!exited) killNow();
      };
      if (options.signal.aborted) abort();
      else options.signal.addEventListener('abort', abort, { once: true });
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      // Spawn failure (ENOENT, EACCES): report it the way a shell would.
      if (child.pid === undefined) {
        stderr.push(Buffer.from(`greenlight: cannot run ${file}: ${error.message}\n`));
        finish(error.code === 'ENOENT' ? 127 : 126, null);
      }
    });
    child.on('exit', (code, signal) => {
      exited = true;
      // Anything left in the group (background jobs) dies with the command.
      signalGroup('SIGKILL');
      // Wait for the pipes, but not forever: a daemon in another session may hold them.
      timers.push(setTimeout(() => finish(code, signal), DRAIN_MS));
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
};
