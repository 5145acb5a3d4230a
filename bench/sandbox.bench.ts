/**
 * Sandbox overhead, in one run:
 *   1. 500 spawns of `true`, bare (the engine's own supervised spawn) and through the
 *      bwrap driver (namespaces, mounts, git configs, the run's cgroup), in pairs:
 *      min / median / max of each and of the per-pair difference, whose median is the
 *      per-spawn overhead (pairs see the same moment of a machine whose load moves;
 *      the difference of the two medians is printed beside it). Target ≤ 15 ms.
 *   2. This project's own unit tests (`vitest run test/core`), bare and inside the bwrap
 *      sandbox, alternating, 3 rounds each: ratio of the medians. Target ≤ 1.05.
 * Informative: prints figures and ratios, exits 0.
 *
 *   node bench/sandbox.bench.ts            # both
 *   node bench/sandbox.bench.ts spawn      # only the spawn overhead
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBwrapSandbox } from '../src/adapters/sandbox/bwrap-driver.ts';
import { runProcess } from '../src/adapters/sandbox/run-process.ts';
import { defaultConfig } from '../src/core/config/repo-config.ts';
import { describeSandbox } from '../src/core/sandbox/describe-sandbox.ts';
import { spread, verdict } from './verdict.ts';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const SPAWNS = 500;
const ROUNDS = 3;
const limits = { timeoutMs: 600_000, maxOutputBytes: 1_000_000, outputKillBytes: 100_000_000 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const fmt = (ms: number): string => ms.toFixed(1).padStart(7);

async function spawnOverhead(): Promise<void> {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-sandbox-bench-')));
  try {
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    writeFileSync(join(workspace, 'README.md'), 'bench\n');
    const sandbox = await createBwrapSandbox({ config: defaultConfig().sandbox, workspace });
    process.stdout.write(`${describeSandbox(sandbox.info)}\n`);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const bare: number[] = [];
    const boxed: number[] = [];
    // Warm both paths once (page cache, JIT), then interleave so drift hits both alike.
    await runProcess(['true'], { ...limits, cwd: workspace, env });
    await sandbox.run(['true'], { cwd: workspace });
    for (let index = 0; index < SPAWNS; index += 1) {
      let started = performance.now();
      await runProcess(['true'], { ...limits, cwd: workspace, env });
      bare.push(performance.now() - started);
      started = performance.now();
      const result = await sandbox.run(['true'], { cwd: workspace });
      boxed.push(performance.now() - started);
      if (result.exitCode !== 0) throw new Error(`sandboxed true failed: ${result.stderr.text}`);
    }
    await sandbox.close?.();
    const differences = boxed.map((ms, index) => ms - (bare[index] as number));
    const overhead = median(differences);
    const row = (name: string, values: number[]): string => {
      const { min, median: middle, max } = spread(values);
      return `  ${name.padEnd(17)} min ${fmt(min)}  median ${fmt(middle)}  max ${fmt(max)} ms\n`;
    };
    process.stdout.write(
      `${SPAWNS} pairs of spawns of true (load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores):\n` +
        row('bare', bare) +
        row('bwrap', boxed) +
        row('bwrap - bare', differences) +
        `  difference of the medians: ${(median(boxed) - median(bare)).toFixed(1)} ms\n`,
    );
    verdict(
      'sandbox spawn overhead over bare (bwrap)',
      `${overhead.toFixed(1)} ms (median of ${SPAWNS} paired differences)`,
      '≤ 15 ms',
      overhead <= 15,
    );
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function suiteRatio(): Promise<void> {
  const vitest = join(repoRoot, 'node_modules/vitest/vitest.mjs');
  const command = [process.execPath, vitest, 'run', 'test/core', '--reporter=dot'];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    CI: 'true',
    NO_COLOR: '1',
  };
  const sandbox = await createBwrapSandbox({
    config: defaultConfig().sandbox,
    workspace: repoRoot,
    defaultTimeoutMs: limits.timeoutMs,
  });
  const bare: number[] = [];
  const boxed: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    const plain = await runProcess(command, { ...limits, cwd: repoRoot, env });
    bare.push(performance.now() - started);
    started = performance.now();
    const inside = await sandbox.run(command, { cwd: repoRoot, maxOutputBytes: limits.maxOutputBytes });
    boxed.push(performance.now() - started);
    process.stdout.write(
      `  round ${round + 1}: bare ${fmt(bare.at(-1) ?? 0)} ms (exit ${plain.exitCode}), sandboxed ${fmt(boxed.at(-1) ?? 0)} ms (exit ${inside.exitCode})\n`,
    );
  }
  await sandbox.close?.();
  const ratio = median(boxed) / median(bare);
  process.stdout.write(
    `vitest run test/core: bare median ${fmt(median(bare))} ms, sandboxed median ${fmt(median(boxed))} ms\n`,
  );
  verdict('a test suite in the sandbox, against bare', `${ratio.toFixed(3)}x`, '≤ 1.05x', ratio <= 1.05);
}

const wanted = process.argv.slice(2);
if (wanted.length === 0 || wanted.includes('spawn')) await spawnOverhead();
if (wanted.length === 0 || wanted.includes('suite')) await suiteRatio();
