/**
 * Writes settings into a `.env` file the way Node's own parser (`process.loadEnvFile`)
 * and dotenv read it back: other lines are kept, the named keys replaced or added,
 * each value double-quoted with newlines as `\n` (the private key is one line). The
 * file is created readable by its owner only: it holds the App's private key.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The value quoted so that Node's parser reads it back exactly (it has no escapes but `\n` in double quotes). */
function quote(value: string): string {
  if (!/["\\]/.test(value)) return `"${value.replace(/\n/g, '\\n')}"`;
  if (value.includes('\n'))
    throw new Error('a value with quotes or backslashes and newlines cannot be written to .env');
  const quoteChar = ["'", '`'].find((q) => !value.includes(q));
  if (quoteChar === undefined) throw new Error('a value with every kind of quote cannot be written to .env');
  return `${quoteChar}${value}${quoteChar}`;
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
