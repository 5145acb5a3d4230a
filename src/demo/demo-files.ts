/**
 * Where the demo's example repository and its transcript are: in greenlight's own
 * package, found from this module upwards (it runs from src/demo in a checkout and from
 * dist/ when bundled, so the depth differs).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GreenlightError } from '../ports/errors.ts';

export interface DemoFiles {
  /** The example repository as plain files (no .git). */
  exampleDir: string;
  /** The recorded transcript, in the audit-log format. */
  transcript: string;
}

export const EXAMPLE_DIR = 'examples/demo-repo';
export const TRANSCRIPT = 'examples/demo-repo.transcript.jsonl';

/** @throws GreenlightError('internal') when greenlight was installed without its examples. */
export function findDemoFiles(from: string = dirname(fileURLToPath(import.meta.url))): DemoFiles {
  for (let dir = from; ; dir = dirname(dir)) {
    const files = { exampleDir: join(dir, EXAMPLE_DIR), transcript: join(dir, TRANSCRIPT) };
    if (existsSync(join(files.exampleDir, 'package.json')) && existsSync(files.transcript)) return files;
    if (dirname(dir) === dir) break;
  }
  throw new GreenlightError(
    'internal',
    `The demo's example repository (${EXAMPLE_DIR}) and transcript (${TRANSCRIPT}) are not next to greenlight's code (looked upwards from ${from}). Run the demo from a clone of greenlight (npm ci && npm run demo).`,
  );
}
