/**
 * Risk classification speed: the pure classifier on seeded changes of 1,000 and
 * 10,000 files (a realistic mix of sources, tests, docs, manifests, migrations, with
 * 1–40 changed lines each), and `greenlight classify` end to end (git diff, blob
 * reads, classification) on a generated repository whose last commit touches 2,000
 * files. Targets: 10,000 files classified in ≤ 1 s cold; end to end ≤ 3 s.
 *
 *   node bench/risk.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand as main } from '../src/cli/run-command.ts';
import { classifyRisk } from '../src/core/risk/classify-risk.ts';
import type { FileChange } from '../src/ports/workspace.ts';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES = [
  (i: number) => `packages/svc${i % 40}/src/modules/m${i}/handler${i}.ts`,
  (i: number) => `packages/svc${i % 40}/src/modules/m${i}/handler${i}.test.ts`,
  (i: number) => `app/services/area${i % 30}/service_${i}.py`,
  (i: number) => `tests/area${i % 30}/test_service_${i}.py`,
  (i: number) => `internal/pkg${i % 50}/file${i}.go`,
  (i: number) => `internal/pkg${i % 50}/file${i}_test.go`,
  (i: number) => `docs/guide/page${i}.md`,
  (i: number) => `src/main/java/com/acme/m${i % 20}/Order${i}Mapper.java`,
  (i: number) => `db/migrate/2024010${i % 10}_change_${i}.rb`,
  (i: number) => `services/s${i % 12}/package.json`,
];
const LINES = [
  'const total = items.reduce((sum, item) => sum + item.price, 0);',
  '// explain the rounding rule',
  'return rows.map(toDto);',
  'def test_total():',
  "it('adds items', () => {});",
  'if err != nil { return err }',
  'SELECT id FROM orders WHERE total > 10',
  'public OrderDto map(Order o) { return new OrderDto(o.id()); }',
  '"lodash": "^4.17.21",',
  '    """Compute the total."""',
];

function changes(count: number, seed: number): FileChange[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const shape = SHAPES[Math.floor(random() * SHAPES.length)] as (i: number) => string;
    const n = 1 + Math.floor(random() * 40);
    const lines = Array.from({ length: n }, () => LINES[Math.floor(random() * LINES.length)] as string);
    return {
      path: shape(i),
      status: 'modified',
      oldMode: '100644',
      newMode: '100644',
      binary: false,
      addedLines: lines,
      removedLines: lines.slice(0, n >> 1),
    };
  });
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function endToEnd(files: number): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'greenlight-risk-bench-'));
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, ...args], {
        stdio: 'pipe',
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
      });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'bench@example.com');
    git('config', 'user.name', 'bench');
    const sample = changes(files, 3);
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    for (const change of sample) write(change.path, `${change.removedLines.join('\n')}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    for (const change of sample) write(change.path, `${change.addedLines.join('\n')}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
    const start = performance.now();
    const code = await main(['classify', '--json', '--repo', root], {
      out: () => {},
      err: () => {},
      cwd: root,
      env: {},
      interactive: false,
    });
    const ms = performance.now() - start;
    if (code !== 0) throw new Error(`classify exited ${code}`);
    return ms;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

let failed = false;
for (const [count, target] of [
  [1_000, 300],
  [10_000, 1_000],
] as const) {
  const input = changes(count, count);
  const cold = time(() => classifyRisk(input));
  const warm = [0, 1, 2].map(() => time(() => classifyRisk(input))).sort((a, b) => a - b)[1] as number;
  const ok = cold <= target;
  failed ||= !ok;
  process.stdout.write(
    `classifyRisk ${count} files: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms (${((warm * 1000) / count).toFixed(1)} µs/file), target ≤ ${target} ms cold ${ok ? 'ok' : 'MISSED'}\n`,
  );
}
const e2e = await endToEnd(2_000);
failed ||= e2e > 3_000;
process.stdout.write(
  `greenlight classify, 2000 changed files end to end: ${e2e.toFixed(0)} ms, target ≤ 3000 ms ${e2e <= 3_000 ? 'ok' : 'MISSED'}\n`,
);
process.exitCode = failed ? 1 : 0;
