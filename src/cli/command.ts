/** The shape every `greenlight <command>` module exports. */
import type { ParseArgsOptionsConfig } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** stderr, where progress goes, is a terminal that can redraw a line (progress/is-interactive.ts). */
  interactive: boolean;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  /** Full usage text for `greenlight <name> --help`. */
  usage: string;
  options: ParseArgsOptionsConfig;
  allowPositionals?: boolean;
  /** Returns the process exit code. Throw GreenlightError('usage', …) for usage errors. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/**
 * A command as `greenlight --help` lists it. The command's module (and everything it
 * imports) is loaded only when it runs, so `greenlight --version` and `--help` start
 * without the engine (docs/distribution.md, "Start-up").
 */
export interface CliCommandEntry {
  name: string;
  /** One line for `greenlight --help`. */
  summary: string;
  load(): Promise<CliCommand>;
}
