/**
 * Risk classification speed: the pure classifier on seeded changes of 1,000 and
 * 10,000 files (a realistic mix of sources, tests, docs, manifests, migrations, with
 * 1–40 changed lines each), `greenlight classify` end to end (git diff, blob reads,
 * classification) on a generated repository whose last commit touches 2,000 files,
 * and a real-shaped diff (bench/real-shaped-diff.ts: ~1,500 files, ~10 MB of
 * `git diff -U0`, long lines and big data files) where the rules must scan each line
 * once: the classifier — content evidence included — within 2× the CPU time of the
 * `git diff -U0` it reads, measured in the same run. CPU time, not wall time, because
 * the machine is shared: other work slows both sides' wall time unequally.
 * Targets: 10,000 files classified in ≤ 1 s cold; end to end ≤ 3 s; real-shaped ≤ 2×.
 *
 *   node bench/risk.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand as main } from '../src/cli/run-command.ts';
import { readRevisionChange } from '../src/compose/read-revision-change.ts';
import { classifyRisk } from '../src/core/risk/classify-risk.ts';
import type { FileChange } from '../src/ports/workspace.ts';
import { buildRealShapedDiff, prng } from './real-shaped-diff.ts';

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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

/** CPU time (user + system) of `fn`, in ms, and its wall time. */
function time(fn: () => void): { cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall };
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

/** CPU milliseconds (user + system) of waited-for child processes so far; null off Linux. */
function childCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 100 Hz ticks
  } catch {
    return null;
  }
}

/** `git diff -U0` and the classifier on the same real-shaped range, CPU time side by side. */
async function realShaped(): Promise<boolean> {
  const root = mkdtempSync(join(tmpdir(), 'greenlight-risk-real-'));
  try {
    const built = performance.now();
    const repo = buildRealShapedDiff(root);
    process.stdout.write(
      `real-shaped diff: ${repo.changed} files, ${(repo.diffBytes / 1e6).toFixed(1)} MB of git diff -U0, built in ${((performance.now() - built) / 1000).toFixed(1)} s` +
        ` (load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)\n`,
    );
    const diff = () =>
      execFileSync('git', ['-C', root, 'diff', '--no-color', '--no-ext-diff', '-M', '-U0', 'HEAD~1', 'HEAD'], {
        maxBuffer: 1 << 30,
      });
    diff(); // warm the page cache and git's object access
    const git = [0, 1, 2, 3, 4].map(() => {
      const before = childCpuMs();
      const start = performance.now();
      diff();
      const wall = performance.now() - start;
      const after = childCpuMs();
      return { cpu: before === null || after === null ? wall : after - before, wall };
    });
    const readStart = performance.now();
    const change = await readRevisionChange(root, { base: 'HEAD~1', head: 'HEAD' }, '.github/greenlight.yml');
    const readMs = performance.now() - readStart;
    const options = { contents: change.contents, evidence: change.evidence };
    let lowered = 0;
    const runs = [0, 1, 2, 3, 4].map(() => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const assessment = classifyRisk(change.changes, options);
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      lowered = assessment.files.filter((f) => f.rule === 'pure-data-module').length;
      return { cpu: (used.user + used.system) / 1000, wall };
    });
    const gitCpu = median(git.map((g) => g.cpu));
    const ours = median(runs.map((r) => r.cpu));
    const ratio = ours / gitCpu;
    const ok = ratio <= 2;
    process.stdout.write(
      `  git diff -U0: ${gitCpu.toFixed(0)} ms CPU (${median(git.map((g) => g.wall)).toFixed(0)} ms wall); ` +
        `classifyRisk with content evidence: ${ours.toFixed(0)} ms CPU (${median(runs.map((r) => r.wall)).toFixed(0)} ms wall, first run ${runs[0]?.cpu.toFixed(0)} ms CPU, ${lowered} files lowered by content evidence)\n` +
        `  classifier / git diff -U0 = ${ratio.toFixed(2)}×, target ≤ 2× ${ok ? 'ok' : 'MISSED'}\n` +
        `  reading the change (diff, head texts, content evidence): ${readMs.toFixed(0)} ms wall, ${(readMs / median(git.map((g) => g.wall))).toFixed(1)}× git diff -U0 (informational: it runs git diff twice and cat-file)\n`,
    );
    return ok;
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
  const warm = median([0, 1, 2].map(() => time(() => classifyRisk(input)).cpu));
  const ok = cold.cpu <= target;
  failed ||= !ok;
  process.stdout.write(
    `classifyRisk ${count} files: cold ${cold.cpu.toFixed(0)} ms CPU (${cold.wall.toFixed(0)} ms wall), warm ${warm.toFixed(0)} ms CPU (${((warm * 1000) / count).toFixed(1)} µs/file), target ≤ ${target} ms cold ${ok ? 'ok' : 'MISSED'}\n`,
  );
}
const e2e = await endToEnd(2_000);
failed ||= e2e > 3_000;
process.stdout.write(
  `greenlight classify, 2000 changed files end to end: ${e2e.toFixed(0)} ms, target ≤ 3000 ms ${e2e <= 3_000 ? 'ok' : 'MISSED'}\n`,
);
const realOk = await realShaped();
failed ||= !realOk;
process.exitCode = failed ? 1 : 0;
