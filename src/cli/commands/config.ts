/**
 * `greenlight config [--file PATH] [--json]`: validates a config file and prints the
 * effective configuration, or every problem with its line and field (exit 2). Reading
 * the file is the only work done here; parsing and validation are core's parseConfig.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { formatConfigIssues } from '../../core/config/format-config-issues.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../core/config/parse-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { CliCommand } from '../command.ts';

const EXIT_INVALID = 2;

/** The file's text; null when the default file is absent (all defaults). */
async function readConfigText(path: string, shown: string, explicit: boolean): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' && !explicit) return null;
    if (code === 'ENOENT')
      throw new GreenlightError('usage', `no such file: ${shown} (check --file)`, { cause: error });
    if (code === 'EISDIR')
      throw new GreenlightError('usage', `${shown} is a directory; --file takes the config file itself`, {
        cause: error,
      });
    throw new GreenlightError('usage', `cannot read ${shown}: ${(error as Error).message}`, { cause: error });
  }
}

export const configCommand: CliCommand = {
  name: 'config',
  usage: [
    'Usage: greenlight config [--file PATH] [--json]',
    '',
    'Validates the greenlight configuration and prints the effective settings (the file',
    'merged with every default). Problems are printed one per line as',
    'FILE:LINE:COLUMN FIELD: what was expected, found what; the exit status is then 2.',
    '',
    'Options:',
    `  --file PATH  config file to check (default: ${DEFAULT_CONFIG_PATH} in the current`,
    '               directory; when that is absent, all defaults apply)',
    '  --json       print the effective configuration as JSON instead of YAML',
  ].join('\n'),
  options: {
    file: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run(args, io) {
    const file = typeof args.values.file === 'string' ? args.values.file : undefined;
    const shown = file ?? DEFAULT_CONFIG_PATH;
    const text = await readConfigText(resolve(io.cwd, shown), shown, file !== undefined);
    const result = parseConfig(text, shown);
    if (!result.ok) {
      const count = result.errors.length === 1 ? '1 problem' : `${result.errors.length} problems`;
      io.err(`${formatConfigIssues(result.errors)}\n${shown}: ${count}; fix the file and run greenlight config again`);
      return EXIT_INVALID;
    }
    io.err(text === null ? `no config file at ${shown}: all defaults apply` : `${shown} is valid`);
    if (result.warnings.length > 0) io.err(formatConfigIssues(result.warnings));
    io.out(args.values.json === true ? JSON.stringify(result.config, null, 2) : stringify(result.config));
    return 0;
  },
};
