/**
 * Writes settings into a `.env` file the way Node's own parser (`process.loadEnvFile`)
 * and dotenv read it back: other lines are kept, the named keys replaced or added,
 * each value double-quoted with newlines as `\n` (the private key is one line). The
 * file is created readable by its owner only: it holds the App's private key.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

function quote(value: string): string {
  if (/["\\]/.test(value.replace(/\n/g, ''))) {
    // Node's parser has no escape for a double quote; single quotes keep it literally.
    if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
    throw new Error('a value with both quotes and newlines cannot be written to .env');
  }
  return `"${value.replace(/\n/g, '\\n')}"`;
}

export function writeEnvFile(path: string, values: Readonly<Record<string, string>>): void {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const remaining = new Map(Object.entries(values));
  const out = lines.map((line) => {
    const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (key === undefined || !remaining.has(key)) return line;
    const next = `${key}=${quote(remaining.get(key) ?? '')}`;
    remaining.delete(key);
    return next;
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  for (const [key, value] of remaining) out.push(`${key}=${quote(value)}`);
  writeFileSync(path, `${out.join('\n')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
