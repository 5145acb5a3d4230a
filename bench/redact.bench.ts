/**
 * Redaction cost on what the audit log and comments carry: a 4 MB test log (the
 * sandbox's default output cap) and a 200 KB model request (repository context), with
 * a realistic set of known secrets (a CI job's tokens and keys, 12 values) and a few
 * tokens sprinkled in. Every audit record and every posted text goes through this, so
 * it must stay small beside a model turn. Target: 4 MB ≤ 250 ms, 200 KB ≤ 15 ms.
 *
 *   node bench/redact.bench.ts
 */
import { createRedactor } from '../src/core/redact/create-redactor.ts';

function randomToken(prefix: string, length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed;
  let out = prefix;
  while (out.length < length) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const secrets = [
  randomToken('sk-ant-api03-', 108, 1),
  randomToken('ghs_', 40, 2),
  randomToken('ghp_', 40, 3),
  randomToken('', 40, 4),
  randomToken('', 32, 5),
  randomToken('', 64, 6),
  randomToken('npm_', 40, 7),
  randomToken('', 24, 8),
  randomToken('', 48, 9),
  randomToken('', 20, 10),
  randomToken('', 36, 11),
  randomToken('', 28, 12),
];

function testLog(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const line =
      i % 997 === 0
        ? `  at request (src/http.ts:${i}:7) Authorization: Bearer ${secrets[1]}`
        : `  ✓ test ${i} renders the invoice table with ${i % 50} rows and totals (${i % 17} ms)`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

function measure(name: string, text: string, targetMs: number): boolean {
  const redactor = createRedactor({ secrets });
  redactor.redact(text.slice(0, 10_000)); // warm-up
  const runs: number[] = [];
  let out = '';
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    out = redactor.redact(text);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2] as number;
  const leaked = secrets.some((secret) => out.includes(secret));
  const ok = median <= targetMs && !leaked;
  console.log(
    `${name}: ${(text.length / 1e6).toFixed(2)} MB in ${median.toFixed(1)} ms (median of 5; target ≤ ${targetMs} ms)${leaked ? ' LEAKED A SECRET' : ''} ${ok ? 'ok' : 'FAIL'}`,
  );
  return ok;
}

const context = Array.from(
  { length: 4000 },
  (_, i) => `export function handler${i}(input: Input): Output { return transform(input, ${i}); }`,
)
  .join('\n')
  .slice(0, 200_000);
const results = [measure('test log', testLog(4_000_000), 250), measure('model request', context, 15)];
process.exitCode = results.every(Boolean) ? 0 : 1;
