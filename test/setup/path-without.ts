/**
 * A PATH on which some tools cannot be found, the way a machine without them looks to
 * greenlight: every PATH folder that holds one of them is replaced by a folder of
 * links to everything else it holds. The folders are removed when the process exits.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * @example spawnSync('npx', ['greenlight', 'demo'], { env: { ...process.env, PATH: pathWithout(['bwrap']) } })
 */
export function pathWithout(tools: readonly string[], path: string = process.env.PATH ?? ''): string {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => {
      if (!tools.some((tool) => existsSync(join(dir, tool)))) return dir;
      const copy = mkdtempSync(join(tmpdir(), 'greenlight-path-'));
      made.push(copy);
      for (const name of readdirSync(dir)) if (!tools.includes(name)) symlinkSync(join(dir, name), join(copy, name));
      return copy;
    })
    .join(delimiter);
}
