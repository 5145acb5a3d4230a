import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Root that the captured fixtures were rewritten to. */
export const FIXTURE_ROOT = '/work/project';

/** Text of a file under test/fixtures/runners. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/runners/${name}`, import.meta.url)), 'utf8');
}
