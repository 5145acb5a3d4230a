/**
 * Context assembly speed and memory on generated repositories of 5,000 and 50,000
 * files, beside the floor: `git ls-files` plus reading every indexed file.
 *
 * The repositories are a realistic mix (seeded, so every run builds the same tree):
 * TypeScript services with colocated and mirrored tests, Python packages with
 * `tests/test_*.py`, Go packages with `_test.go`, Markdown docs, JSON/YAML config,
 * plus what the indexer must skip (a vendored Go tree, lockfiles, PNGs, generated
 * files, a minified bundle). File sizes follow a log-normal distribution (median ≈ 2 KB,
 * long tail to 60 KB), like real source trees. Each tree is committed to a fresh git
 * repository in a temporary directory.
 *
 * Every measurement runs in a fresh Node process (cold JIT, honest peak RSS from
 * `process.resourceUsage().maxRSS`) after one warm-up read so that both sides see a
 * warm page cache. Targets: 50k ≤ 3 s and ≤ 500 MB; 5k ≤ 0.5 s.
 *
 *   node bench/context.bench.ts              # both sizes
 *   node bench/context.bench.ts 5000         # one size
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

interface Measurement {
  ms: number;
  maxRssMb: number;
  files: number;
  items?: number;
  top?: string[];
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const targets: Record<number, { ms: number; mb?: number }> = { 5_000: { ms: 500 }, 50_000: { ms: 3_000, mb: 500 } };
  let failed = false;
  for (const size of sizes.length > 0 ? sizes : [5_000, 50_000]) {
    const dir = mkdtempSync(join(tmpdir(), `greenlight-context-bench-${size}-`));
    try {
      const started = performance.now();
      const { tasks, bytes } = generateRepository(dir, size);
      process.stdout.write(
        `generated ${size} files (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s` +
          ` (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: other work on the machine slows every figure)\n`,
      );
      run(dir, 'floor', ''); // warm the page cache
      const floor = run(dir, 'floor', '');
      for (const task of tasks) {
        const ours = run(dir, 'assemble', task.text);
        const target = targets[size];
        const timeOk = target === undefined || ours.ms <= target.ms;
        const memoryOk = target?.mb === undefined || ours.maxRssMb <= target.mb;
        failed ||= !timeOk || !memoryOk;
        const found = task.expect === '' ? 'n/a' : ours.top?.includes(task.expect) ? 'found' : 'MISSED';
        process.stdout.write(
          `${String(size).padStart(6)} files  ${task.name.padEnd(10)}  assemble ${fmt(ours.ms)} ms, ${ours.maxRssMb.toFixed(0)} MB` +
            `  |  floor ${fmt(floor.ms)} ms, ${floor.maxRssMb.toFixed(0)} MB  |  ratio ${(ours.ms / floor.ms).toFixed(2)}x time, ` +
            `${(ours.maxRssMb / floor.maxRssMb).toFixed(2)}x memory  |  ${ours.items} items, expected file ${found}` +
            `  ${timeOk && memoryOk ? 'ok' : `OVER TARGET (${target?.ms} ms${target?.mb ? `, ${target.mb} MB` : ''})`}\n`,
        );
      }
    } finally {
      if (process.env.GREENLIGHT_BENCH_KEEP) process.stdout.write(`kept ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  process.exitCode = failed ? 1 : 0;
}

function fmt(ms: number): string {
  return ms.toFixed(0).padStart(5);
}

function run(dir: string, mode: 'floor' | 'assemble', task: string): Measurement {
  const result = spawnSync(process.execPath, [here, '--measure', dir, mode, task], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`measure ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Measurement;
}

async function measureChild(dir: string, mode: string, task: string): Promise<void> {
  // Modules are loaded before the clock starts: a CLI pays that once, not per assembly.
  const { readRepoIndex, listRepoFiles } = await import('../src/adapters/context/read-repo-index.ts');
  const { assembleContext } = await import('../src/core/context/assemble-context.ts');
  const { renderContextForPrompt } = await import('../src/core/prompt/render-context-for-prompt.ts');
  const { sanitizeUntrustedText } = await import('../src/core/text/sanitize-untrusted-text.ts');
  if (mode === 'floor') {
    const started = performance.now();
    const paths = await listRepoFiles(dir);
    // The floor reads what the indexer indexes (it skips vendored/lockfiles/binaries by path).
    const { pathSkipReason } = await import('../src/core/context/path-skip-reason.ts');
    let bytes = 0;
    for (const path of paths) {
      if (pathSkipReason(path, () => false) !== null) continue;
      bytes += readFileSync(join(dir, path), 'utf8').length;
    }
    const ms = performance.now() - started;
    process.stdout.write(
      `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, files: paths.length, bytes })}\n`,
    );
    return;
  }
  const started = performance.now();
  const index = await readRepoIndex(dir, { maxFileBytes: 512_000, exclude: [] });
  const pack = assembleContext(index, sanitizeUntrustedText(task), { budgetTokens: 40_000 });
  renderContextForPrompt(pack);
  const ms = performance.now() - started;
  const measurement: Measurement = {
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    files: index.files.length,
    items: pack.items.length,
    top: pack.items.slice(0, 5).map((i) => i.path),
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

// ---------------------------------------------------------------- generator

interface BenchTask {
  name: string;
  text: string;
  /** A file that must be among the first five items. */
  expect: string;
}

/** Park–Miller PRNG: the same tree on every machine. */
function random(seed: number): () => number {
  let state = seed % 2_147_483_647;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return (state - 1) / 2_147_483_646;
  };
}

const WORDS = (
  'account address amount archive audit balance batch billing buffer bundle cache cart catalog channel checkout ' +
  'client cluster config connection consumer content cookie coupon credit cursor customer dashboard delivery ' +
  'device discount document domain draft email endpoint entry event export feature feed filter flag folder ' +
  'gateway grant group handler header history host image import inbox index invoice item job key label ledger ' +
  'limit listing locale lock log market media member message metric migration mode model module monitor node ' +
  'note notice offer order owner package page panel partner payload payment permission pipeline plan policy ' +
  'pool post preference price printer profile project promo provider queue quota rate receipt record region ' +
  'report request resource result review role route rule schedule schema scope search secret segment session ' +
  'setting shipment signal snapshot source stage status stock store stream subscription summary supplier task ' +
  'team template tenant ticket timer token topic trace transfer trigger upload usage user vendor version ' +
  'voucher wallet webhook widget window worker workspace zone'
).split(' ');
const VERBS =
  'build parse load save find create update delete merge compute validate render format apply resolve sync fetch encode decode normalize split collect'.split(
    ' ',
  );

function generateRepository(dir: string, size: number): { tasks: BenchTask[]; bytes: number } {
  const rnd = random(size);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const pascal = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  const camel = (a: string, b: string): string => a + pascal(b);
  const snake = (a: string, b: string): string => `${a}_${b}`;
  // Log-normal sizes: median ~2 KB, 60 KB cap.
  const targetBytes = (): number => Math.min(60_000, Math.max(200, Math.round(Math.exp(7.6 + 0.9 * gaussian(rnd)))));
  let bytes = 0;
  const write = (path: string, content: string | Buffer): void => {
    const absolute = join(dir, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
    bytes += content.length;
  };
  const tasks: BenchTask[] = [];
  const shares = { ts: 0.45, py: 0.25, go: 0.2, doc: 0.07 };
  const perModule = 12;
  let written = 0;
  let moduleNo = 0;
  const budget = (share: number): number => Math.floor(size * share);

  // TypeScript services: src/<area>/<name>.ts with colocated tests and a mirrored test/ tree.
  while (written < budget(shares.ts)) {
    const service = `services/${pick(WORDS)}-${moduleNo}`;
    const area = pick(WORDS);
    const names = Array.from({ length: perModule / 2 }, (_, k) => `${pick(WORDS)}-${pick(VERBS)}${k}`);
    names.forEach((name, k) => {
      const fn = camel(pick(VERBS), pascal(name.replace(/-.*$/, '')) + k);
      const type = pascal(pick(WORDS)) + pascal(pick(WORDS));
      const sibling = names[(k + 1) % names.length]!;
      write(`${service}/src/${area}/${name}.ts`, tsSource(fn, type, sibling, targetBytes(), rnd));
      const testPath =
        k % 2 === 0 ? `${service}/src/${area}/${name}.test.ts` : `${service}/test/${area}/${name}.test.ts`;
      const importPath = k % 2 === 0 ? `./${name}.ts` : `../../src/${area}/${name}.ts`;
      write(testPath, tsTest(fn, importPath, targetBytes(), rnd));
      if (tasks.length === 0 && moduleNo === 3 && k === 2) {
        tasks.push({
          name: 'identifier',
          text: `${fn} returns the wrong total when the ${type} is empty; add a regression test.`,
          expect: `${service}/src/${area}/${name}.ts`,
        });
      }
    });
    write(
      `${service}/package.json`,
      JSON.stringify(
        { name: service.replace('/', '-'), scripts: { test: 'vitest run' }, devDependencies: { vitest: '^3.0.0' } },
        null,
        2,
      ),
    );
    written += perModule + 1;
    moduleNo += 1;
  }
  // Python packages with tests/test_*.py.
  while (written < budget(shares.ts + shares.py)) {
    const pkg = `python/${pick(WORDS)}_${moduleNo}`;
    const mods = Array.from({ length: perModule / 2 }, (_, k) => `${snake(pick(WORDS), pick(VERBS))}${k}`);
    write(`${pkg}/__init__.py`, '');
    mods.forEach((mod, k) => {
      const fn = snake(pick(VERBS), pick(WORDS)) + k;
      write(`${pkg}/${mod}.py`, pySource(fn, mods[(k + 1) % mods.length]!, targetBytes(), rnd));
      write(`${pkg}/tests/test_${mod}.py`, pyTest(pkg.replace('/', '.'), mod, fn, targetBytes(), rnd));
      if (tasks.length === 1 && k === 1) {
        tasks.push({
          name: 'traceback',
          text: `Crash in the nightly job:\n\nTraceback (most recent call last):\n  File "${pkg}/${mod}.py", line 12, in ${fn}\nKeyError: 'total'\n`,
          expect: `${pkg}/${mod}.py`,
        });
      }
    });
    written += perModule + 1;
    moduleNo += 1;
  }
  // Go packages with _test.go files, and one vendored tree the indexer must skip.
  write('go/go.mod', 'module example.com/shop\n\ngo 1.22\n');
  while (written < budget(shares.ts + shares.py + shares.go)) {
    const pkg = `go/internal/${pick(WORDS)}${moduleNo}`;
    for (let k = 0; k < perModule / 2; k += 1) {
      const name = `${pick(WORDS)}_${pick(VERBS)}${k}`;
      const fn = pascal(pick(VERBS)) + pascal(pick(WORDS)) + k;
      write(`${pkg}/${name}.go`, goSource(pkg.split('/').at(-1)!, fn, targetBytes(), rnd));
      write(`${pkg}/${name}_test.go`, goTest(pkg.split('/').at(-1)!, fn, targetBytes(), rnd));
    }
    written += perModule;
    moduleNo += 1;
  }
  // Docs, config, and things to skip.
  while (written < size - 20) {
    const topic = pick(WORDS);
    write(`docs/${pick(WORDS)}/${topic}-${written}.md`, markdown(topic, targetBytes(), rnd));
    written += 1;
  }
  tasks.push({
    name: 'prose',
    text: 'The invoice ledger export drops the last billing record when the batch is full. Please fix and cover it with tests.',
    expect: '',
  });
  for (let k = 0; k < 5; k += 1)
    write(`go/vendor/github.com/acme/lib${k}/lib.go`, goSource('lib', `Vendored${k}`, 3_000, rnd));
  write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: {} }));
  write('go/go.sum', 'example.com/x v1.0.0 h1:abc=\n');
  for (let k = 0; k < 5; k += 1)
    write(`docs/img/shot${k}.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
  write('web/static/app.min.js', `${'var a=1;'.repeat(5_000)}\n`);
  write('go/internal/api/api.pb.go', '// Code generated by protoc-gen-go. DO NOT EDIT.\npackage api\n');
  write('README.md', '# Shop\n\nA generated monorepo for benchmarks.\n');

  const git = (...args: string[]): void => {
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.test',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.test',
      },
    });
  };
  git('init', '-q');
  // No background `git gc --auto` / maintenance competing with the measurements.
  git('config', 'gc.auto', '0');
  git('config', 'maintenance.auto', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated');
  // The prose task's expected file is whichever file the generator put those words in
  // first; the bench only checks that the named-identifier and traceback tasks find theirs.
  return { tasks, bytes };
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
}

function filler(rnd: () => number, target: number, line: (k: number) => string): string {
  const lines: string[] = [];
  let length = 0;
  for (let k = 0; length < target; k += 1) {
    const text = line(k);
    lines.push(text);
    length += text.length + 1;
  }
  void rnd;
  return lines.join('\n');
}

function tsSource(fn: string, type: string, sibling: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const header = `import { helper } from './${sibling}.ts';\nimport type { Context } from '../types.ts';\n\n/** The ${type} of a ${w()}. */\nexport interface ${type} {\n  id: string;\n  ${w()}: number;\n  ${w()}?: string;\n}\n\n`;
  const body = filler(rnd, target - header.length, (k) =>
    k % 12 === 0
      ? `\nexport function ${k === 0 ? fn : `${w()}${k}`}(input: ${type}, context: Context): number {`
      : k % 12 === 11
        ? '}'
        : `  const ${w()}${k} = helper(input.${w()} ?? ${k}, context.${w()}); // ${w()} ${w()}`,
  );
  return `${header}${body}\n}\n\nexport function helper(a: unknown, b: unknown): number {\n  return Number(a) + Number(b);\n}\n`;
}

function tsTest(fn: string, importPath: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const header = `import { describe, expect, it } from 'vitest';\nimport { ${fn} } from '${importPath}';\n\ndescribe('${fn}', () => {\n`;
  return `${header}${filler(rnd, target - header.length, (k) => `  it('handles ${w()} ${k}', () => {\n    expect(${fn}({ id: '${w()}' } as never, {} as never)).toBeGreaterThan(${k});\n  });`)}\n});\n`;
}

function pySource(fn: string, sibling: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const header = `"""${w()} ${w()} helpers."""\nfrom .${sibling} import helper\n\n\ndef ${fn}(record, context):\n    """Return the ${w()} of a record."""\n    total = record["total"]\n`;
  return `${header}${filler(rnd, target - header.length, (k) => (k % 10 === 0 ? `\n\ndef ${w()}_${w()}_${k}(value, ${w()}=None):` : `    ${w()}_${k} = helper(value, "${w()}")  # ${w()}`))}\n\n\ndef helper(a, b):\n    return a\n`;
}

function pyTest(pkg: string, mod: string, fn: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const header = `import pytest\n\nfrom ${pkg}.${mod} import ${fn}\n\n`;
  return `${header}${filler(rnd, target - header.length, (k) => `\ndef test_${w()}_${k}():\n    assert ${fn}({"total": ${k}}, {}) == ${k}\n`)}\n`;
}

function goSource(pkg: string, fn: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const header = `package ${pkg}\n\nimport (\n\t"errors"\n\t"fmt"\n)\n\n// ${fn} ${w()}s the ${w()}.\nfunc ${fn}(input map[string]int) (int, error) {\n\tif input == nil {\n\t\treturn 0, errors.New("${w()}")\n\t}\n`;
  return `${header}${filler(rnd, target - header.length, (k) => (k % 10 === 9 ? `\treturn ${k}, nil\n}\n\nfunc ${w()}${k}(value int) (int, error) {` : `\t${w()}${k} := fmt.Sprint(input["${w()}"]) // ${w()}`))}\n\treturn 0, nil\n}\n`;
}

function goTest(pkg: string, fn: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const header = `package ${pkg}\n\nimport "testing"\n\n`;
  return `${header}${filler(rnd, target - header.length, (k) => `func Test${fn}${w()}${k}(t *testing.T) {\n\tif _, err := ${fn}(map[string]int{"${w()}": ${k}}); err != nil {\n\t\tt.Fatal(err)\n\t}\n}\n`)}`;
}

function markdown(topic: string, target: number, rnd: () => number): string {
  const w = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  return `# ${topic}\n\n${filler(rnd, target, (k) => (k % 8 === 0 ? `\n## ${w()} ${w()}\n` : `The ${w()} ${w()} keeps each ${w()} in its ${w()}, so that a ${w()} can ${w()} the ${w()} later.`))}\n`;
}

// Entry point last: the generator's constants above must be initialised first.
if (process.argv[2] === '--measure') {
  await measureChild(process.argv[3]!, process.argv[4]!, process.argv[5] ?? '');
} else {
  await main();
}
