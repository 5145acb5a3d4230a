import { describe, expect, it } from 'vitest';
import { LAYOUTS, layoutIndex } from '../../../bench/fixtures/layouts/index.ts';
import { pythonSubdirectory } from '../../../bench/fixtures/layouts/python-subdirectory.ts';
import { vendoredCopy } from '../../../bench/fixtures/layouts/vendored-copy.ts';
import { assembleContext } from '../../../src/core/context/assemble-context.ts';
import { renderContextReport } from '../../../src/core/context/render-context-report.ts';
import { sanitizeUntrustedText } from '../../../src/core/text/sanitize-untrusted-text.ts';

// The layouts of the context-quality bench (bench/fixtures/layouts/), held to its targets.
const cases = LAYOUTS.flatMap((layout) => layout.cases.map((c) => ({ layout, ...c })));
const packFor = (layout: (typeof LAYOUTS)[number], task: string, budgetTokens = 20_000) =>
  assembleContext(layoutIndex(layout), sanitizeUntrustedText(task), { budgetTokens });

describe('context on real layouts', () => {
  it.each(cases.map((c) => [`${c.layout.name}: ${c.task}`, c] as const))('%s', (_name, c) => {
    const pack = packFor(c.layout, c.task);
    const paths = pack.items.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(c.files));
    for (const copy of c.absent ?? []) expect(paths).not.toContain(copy);
    if (c.area !== undefined) expect(paths.slice(0, 10).filter((p) => !p.startsWith(c.area!))).toEqual([]);
  });

  it('resolves `from app import crud` in backend/tests to backend/app/crud.py', () => {
    const pack = packFor(pythonSubdirectory, pythonSubdirectory.cases[0]!.task);
    const crud = pack.items.find((i) => i.path === 'backend/app/crud.py')!;
    expect(crud.reasons).toContainEqual(
      expect.objectContaining({ signal: 'imported-by', detail: 'imported by backend/tests/crud/test_user.py' }),
    );
  });

  it('ranks the frontend below the backend the task is about, and says why', () => {
    const { task, files } = pythonSubdirectory.cases[1]!;
    const pack = packFor(pythonSubdirectory, task);
    const lastExpected = Math.max(...pack.items.filter((i) => files.includes(i.path)).map((i) => i.rank));
    const firstFrontendCode = pack.items.find((i) => /^frontend\/.*\.tsx?$/.test(i.path))!;
    expect(firstFrontendCode.rank).toBeGreaterThan(Math.max(lastExpected, 10));
    expect(firstFrontendCode.reasons).toContainEqual(
      expect.objectContaining({
        signal: 'other-language',
        detail: 'JavaScript/TypeScript, while the task is about Python: ranked lower',
        score: expect.any(Number),
      }),
    );
    expect(firstFrontendCode.reasons.find((r) => r.signal === 'other-language')!.score).toBeLessThan(0);
  });

  it('fills the room left with backend code only, once the task is known to be about Python', () => {
    const pack = packFor(pythonSubdirectory, pythonSubdirectory.cases[0]!.task);
    const fill = pack.items.filter((i) => i.reasons.every((r) => r.signal === 'central'));
    expect(fill.length).toBeGreaterThan(0);
    expect(fill.filter((i) => /\.tsx?$/.test(i.path))).toEqual([]);
  });

  it('leaves the vendored copy out once the original is in, and explains it in the report', () => {
    const task = vendoredCopy.cases[0]!.task;
    const pack = packFor(vendoredCopy, task);
    expect(pack.demoted).toEqual([
      {
        path: 'docs/resources/js/csvkit.js',
        original: 'csvkit.js',
        detail: expect.stringMatching(/^a copy of csvkit\.js \(\d+% of its lines as in it\): ranked below it$/),
        included: false,
      },
    ]);
    expect(pack.stats.skippedFiles).toMatchObject({ generated: 1 }); // csvkit.min.js
    const report = renderContextReport(pack, task);
    expect(report).toContain('Ranked lower as copies or bundles:');
    expect(report).toMatch(
      /docs\/resources\/js\/csvkit\.js — a copy of csvkit\.js \(\d+% of its lines as in it\): ranked below it; left out: csvkit\.js is in the context/,
    );
  });

  it('keeps the copy when the task names it', () => {
    const pack = packFor(vendoredCopy, 'The demo site loads docs/resources/js/csvkit.js, which is outdated');
    const copy = pack.items.find((i) => i.path === 'docs/resources/js/csvkit.js')!;
    expect(copy.rank).toBe(1);
    expect(copy.reasons.map((r) => r.signal)).not.toContain('copy');
  });
});
