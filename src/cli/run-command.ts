/**
 * The `greenlight` command line. Parses the command name and its options, runs the
 * command, and turns errors into one-line messages with stable exit codes:
 * 0 success, 1 the command ran and failed (e.g. gave up), 2 usage or input error,
 * 3 unexpected internal error.
 */
import { parseArgs } from 'node:util';
import { isGreenlightError } from '../ports/errors.ts';
import type { CliCommandEntry, CliIo } from './command.ts';
import { commands } from './commands/index.ts';
import { VERSION } from '../version.ts';

export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `greenlight ${VERSION} — turn an issue or a /fix comment into a validated pull request`,
    '',
    'Usage: greenlight <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show help (also: greenlight <command> --help)',
    '  -v, --version  print the version',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(overview());
    return first === undefined ? EXIT_USAGE : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(VERSION);
    return 0;
  }
  const entry: CliCommandEntry | undefined = commands.find((c) => c.name === first);
  if (!entry) {
    io.err(`greenlight: unknown command '${first}' (see greenlight --help)`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (isGreenlightError(error)) {
      io.err(`greenlight ${command.name}: ${error.message}`);
      return error.code === 'internal' ? EXIT_INTERNAL : EXIT_USAGE;
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(
        `greenlight ${command.name}: ${(error as Error).message.split('\n')[0]} (see greenlight ${command.name} --help)`,
      );
      return EXIT_USAGE;
    }
    io.err(
      `greenlight ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_INTERNAL;
  }
}
