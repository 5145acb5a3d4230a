/**
 * `npm run bench`: runs every bench/*.bench.ts in its own Node process, one after the
 * other (so they do not compete for the two cores), prints their figures as they come,
 * and ends with a summary of every `verdict:` line (bench/verdict.ts) they printed.
 * Pass names to run a subset: `npm run bench -- context sandbox`.
 */
import { readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { VERDICT_LINE } from './verdict.ts';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

/** Runs one bench, echoing its output; resolves to its exit status and its verdict lines. */
function runBench(file: string): Promise<{ status: number | string; verdicts: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const verdicts: string[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (VERDICT_LINE.test(line)) verdicts.push(line);
    });
    child.on('close', (code, signal) => {
      if (VERDICT_LINE.test(pending)) verdicts.push(pending);
      resolve({ status: code ?? signal ?? 'unknown', verdicts });
    });
  });
}

let failed = 0;
const summary: string[] = [];
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`);
  const { status, verdicts } = await runBench(file);
  summary.push(...verdicts.map((line) => `${line.replace(/^verdict: /, '')}  [${file}]`));
  if (status !== 0) {
    failed += 1;
    process.stdout.write(`!!! ${file} exited with ${status}\n`);
  }
}
if (summary.length > 0) process.stdout.write(`\n=== targets\n${summary.join('\n')}\n`);
process.exitCode = failed === 0 ? 0 : 1;
