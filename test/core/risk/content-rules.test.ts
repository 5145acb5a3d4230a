/**
 * The content rule (src/core/risk/rules/content.ts) on real-shaped modules: a file no
 * path rule matches is `low-medium` when its content shows a pure data transformation
 * and its package or tests support that, and stays `medium` on any doubt. Fixtures are
 * small repositories under test/fixtures/risk-content.
 */
import { describe, expect, it } from 'vitest';
import type { FileRisk } from '../../../src/core/risk/assessment.ts';
import { classifyRisk, type ClassifyOptions } from '../../../src/core/risk/classify-risk.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';
import { contentCase } from './content-fixture.ts';

function classify(name: string, path: string, options: Partial<ClassifyOptions> = {}): FileRisk {
  const fixture = contentCase(name);
  const change = fixture.change(path);
  const files = classifyRisk([change], {
    contents: new Map([[path, fixture.head.get(path) as string]]),
    evidence: fixture.evidence(),
    ...options,
  }).files;
  return files[0] as FileRisk;
}

describe('the content rule on real-shaped modules', () => {
  it.each([
    [
      'a YAML loader (CommonJS, relative imports only)',
      'yaml-loader',
      'lib/loader.js',
      'low-medium',
      'pure-data-module',
      [
        'pure module: no I/O imports or calls (imports ./common, ./exception)',
        'exports loadAll, load',
        'package keywords: yaml, parser, serializer',
        'exercised by test/loader.test.js (imports it)',
      ],
    ],
    [
      'a CSV parser (one UMD file, like papaparse.js)',
      'csv-parser',
      'quickcsv.js',
      'low-medium',
      'pure-data-module',
      ['pure module: no imports, no I/O', 'exports parse, unparse', 'package keywords: csv, parser, delimited, tsv'],
    ],
    [
      'a date formatter in an application (supported by its test)',
      'date-formatter',
      'src/lib/dates.ts',
      'low-medium',
      'pure-data-module',
      ['exports formatDate, formatRelative, parseIsoDate', 'exercised by src/lib/dates.test.ts (imports it)'],
    ],
    [
      'a new TOML decoder in Python (pyproject keywords, __all__)',
      'toml-decoder',
      'tomlet/_reader.py',
      'low-medium',
      'pure-data-module',
      [
        'no I/O imports or calls (imports typing, re)',
        'exports TomlDecodeError, loads',
        'package keywords: toml, decoder, encoder',
        'exercised by tests/test_reader.py (imports it)',
      ],
    ],
    ['a serializer that also writes files', 'yaml-dumper', 'lib/dumper.js', 'medium', 'default', ['no rule matched']],
    ['a "parser" that fetches URLs', 'feed-parser', 'lib/feed.js', 'medium', 'default', ['no rule matched']],
  ])('%s', (_name, fixture, path, tier, rule, reasonParts) => {
    const file = classify(fixture, path);
    expect([file.tier, file.rule, file.category]).toEqual([tier, rule, tier === 'low-medium' ? 'data' : 'source']);
    for (const part of reasonParts) expect(file.reason).toContain(part);
    expect(file.matched).toEqual([rule]);
  });
});

describe('never lower on doubt', () => {
  const yaml = contentCase('yaml-loader');
  const loader = yaml.head.get('lib/loader.js') as string;
  const judge = (change: FileChange, text: string | undefined, options: Partial<ClassifyOptions> = {}) =>
    classifyRisk([change], {
      ...(text === undefined ? {} : { contents: new Map([[change.path, text]]) }),
      evidence: yaml.evidence(),
      ...options,
    }).files[0] as FileRisk;

  it('without content evidence (the App reads none), a pure module stays medium', () => {
    const file = classifyRisk([yaml.change('lib/loader.js')], { contents: new Map([['lib/loader.js', loader]]) })
      .files[0] as FileRisk;
    expect([file.tier, file.rule]).toEqual(['medium', 'default']);
  });

  it('without the head text, it stays medium', () => {
    expect(judge(yaml.change('lib/loader.js'), undefined).rule).toBe('default');
  });

  it('when the base text of a modified module was not read, it stays medium', () => {
    const evidence = { ...yaml.evidence(), base: new Map<string, string>() };
    expect(judge(yaml.change('lib/loader.js'), loader, { evidence }).rule).toBe('default');
  });

  it('when the base version did I/O (the change removes it), it stays medium', () => {
    const evidence = {
      ...yaml.evidence(),
      base: new Map([['lib/loader.js', `var fs = require('fs');\n${yaml.base.get('lib/loader.js') as string}`]]),
    };
    expect(judge(yaml.change('lib/loader.js'), loader, { evidence }).rule).toBe('default');
  });

  it('when neither the package nor a test supports it, it stays medium', () => {
    const evidence = { ...yaml.evidence(), manifests: new Map<string, string>(), tests: new Map<string, string>() };
    expect(judge(yaml.change('lib/loader.js'), loader, { evidence }).rule).toBe('default');
  });

  it('when the package describes a client or a server, it stays medium', () => {
    const manifests = new Map([
      ['package.json', JSON.stringify({ name: 'yaml-http', description: 'YAML parser and HTTP client' })],
    ]);
    expect(judge(yaml.change('lib/loader.js'), loader, { evidence: { ...yaml.evidence(), manifests } }).rule).toBe(
      'default',
    );
  });

  it('an export named for a side effect keeps it medium', () => {
    const text = `${loader}\nfunction saveDocument(doc) { return doc; }\nmodule.exports.saveDocument = saveDocument;\n`;
    expect(judge(yaml.change('lib/loader.js'), text).rule).toBe('default');
  });

  it('a relative import whose name says I/O keeps it medium', () => {
    const text = loader.replace("require('./common')", "require('./http-client')");
    expect(judge(yaml.change('lib/loader.js'), text).rule).toBe('default');
  });

  it.each([
    ['browser storage', 'localStorage.setItem("last", input);'],
    ['the process', 'process.stdout.write(input);'],
    ['a computed require', 'var plugin = require(options.plugin);'],
    ['a network call', 'var reply = fetch(options.url);'],
  ])('%s keeps it medium', (_name, line) => {
    const text = loader.replace("'use strict';", `'use strict';\n${line}`);
    expect(judge(yaml.change('lib/loader.js'), text).rule).toBe('default');
  });

  it('a UI component (tsx) is never judged by content', () => {
    const fixture = contentCase('date-formatter');
    const change = fixture.change('src/pages/orders.tsx');
    const file = classifyRisk([change], {
      contents: new Map([[change.path, fixture.head.get(change.path) as string]]),
      evidence: fixture.evidence(),
    }).files[0] as FileRisk;
    expect(file.rule).toBe('default');
  });

  it('a path rule at medium wins: the same pure module under api/ stays an API route', () => {
    const change = { ...yaml.change('lib/loader.js'), path: 'api/loader.js' };
    const file = judge(change, loader, {
      contents: new Map([['api/loader.js', loader]]),
      evidence: { ...yaml.evidence(), base: new Map([['api/loader.js', yaml.base.get('lib/loader.js') as string]]) },
    });
    expect([file.tier, file.rule]).toEqual(['medium', 'api-route']);
  });

  it('a comment-only change keeps its own rule (low)', () => {
    const change: FileChange = { ...yaml.change('lib/loader.js'), addedLines: ['// a note'], removedLines: [] };
    expect(judge(change, loader).rule).toBe('comment-only');
  });

  it('a default overridden to high is not undercut by the content rule', () => {
    const file = judge(yaml.change('lib/loader.js'), loader, {
      risk: { rules: [], overrides: [{ rule: 'default', tier: 'high', reason: 'we review all unmatched source' }] },
    });
    expect([file.tier, file.rule]).toEqual(['high', 'default']);
  });

  it('the content rule can be overridden by name, and the report says so', () => {
    const assessment = classifyRisk([yaml.change('lib/loader.js')], {
      contents: new Map([['lib/loader.js', loader]]),
      evidence: yaml.evidence(),
      risk: {
        rules: [],
        overrides: [{ rule: 'pure-data-module', tier: 'medium', reason: 'our parsers run on customer input' }],
      },
    });
    expect([assessment.tier, assessment.files[0]?.rule, assessment.files[0]?.override?.from]).toEqual([
      'medium',
      'pure-data-module',
      'low-medium',
    ]);
    expect(assessment.overridesApplied.map((o) => o.rule)).toEqual(['pure-data-module']);
  });

  it('repository rules still raise a pure module', () => {
    const file = judge(yaml.change('lib/loader.js'), loader, {
      risk: {
        rules: [{ name: 'core-lib', tier: 'high', category: 'custom', paths: ['lib/**'], content: [] }],
        overrides: [],
      },
    });
    expect([file.tier, file.rule]).toEqual(['high', 'core-lib']);
  });
});
