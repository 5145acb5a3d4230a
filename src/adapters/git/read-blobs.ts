/**
 * Reads the text of many files at one revision with a single `git cat-file --batch`,
 * for rules that look at whole files. Binary, missing and oversized files are left out.
 */
import { GreenlightError } from '../../ports/errors.ts';
import { runGitBytes } from './run-git.ts';

const NUL_SCAN = 8_000;

/**
 * Text of `paths` at `revision` (an object id or ref), by path. Files larger than
 * `maxBytes`, binary files (a NUL in the first 8 KB) and missing ones are omitted.
 */
export async function readBlobs(
  root: string,
  revision: string,
  paths: readonly string[],
  maxBytes = 1_000_000,
): Promise<Map<string, string>> {
  const wanted = paths.filter((path) => !path.includes('\n'));
  const texts = new Map<string, string>();
  if (wanted.length === 0) return texts;
  const result = await runGitBytes(root, ['cat-file', '--batch'], {
    input: wanted.map((path) => `${revision}:${path}\n`).join(''),
  });
  if (result.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `git cat-file failed in ${root}: ${result.stderr.trim() || `exit ${result.exitCode}`}.`,
    );
  }
  const out = result.stdout;
  let offset = 0;
  for (const path of wanted) {
    const newline = out.indexOf(0x0a, offset);
    if (newline === -1) break;
    const header = out.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    const match = /^\S+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // "<name> missing" or "ambiguous": no content follows
    const size = Number(match[2]);
    const body = out.subarray(offset, offset + size);
    offset += size + 1; // content, then a newline
    if (match[1] !== 'blob' || size > maxBytes || body.subarray(0, NUL_SCAN).includes(0)) continue;
    texts.set(path, body.toString('utf8'));
  }
  return texts;
}
