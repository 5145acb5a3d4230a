/**
 * Test files that need a system tool beyond Node, git and npm ask for it here, so that
 * `npm test` passes on a fresh machine and says what it could not run:
 *
 *   import { requireTool } from '../setup/require-tool.ts';
 *   describe.runIf(await requireTool('redis-server'))('the App on a shared Redis', () => { … });
 *
 * or, for some tests of a file:
 *
 *   const haveRedis = await requireTool('redis-server');
 *   it('shares delivery ids', async (test) => {
 *     skipWithout(test, haveRedis, 'redis-server');
 *     …
 *   });
 *
 * Present: true. Missing: false, and the file is named in the one summary line that
 * test/setup/tool-skips.ts prints at the end of the run, with the command that
 * installs every tool (`npm run setup:system`). Under CI nothing may be skipped: a
 * missing tool throws, which fails the file, so CI proves everything.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { expect, inject } from 'vitest';
import { findExecutable } from '../../src/adapters/sandbox/find-executable.ts';
import { probeBwrap } from '../../src/adapters/sandbox/probe-drivers.ts';
import { runProcess } from '../../src/adapters/sandbox/run-process.ts';

/** The part of vitest's test context that skips the running test. */
interface Skippable {
  skip(condition: boolean, note?: string): void;
}

/**
 * Skips the running test, naming the tool it needs, when `have` (a `requireTool` answer) is
 * false. Under CI=true `requireTool` has already thrown instead, so nothing is skipped there.
 */
export function skipWithout(test: Skippable, have: boolean, tool: string): void {
  test.skip(!have, `needs ${tool}`);
}

/** The tools a suite may need, each with the Debian package `npm run setup:system` installs it from. */
export const SYSTEM_TOOLS = {
  /** bubblewrap, able to create the sandbox's namespaces here (the engine's own probe). */
  bwrap: 'bubblewrap',
  /** pytest as the runner tests call it: `/usr/bin/python3 -m pytest`. */
  pytest: 'python3-pytest',
  /** `python3` on PATH (programs the sandbox tests run). */
  python3: 'python3',
  /** `cargo` on PATH, in `$CARGO_HOME/bin` (rustup) or `/usr/bin`, with a working toolchain. */
  cargo: 'cargo',
  /** `redis-server` on PATH. */
  'redis-server': 'redis-server',
  /** `chromium` on PATH (Debian installs `/usr/bin/chromium`). */
  chromium: 'chromium',
  /** `script` (util-linux) on PATH: runs the CLI on a pseudo-terminal. */
  script: 'bsdutils',
} as const;

export type SystemTool = keyof typeof SYSTEM_TOOLS;

/** One line of the record the summary is built from. */
export interface ToolSkip {
  file: string;
  tool: SystemTool;
  /** True when CI forbade the skip and the file failed instead. */
  failed: boolean;
  reason: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where requireTool records skips for the end-of-run summary (test/setup/tool-skips.ts). */
    toolSkipsFile: string;
  }
}

const runs = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean =>
  spawnSync(command, args, { stdio: 'ignore', env, timeout: 30_000 }).status === 0;

async function missing(tool: SystemTool): Promise<string | null> {
  const path = process.env.PATH;
  switch (tool) {
    case 'bwrap': {
      const probe = await probeBwrap(runProcess, process.env);
      return probe.ok ? null : probe.reason;
    }
    case 'pytest':
      return runs('/usr/bin/python3', ['-m', 'pytest', '--version']) ? null : '/usr/bin/python3 -m pytest does not run';
    case 'cargo': {
      const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
      const env = { ...process.env, PATH: [cargoBin, path ?? ''].join(delimiter) };
      const cargo = existsSync(join(cargoBin, 'cargo')) ? join(cargoBin, 'cargo') : await findExecutable('cargo', path);
      return cargo !== null && runs(cargo, ['--version'], env) ? null : 'cargo is not installed (or has no toolchain)';
    }
    default: {
      const found = await findExecutable(tool, path);
      return found === null ? `${tool} is not on PATH` : null;
    }
  }
}

/** CI=true (or any value but empty, 0 and false), as CI services set it. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/**
 * Whether `tool` works here. Call it at the top of a test file (top-level await) and
 * gate the suites that need it with `describe.runIf(…)`.
 * @throws when the tool is missing under CI, naming it and `npm run setup:system`.
 */
export async function requireTool(tool: SystemTool): Promise<boolean> {
  const reason = await missing(tool);
  if (reason === null) return true;
  const testPath = expect.getState().testPath ?? 'a test file';
  const skip: ToolSkip = { file: relative(process.cwd(), testPath), tool, failed: inCi(), reason };
  let recordFile: string | undefined;
  try {
    recordFile = inject('toolSkipsFile');
  } catch {
    recordFile = undefined; // run without the project's globalSetup
  }
  if (recordFile === undefined) process.stderr.write(`${skip.file}: ${reason}\n`);
  else appendFileSync(recordFile, `${JSON.stringify(skip)}\n`);
  if (skip.failed) {
    throw new Error(
      `${skip.file} needs ${tool} (${reason}), and under CI nothing may be skipped. ` +
        `Install the system tools with: npm run setup:system (Debian package ${SYSTEM_TOOLS[tool]}).`,
    );
  }
  return false;
}
