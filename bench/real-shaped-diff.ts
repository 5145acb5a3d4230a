/**
 * A large, real-shaped change for the risk bench: a seeded web application (TypeScript
 * components, API routes, utilities with their tests, Python and Go services, SQL
 * migrations, docs, package manifests, translation catalogues of 1,500 lines, a
 * lockfile), committed once, then changed across ~1,500 files the way a release range
 * changes them: a third of each source file's lines rewritten, catalogues edited, and
 * new catalogues, a new package manager's lockfile and a large data file added. Sizes and the mix follow a real
 * release range of an open-source analytics application (1,563 files, 8.6 MB of
 * `git diff -U0`), whose long lines and big data files are what made per-pattern
 * rescans expensive; short synthetic lines hide that.
 *
 * Not a bench itself (no `.bench.ts`): bench/risk.bench.ts builds it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: a small seeded PRNG, so that every run builds the same trees. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'website',
  'session',
  'event',
  'report',
  'funnel',
  'retention',
  'pageview',
  'visitor',
  'team',
  'user',
  'share',
  'filter',
  'metric',
  'device',
  'browser',
  'country',
  'referrer',
  'campaign',
  'goal',
  'journey',
  'realtime',
  'insight',
  'segment',
  'cohort',
];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const cap = (word: string) => word[0]!.toUpperCase() + word.slice(1);
const ident = (random: Random) => `${pick(random, WORDS)}${cap(pick(random, WORDS))}`;
const sentence = (random: Random, n: number) =>
  Array.from({ length: n }, () => pick(random, WORDS)).join(' ') + (random() < 0.5 ? '.' : '');

/** One line of TypeScript/TSX of the kinds a web application's components and routes hold. */
const TS_LINES: readonly ((r: Random) => string)[] = [
  (r) =>
    `  const ${ident(r)} = useMemo(() => ${ident(r)}.filter((item) => item.${pick(r, WORDS)}Id === ${ident(r)}), [${ident(r)}]);`,
  (r) =>
    `  const { data, isLoading, error } = use${cap(ident(r))}Query(${ident(r)}, { startDate, endDate, unit, timezone });`,
  (r) =>
    `      <${cap(pick(r, WORDS))}Table data={${ident(r)}} title={formatMessage(labels.${pick(r, WORDS)})} metric={formatMessage(labels.${pick(r, WORDS)}s)} />`,
  (r) => `  if (!${ident(r)}) {\n    return null;\n  }`,
  (r) => `import { ${cap(ident(r))}, ${cap(ident(r))} } from '@/components/${pick(r, WORDS)}/${cap(ident(r))}';`,
  (r) => `import { use${cap(ident(r))} } from '@/components/hooks';`,
  (r) => `    ${ident(r)}: z.string().uuid().optional(),`,
  (r) => `  return json(await get${cap(ident(r))}(websiteId, { ...filters, ${pick(r, WORDS)}: ${ident(r)} }));`,
  (r) => `  // ${sentence(r, 8)}`,
  (r) =>
    `export function ${ident(r)}(${pick(r, WORDS)}: ${cap(pick(r, WORDS))}, options: { ${pick(r, WORDS)}?: boolean } = {}) {`,
  (r) => `    className={classNames(styles.${pick(r, WORDS)}, { [styles.${pick(r, WORDS)}]: ${ident(r)} })}`,
  (r) =>
    `  const ${ident(r)} = ${ident(r)}?.map(({ x, y }) => ({ x: formatDate(x, 'yyyy-MM-dd'), y: Number(y) || 0 })) ?? [];`,
  (_r) => `}`,
  (_r) => ``,
  (r) =>
    `  await ${ident(r)}.${pick(r, ['set', 'get', 'delete'])}(\`${pick(r, WORDS)}:\${${ident(r)}}\`, ${ident(r)});`,
];
const PY_LINES: readonly ((r: Random) => string)[] = [
  (r) => `    ${pick(r, WORDS)}_${pick(r, WORDS)} = self._${pick(r, WORDS)}.get(${pick(r, WORDS)}_id, default=None)`,
  (r) =>
    `def ${pick(r, WORDS)}_${pick(r, WORDS)}(${pick(r, WORDS)}: dict[str, Any], *, limit: int = 100) -> list[dict[str, Any]]:`,
  (r) => `    """${cap(sentence(r, 9))}"""`,
  (r) => `    return [row for row in rows if row["${pick(r, WORDS)}"] >= threshold]`,
  (r) => `        raise ValueError(f"unknown ${pick(r, WORDS)}: {${pick(r, WORDS)}!r}")`,
  (_r) => ``,
];
const GO_LINES: readonly ((r: Random) => string)[] = [
  (r) =>
    `\t${pick(r, WORDS)}, err := s.${cap(pick(r, WORDS))}Store.Get${cap(pick(r, WORDS))}(ctx, ${pick(r, WORDS)}ID)`,
  (r) => `\tif err != nil {\n\t\treturn nil, fmt.Errorf("get ${pick(r, WORDS)}: %w", err)\n\t}`,
  (r) =>
    `func (s *${cap(pick(r, WORDS))}Service) ${cap(ident(r))}(ctx context.Context, id string) (*${cap(pick(r, WORDS))}, error) {`,
  (r) => `\t// ${sentence(r, 7)}`,
  (_r) => `}`,
];

function lines(random: Random, kinds: readonly ((r: Random) => string)[], count: number): string[] {
  return Array.from({ length: count }, () => pick(random, kinds)(random));
}

/** A lognormal-ish length: median `median`, long tail. */
function length(random: Random, median: number): number {
  return Math.max(8, Math.round(median * Math.exp((random() + random() + random() - 1.5) * 1.4)));
}

/** Rewrites about a third of the lines, drops a few and adds some: a release's worth of edits. */
function edit(random: Random, before: string[], kinds: readonly ((r: Random) => string)[]): string[] {
  const after: string[] = [];
  for (const line of before) {
    const roll = random();
    if (roll < 0.28) after.push(pick(random, kinds)(random));
    else if (roll < 0.33) continue;
    else after.push(line);
    if (random() < 0.06) after.push(pick(random, kinds)(random));
  }
  return after;
}

const FORMATTER = (name: string) =>
  [
    `/** ${cap(name)} values as the dashboard shows them. */`,
    `const UNITS = ['', 'K', 'M', 'B'];`,
    ``,
    `export function format${cap(name)}(value: number, digits = 1): string {`,
    `  let unit = 0;`,
    `  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {`,
    `    value /= 1000;`,
    `    unit += 1;`,
    `  }`,
    `  return \`\${value.toFixed(unit === 0 ? 0 : digits)}\${UNITS[unit]}\`;`,
    `}`,
    ``,
    `export function parse${cap(name)}(text: string): number {`,
    `  const match = /^(-?[0-9.]+)([KMB]?)$/.exec(text.trim());`,
    `  if (!match) throw new RangeError(\`not a ${name}: \${text}\`);`,
    `  return Number(match[1]) * 1000 ** UNITS.indexOf(match[2] ?? '');`,
    `}`,
  ].join('\n');

export interface RealShapedDiff {
  root: string;
  /** Files the last commit changes. */
  changed: number;
  /** Bytes of `git diff -U0` for the range. */
  diffBytes: number;
}

/** Builds the repository in `root` (an empty directory): two commits, base and head. */
export function buildRealShapedDiff(root: string, seed = 1563): RealShapedDiff {
  const random = prng(seed);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], {
      stdio: 'pipe',
      maxBuffer: 1 << 30,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text.endsWith('\n') ? text : `${text}\n`);
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'bench');

  const files = new Map<string, { lines: string[]; kinds: readonly ((r: Random) => string)[] | null }>();
  const source = (path: string, kinds: readonly ((r: Random) => string)[], median: number) =>
    files.set(path, { lines: lines(random, kinds, length(random, median)), kinds });
  for (let i = 0; i < 480; i += 1)
    source(`src/components/${pick(random, WORDS)}/${cap(ident(random))}${i}.tsx`, TS_LINES, 70);
  for (let i = 0; i < 160; i += 1)
    source(
      `src/app/api/${pick(random, WORDS)}s/[${pick(random, WORDS)}Id]/${pick(random, WORDS)}${i}/route.ts`,
      TS_LINES,
      50,
    );
  for (let i = 0; i < 140; i += 1)
    source(`src/queries/${pick(random, WORDS)}/get${cap(ident(random))}${i}.ts`, TS_LINES, 60);
  for (let i = 0; i < 180; i += 1)
    source(`services/${pick(random, WORDS)}/${pick(random, WORDS)}_${i}.py`, PY_LINES, 80);
  for (let i = 0; i < 120; i += 1)
    source(`internal/${pick(random, WORDS)}/${pick(random, WORDS)}_${i}.go`, GO_LINES, 90);
  for (let i = 0; i < 230; i += 1)
    source(`src/components/${pick(random, WORDS)}/${cap(ident(random))}${i}.test.tsx`, TS_LINES, 40);
  for (let i = 0; i < 40; i += 1) {
    const name = `${pick(random, WORDS)}${i}`;
    files.set(`src/lib/${name}.ts`, { lines: FORMATTER(name).split('\n'), kinds: null });
    files.set(`src/lib/${name}.test.ts`, {
      lines: [
        `import { format${cap(name)} } from './${name}';`,
        `it('formats', () => expect(format${cap(name)}(1500)).toBe('1.5K'));`,
      ],
      kinds: null,
    });
  }
  for (let i = 0; i < 60; i += 1)
    files.set(`docs/${pick(random, WORDS)}/${pick(random, WORDS)}-${i}.md`, {
      lines: Array.from({ length: length(random, 40) }, () => sentence(random, 12)),
      kinds: null,
    });
  const catalogue = (r: Random) =>
    Array.from({ length: 1500 }, (_, k) => `  "${pick(r, WORDS)}-${k}": "${cap(sentence(r, 3))}",`);
  for (let i = 0; i < 12; i += 1)
    files.set(`public/intl/messages/locale-${i}.json`, { lines: catalogue(random), kinds: null });
  const lockfile = (r: Random, entries: number) =>
    Array.from(
      { length: entries },
      (_, k) =>
        `  /${pick(r, WORDS)}-${k}@${k % 9}.${k % 13}.${k % 7}:\n    resolution: {integrity: sha512-${Math.floor(r() * 1e16).toString(36)}}`,
    ).join('\n');
  files.set('yarn.lock', { lines: lockfile(random, 6_000).split('\n'), kinds: null });
  files.set('package.json', {
    lines: JSON.stringify(
      { name: 'analytics-app', description: 'Privacy-focused web analytics', version: '2.0.0' },
      null,
      2,
    ).split('\n'),
    kinds: null,
  });
  for (const [path, file] of files) write(path, file.lines.join('\n'));
  git('add', '-A');
  git('commit', '-q', '-m', 'base');

  let changed = 0;
  for (const [path, file] of files) {
    if (path.endsWith('.md') && random() < 0.5) continue;
    if (file.kinds !== null) write(path, edit(random, file.lines, file.kinds).join('\n'));
    else if (path.startsWith('public/intl/'))
      write(
        path,
        file.lines
          .map((line) => (random() < 0.3 ? line.replace(/": ".*"/, `": "${cap(sentence(random, 6))}"`) : line))
          .join('\n'),
      );
    else if (path === 'yarn.lock') rmSync(join(root, path));
    else if (path.startsWith('src/lib/') && !path.endsWith('.test.ts'))
      write(path, file.lines.map((line) => line.replace('digits = 1', 'digits = 2')).join('\n'));
    else write(path, [...file.lines, sentence(random, 10)].join('\n'));
    changed += 1;
  }
  // What a release adds wholesale: new catalogues, a lockfile for a new package
  // manager, a geographic data file (short lines, read by the rules, cheap to diff).
  for (let i = 12; i < 36; i += 1) write(`public/intl/messages/locale-${i}.json`, catalogue(random).join('\n'));
  write('pnpm-lock.yaml', lockfile(random, 7_000));
  write(
    'public/geo/world.json',
    Array.from({ length: 13_000 }, (_, k) => `{"id":"${k}","arcs":[[${k},${k + 1},${-k - 2}]]},`).join('\n'),
  );
  changed += 24 + 2;
  for (let i = 0; i < 20; i += 1) {
    write(
      `prisma/migrations/2024${String(i).padStart(4, '0')}_${pick(random, WORDS)}/migration.sql`,
      `-- AlterTable\nALTER TABLE "${pick(random, WORDS)}" ADD COLUMN "${pick(random, WORDS)}_id" UUID;\nCREATE INDEX "${pick(random, WORDS)}_idx" ON "${pick(random, WORDS)}"("created_at");`,
    );
    changed += 1;
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  const diffBytes = git('diff', '--no-color', '-M', '-U0', 'HEAD~1', 'HEAD').length;
  return { root, changed, diffBytes };
}
