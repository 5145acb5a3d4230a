/**
 * The loop's own cost, with in-memory fakes for every port (`npm run bench -- loop`):
 *
 * 1. Engine overhead per iteration: wall time of a 5-round run minus the time spent
 *    inside the model and the test runner, divided by the rounds (target ≤ 200 ms).
 *    The repository has 200 modules with 1,000 tests and a 40k-token context, so the
 *    per-test comparison, tamper checks, prompt building and diffs work at a realistic
 *    size. The fake workspace's in-memory diff stands in for git (the git adapter's
 *    own cost is measured with it, not here).
 * 2. Prompt caching: in a scripted 5-turn run, the share of input tokens read from the
 *    cached prefix from turn 2 on (target ≥ 80%), and the run's cost with caching
 *    against the same tokens billed without it, at the built-in price of
 *    claude-sonnet-4-6 (src/core/cost). Usage is simulated like Anthropic's cache:
 *    the prefix up to the last breakpoint is written once and read while unchanged.
 */
import { costOfUsage } from '../src/core/cost/cost-of-usage.ts';
import { runLoop } from '../src/core/loop/run-loop.ts';
import type { ModelUsage } from '../src/ports/model.ts';
import { createFakeLoop } from '../test/fakes/create-fake-loop.ts';
import type { ScriptStep } from '../test/fakes/fake-model.ts';
import { EDITOR_TOOL } from '../test/fakes/fake-repo-tools.ts';
import { createFile, endTurn, runTests, strReplace, toolUse } from '../test/fakes/model-script.ts';

const MODEL = 'claude-sonnet-4-6';
const ROUNDS = 5;
const REPEATS = 15;

function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': '{ "name": "bench", "scripts": { "test": "vitest run" } }\n',
  };
  for (let i = 0; i < 200; i += 1) {
    const body = Array.from(
      { length: 60 },
      (_, l) => `export function f${i}_${l}(x: number): number { return x * ${l} + ${i}; }`,
    ).join('\n');
    files[`src/mod${i}.ts`] = `${body}\n`;
    files[`test/mod${i}.test.ts`] = `import { f${i}_1 } from '../src/mod${i}';\n${Array.from(
      { length: 5 },
      (_, t) => `it('mod${i} case ${t}', () => { expect(f${i}_1(${t})).toBe(${t + i}); });`,
    ).join('\n')}\n`;
  }
  files['src/price.ts'] = 'export function price(net: number): number {\n  return net * 1.0;\n}\n';
  return files;
}

/** ~40k tokens of context, like a full `context.maxTokens` budget. */
function contextText(files: Record<string, string>): string {
  const parts = ['## Repository context\n'];
  for (const [path, text] of Object.entries(files)) {
    if (parts.join('').length > 140_000) break;
    parts.push(`### ${path}\n\`\`\`ts\n${text}\`\`\`\n`);
  }
  return parts.join('\n');
}

/** Rounds 1–4 leave the new test failing; round 5 fixes the code. */
function overheadScript(): ScriptStep[] {
  const test =
    "import { price } from './price';\nit('adds VAT', () => { expect(price(100)).toBe(120); }); // @needs(src/price.ts: net * 1.2)\n";
  const steps: ScriptStep[] = [
    toolUse(EDITOR_TOOL, { command: 'view', path: 'src/price.ts' }),
    createFile('src/price.test.ts', test),
    endTurn(),
  ];
  const factors = ['1.0', '1.1', '1.19', '1.3', '1.2'];
  for (let r = 1; r < ROUNDS; r += 1) {
    steps.push(strReplace('src/price.ts', `net * ${factors[r - 1]}`, `net * ${factors[r]}`), endTurn());
  }
  return steps;
}

interface Timed {
  modelMs: number;
  testMs: number;
}

async function measureOverhead(
  files: Record<string, string>,
  context: string,
): Promise<{ perRoundMs: number; rounds: number; outcome: string }> {
  const f = createFakeLoop({
    files,
    script: overheadScript(),
    contextText: context,
    model: { durationMs: 0 },
    runner: { durationMs: 0 },
  });
  const timed: Timed = { modelMs: 0, testMs: 0 };
  const model = f.deps.model;
  const tests = f.deps.tests;
  f.deps.model = {
    provider: model.provider,
    modelId: model.modelId,
    complete: async (req) => {
      const t = performance.now();
      try {
        return await model.complete(req);
      } finally {
        timed.modelMs += performance.now() - t;
      }
    },
  };
  f.deps.tests = {
    command: tests.command,
    run: async (sel) => {
      const t = performance.now();
      try {
        return await tests.run(sel);
      } finally {
        timed.testMs += performance.now() - t;
      }
    },
  };
  const started = performance.now();
  const outcome = await runLoop(f.request, f.deps);
  const wall = performance.now() - started;
  const rounds = outcome.report.iterations;
  return { perRoundMs: (wall - timed.modelMs - timed.testMs) / rounds, rounds, outcome: outcome.kind };
}

async function measureCaching(
  files: Record<string, string>,
  context: string,
): Promise<{ share: number; withCache: number; withoutCache: number; turns: ModelUsage[] }> {
  const test = "import { price } from './price';\nit('keeps net prices', () => { expect(price(100)).toBe(100); });\n";
  const script = [
    toolUse(EDITOR_TOOL, { command: 'view', path: 'src/price.ts' }),
    createFile('src/price.test.ts', test),
    runTests({ tests: ['src/price.test.ts'] }),
    toolUse(EDITOR_TOOL, { command: 'view', path: 'src/price.test.ts' }),
    endTurn(),
  ];
  const f = createFakeLoop({ files, script, contextText: context, model: { modelId: MODEL } });
  const outcome = await runLoop(f.request, f.deps);
  const turns = outcome.report.turns.map((t) => t.usage);
  const later = turns.slice(1);
  const read = later.reduce((n, u) => n + u.cacheReadTokens, 0);
  const input = later.reduce((n, u) => n + u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens, 0);
  const usd = (u: ModelUsage): number => {
    const cost = costOfUsage(MODEL, u);
    if (!cost.priced) throw new Error(cost.reason);
    return cost.usd;
  };
  const withCache = turns.reduce((n, u) => n + usd(u), 0);
  const withoutCache = turns.reduce(
    (n, u) =>
      n +
      usd({
        inputTokens: u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens,
        outputTokens: u.outputTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      }),
    0,
  );
  return { share: read / input, withCache, withoutCache, turns };
}

async function main(): Promise<void> {
  const files = fixtureFiles();
  const context = contextText(files);
  await measureOverhead(files, context); // warm-up (JIT)
  const samples: number[] = [];
  let last = { rounds: 0, outcome: '' };
  for (let i = 0; i < REPEATS; i += 1) {
    const m = await measureOverhead(files, context);
    samples.push(m.perRoundMs);
    last = m;
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  const worst = samples.at(-1) ?? Number.NaN;
  const overheadOk = median <= 200;
  process.stdout.write(
    `engine overhead per iteration: median ${median.toFixed(1)} ms, max ${worst.toFixed(1)} ms over ${REPEATS} runs of ${last.rounds} rounds ` +
      `(${last.outcome}; 200 modules, 1,000 tests, ${Math.round(context.length / 1000)} kB context)  ${overheadOk ? 'ok' : 'OVER TARGET (200 ms)'}\n`,
  );

  const cache = await measureCaching(files, context);
  const cacheOk = cache.share >= 0.8;
  process.stdout.write(
    `cached prefix share of input tokens, turns 2–${cache.turns.length}: ${(cache.share * 100).toFixed(1)}%  ${cacheOk ? 'ok' : 'UNDER TARGET (80%)'}\n` +
      `cost of the ${cache.turns.length}-turn run at ${MODEL} prices: $${cache.withCache.toFixed(4)} with caching vs $${cache.withoutCache.toFixed(4)} without ` +
      `(ratio ${(cache.withCache / cache.withoutCache).toFixed(2)})\n`,
  );
  process.exitCode = overheadOk && cacheOk ? 0 : 1;
}

await main();
