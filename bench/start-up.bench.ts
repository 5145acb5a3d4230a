/**
 * Start-up and size of the bundles, built fresh from this checkout into a temp dir
 * (with the bin beside them, as the npm package has them), beside a trivial Node script
 * (`console.log`) measured in the same run, interleaved so that drift hits both alike:
 *   1. `greenlight --version`, the whole process, with Node's compile cache warm (the
 *      bin enables it; the first, cold run is shown too). Target ≤ 3× the script.
 *   2. `node dist/index.js` (the Action, empty environment) until its first line of
 *      output, against the script's first line. Target ≤ 4×.
 *   3. The bytes the Action can load: dist/index.js and every chunk under dist/action/.
 *      Target ≤ 3 MB.
 * Prints min / median / max of each and the load average, since other work on the
 * machine moves every figure.
 *
 *   node bench/start-up.bench.ts
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles, root } from '../scripts/build.ts';
import { spread, verdict } from './verdict.ts';

const RUNS = 30;
const WARM_UP = 3;

interface Timing {
  /** Spawn to the first newline on stdout. */
  firstLine: number;
  /** Spawn to exit. */
  exit: number;
}

function time(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstLine = Number.NaN;
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk: Buffer) => {
      if (Number.isNaN(firstLine) && chunk.includes(10)) firstLine = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ firstLine, exit: performance.now() - started }));
  });
}

function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => statSync(join(dir, path)))
    .filter((info) => info.isFile())
    .reduce((sum, info) => sum + info.size, 0);
}

const fmt = (ms: number): string => ms.toFixed(1).padStart(6);
const row = (name: string, values: number[]): string => {
  const { min, median, max } = spread(values);
  return `  ${name.padEnd(42)} min ${fmt(min)}  median ${fmt(median)}  max ${fmt(max)} ms\n`;
};

const stage = mkdtempSync(join(tmpdir(), 'greenlight-start-up-'));
try {
  await buildBundles(join(stage, 'dist'));
  mkdirSync(join(stage, 'bin'));
  copyFileSync(join(root, 'bin', 'greenlight.js'), join(stage, 'bin', 'greenlight.js'));
  writeFileSync(join(stage, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(stage, 'trivial.mjs'), "console.log('ok');\n");

  const node = process.execPath;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_COMPILE_CACHE: join(stage, 'compile-cache') };
  const trivial = [node, join(stage, 'trivial.mjs')];
  const version = [node, join(stage, 'bin', 'greenlight.js'), '--version'];
  const action = [node, join(stage, 'dist', 'index.js')];

  const cold = await time(version, env);
  for (let i = 0; i < WARM_UP; i += 1) {
    await time(trivial, env);
    await time(version, env);
    await time(action, {});
  }
  const runs = { trivial: [] as Timing[], version: [] as Timing[], action: [] as Timing[] };
  for (let i = 0; i < RUNS; i += 1) {
    runs.trivial.push(await time(trivial, env));
    runs.version.push(await time(version, env));
    runs.action.push(await time(action, {}));
  }

  const [load1] = loadavg();
  process.stdout.write(
    `${RUNS} runs each, interleaved, Node ${process.versions.node}; load average ${load1?.toFixed(1)} on ${availableParallelism()} cores\n`,
  );
  process.stdout.write(
    row(
      'trivial script, to exit',
      runs.trivial.map((t) => t.exit),
    ),
  );
  process.stdout.write(
    row(
      'trivial script, to its first line',
      runs.trivial.map((t) => t.firstLine),
    ),
  );
  process.stdout.write(
    row(
      'greenlight --version, to exit',
      runs.version.map((t) => t.exit),
    ),
  );
  process.stdout.write(`  (first run, compile cache cold: ${cold.exit.toFixed(1)} ms)\n`);
  process.stdout.write(
    row(
      'node dist/index.js, to its first line',
      runs.action.map((t) => t.firstLine),
    ),
  );

  const versionRatio = spread(runs.version.map((t) => t.exit)).median / spread(runs.trivial.map((t) => t.exit)).median;
  const actionRatio =
    spread(runs.action.map((t) => t.firstLine)).median / spread(runs.trivial.map((t) => t.firstLine)).median;
  const actionBytes = statSync(join(stage, 'dist', 'index.js')).size + bytesUnder(join(stage, 'dist', 'action'));
  const cliBytes = statSync(join(stage, 'dist', 'cli.js')).size + bytesUnder(join(stage, 'dist', 'cli'));
  process.stdout.write(
    `  bundles: Action ${(actionBytes / 1e6).toFixed(2)} MB (dist/index.js + dist/action/), CLI ${(cliBytes / 1e6).toFixed(2)} MB (dist/cli.js + dist/cli/)\n`,
  );

  const met = [
    verdict('greenlight --version', `${versionRatio.toFixed(2)}x a trivial Node script`, '≤ 3x', versionRatio <= 3),
    verdict(
      'node dist/index.js to its first line',
      `${actionRatio.toFixed(2)}x a trivial Node script`,
      '≤ 4x',
      actionRatio <= 4,
    ),
    verdict(
      'dist/index.js with its chunks',
      `${(actionBytes / 1e6).toFixed(2)} MB`,
      '≤ 3 MB',
      actionBytes <= 3_000_000,
    ),
  ];
  process.exitCode = met.every(Boolean) ? 0 : 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
