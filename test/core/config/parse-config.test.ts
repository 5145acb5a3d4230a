import { describe, expect, it } from 'vitest';
import type { ConfigIssue } from '../../../src/core/config/config-issue.ts';
import { parseConfig } from '../../../src/core/config/parse-config.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';

/** Joins lines so each case shows the file as the user wrote it. */
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** The parts of an issue a case pins down. */
function brief(issue: ConfigIssue) {
  return { kind: issue.kind, path: issue.path, at: `${issue.line}:${issue.column}`, message: issue.message };
}

function errorsOf(text: string) {
  const result = parseConfig(text);
  if (result.ok) throw new Error('expected the config to be invalid');
  return result.errors.map(brief);
}

describe('parseConfig: absent and empty files', () => {
  it.each([
    ['absent (null)', null],
    ['undefined', undefined],
    ['empty', ''],
    ['blank lines', '\n  \n'],
    ['comments only', '# greenlight settings\n# nothing yet\n'],
    ['a bare document marker', '---\n'],
    ['an explicit null document', '~\n'],
  ])('%s means all defaults', (_name, text) => {
    expect(parseConfig(text)).toEqual({ ok: true, config: defaultConfig(), warnings: [] });
  });

  it('fills every field the file leaves out', () => {
    const result = parseConfig(yaml('budgets:', '  maxIterations: 8'));
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(result.config.budgets).toEqual({ ...defaultConfig().budgets, maxIterations: 8 });
    expect(result.config.review).toEqual(defaultConfig().review);
  });
});

describe('parseConfig: YAML syntax', () => {
  it.each([
    ['an unclosed flow list', yaml('a: 1', 'b: [1,', 'c: 2'), '3:1', /Flow sequence .* must be sufficiently indented/],
    ['a tab as indentation', yaml('budgets:', '\tmaxIterations: 3'), '2:1', /Tabs are not allowed/],
    [
      'a mapping inside a compact mapping',
      yaml('budgets:', '  maxIterations: 3', '   maxTokens: 5'),
      '2:18',
      /Nested mappings are not allowed/,
    ],
    ['an unclosed quote', yaml('trigger:', '  label: "ai-generate'), '3:1', /Missing closing "quote/],
    [
      'two documents',
      yaml('budgets: {}', '---', 'tests: {}'),
      '2:1',
      /must hold one YAML document; remove the `---` line/,
    ],
  ])('%s is a syntax error with line and column', (_name, text, at, message) => {
    const [first] = errorsOf(text);
    expect(first).toMatchObject({ kind: 'syntax', path: '', at });
    expect(first?.message).toMatch(/^YAML syntax error: /);
    expect(first?.message).toMatch(message);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const bomb = yaml(
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    );
    expect(errorsOf(bomb)).toEqual([
      expect.objectContaining({ kind: 'syntax', at: '1:1', message: expect.stringMatching(/alias/) }),
    ]);
  });
});

describe('parseConfig: file shape', () => {
  it.each([
    ['a list', yaml('- budgets', '- tests'), 'found a list ["budgets","tests"]'],
    ['a string', yaml('budgets maxIterations 5'), 'found "budgets maxIterations 5"'],
    ['a number', yaml('42'), 'found 42'],
  ])('rejects %s at the top level', (_name, text, found) => {
    expect(errorsOf(text)).toEqual([
      {
        kind: 'not-a-mapping',
        path: '',
        at: '1:1',
        message: `the top level must be a mapping of settings such as \`budgets:\`, ${found}`,
      },
    ]);
  });

  it.each([
    ['at the top level', yaml('budgets: {}', 'tests: {}', 'budgets: {}'), 'budgets', '3:1', 1],
    [
      'in a section',
      yaml('budgets:', '  maxIterations: 3', '  maxTokens: 5000', '  maxIterations: 4'),
      'budgets.maxIterations',
      '4:3',
      2,
    ],
    [
      'in a list item',
      yaml('risk:', '  rules:', '    - name: a', '      tier: high', '      tier: low'),
      'risk.rules[0].tier',
      '5:7',
      4,
    ],
  ])('reports a duplicate key %s at the second copy', (_name, text, path, at, firstLine) => {
    const key = path.split(/[.\]]/).pop() ?? '';
    expect(errorsOf(text)).toEqual([
      {
        kind: 'duplicate-key',
        path,
        at,
        message: `duplicate key \`${key}\` (first set on line ${firstLine}); a key may appear only once in a mapping, remove one of them`,
      },
    ]);
  });
});

describe('parseConfig: schema errors name the field, line, expectation and value', () => {
  it.each([
    [
      'a word for a number',
      yaml('budgets:', '  maxIterations: five'),
      { path: 'budgets.maxIterations', at: '2:18', message: 'expected an integer from 1 to 50, found "five"' },
    ],
    [
      'a number out of range',
      yaml('budgets:', '  maxIterations: 0'),
      { path: 'budgets.maxIterations', at: '2:18', message: 'expected an integer from 1 to 50, found 0' },
    ],
    [
      'a fraction for an integer',
      yaml('budgets:', '  maxTokens: 2.5'),
      { path: 'budgets.maxTokens', at: '2:14', message: 'expected an integer ≥ 1000, found 2.5' },
    ],
    [
      'a non-positive amount',
      yaml('budgets:', '  maxCostUsd: 0'),
      { path: 'budgets.maxCostUsd', at: '2:15', message: 'expected a number > 0, found 0' },
    ],
    [
      'an unknown enum value',
      yaml('sandbox:', '  driver: docker'),
      {
        path: 'sandbox.driver',
        at: '2:11',
        message: 'expected one of "auto", "bwrap", "systemd-run", "none", found "docker"',
      },
    ],
    [
      'a bad list item',
      yaml('sandbox:', '  env: [GOOD, 1bad]'),
      { path: 'sandbox.env[1]', at: '2:15', message: 'expected an environment variable name, found "1bad"' },
    ],
    [
      'a string for a list',
      yaml('paths:', '  deny: .git/**'),
      { path: 'paths.deny', at: '2:9', message: 'expected a list of strings, found ".git/**"' },
    ],
    [
      'a list for a section',
      yaml('budgets: [5]'),
      { path: 'budgets', at: '1:10', message: 'expected a mapping, found a list [5]' },
    ],
    [
      'an invalid URL',
      yaml('model:', '  baseUrl: localhost'),
      { path: 'model.baseUrl', at: '2:12', message: 'expected a URL, found "localhost"' },
    ],
    [
      'a custom pattern',
      yaml('trigger:', '  fixCommand: fix'),
      { path: 'trigger.fixCommand', at: '2:15', message: 'expected a slash command such as /fix, found "fix"' },
    ],
    [
      'an empty string',
      yaml('trigger:', '  label: ""'),
      { path: 'trigger.label', at: '2:10', message: 'expected a non-empty string, found ""' },
    ],
    [
      'a string for a boolean',
      yaml('review:', '  high:', '    approvals: 2', '    draft: yes'),
      { path: 'review.high.draft', at: '4:12', message: 'expected true or false, found "yes"' },
    ],
    [
      'a long value, shortened',
      yaml('tests:', `  timeoutMinutes: ${'x'.repeat(60)}`),
      { path: 'tests.timeoutMinutes', at: '2:19', message: `expected a number > 0, found "${'x'.repeat(38)}…` },
    ],
    [
      'a section left empty',
      yaml('budgets:', '  maxIterations: 3', 'tests:', '  # nothing yet'),
      {
        path: 'tests',
        at: '3:1',
        message: 'expected a mapping, found an empty value; give `tests` a value or remove the key to use the default',
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual([{ kind: 'schema', ...expected }]);
  });

  it('points a missing required field at its nearest existing ancestor', () => {
    expect(errorsOf(yaml('risk:', '  rules:', '    - tier: high', '      paths: [src/pay/**]'))).toEqual([
      {
        kind: 'schema',
        path: 'risk.rules[0].name',
        at: '3:7',
        message: 'missing: expected a kebab-case rule name',
      },
    ]);
  });

  it("keeps a tier's other defaults when only some of its fields are written", () => {
    const result = parseConfig(yaml('review:', '  medium:', '    reviewers: [alice]'));
    expect(result.ok && result.config.review.medium).toEqual({
      approvals: 1,
      reviewers: ['alice'],
      teams: [],
      draft: false,
      autoMerge: false,
      requireCodeOwner: false,
      spotCheckPercent: 0,
    });
    const critical = parseConfig(yaml('review:', '  critical:', '    teams: [dba]'));
    expect(critical.ok && critical.config.review.critical).toMatchObject({
      approvals: 2,
      draft: true,
      requireCodeOwner: true,
      teams: ['dba'],
    });
  });

  it('quotes keys that are not plain names in the path', () => {
    expect(
      errorsOf(yaml('model:', '  prices:', '    my.model: {input: 1, output: 2, cacheWrite: 3, cacheRead: x}')),
    ).toEqual([
      {
        kind: 'schema',
        path: 'model.prices["my.model"].cacheRead',
        at: '3:63',
        message: 'expected a number ≥ 0, found "x"',
      },
    ]);
  });

  it('lists every problem, in file order', () => {
    const errors = errorsOf(
      yaml(
        'trigger:',
        '  label: ""',
        'budgets:',
        '  maxIterations: five',
        '  maxIteration: 3',
        'sandbox:',
        '  driver: docker',
      ),
    );
    expect(errors.map((e) => `${e.at} ${e.path}`)).toEqual([
      '2:10 trigger.label',
      '4:18 budgets.maxIterations',
      '5:3 budgets.maxIteration',
      '7:11 sandbox.driver',
    ]);
  });

  it('follows aliases to the anchored value', () => {
    const errors = errorsOf(
      yaml('review:', '  medium: &base', '    approvals: 1', '  high:', '    <<: *base', '    draft: tru'),
    );
    expect(errors).toEqual([
      { kind: 'schema', path: 'review.high.draft', at: '6:12', message: 'expected true or false, found "tru"' },
    ]);
  });
});

describe('parseConfig: unknown keys', () => {
  it.each([
    [
      'a typo',
      yaml('budgets:', '  maxIteration: 3'),
      'budgets.maxIteration',
      '2:3',
      'unknown key `maxIteration`; did you mean `maxIterations`?',
    ],
    [
      'snake_case',
      yaml('budgets:', '  max_iterations: 3'),
      'budgets.max_iterations',
      '2:3',
      'unknown key `max_iterations`; did you mean `maxIterations`?',
    ],
    [
      'wrong case',
      yaml('Budgets:', '  maxIterations: 3'),
      'Budgets',
      '1:1',
      'unknown key `Budgets`; did you mean `budgets`?',
    ],
    [
      'a key in the wrong section',
      yaml('label: ai-generate'),
      'label',
      '1:1',
      'unknown key `label` here; did you mean `trigger.label`?',
    ],
    [
      'a key that exists in several sections',
      yaml('maxTokens: 5000'),
      'maxTokens',
      '1:1',
      'unknown key `maxTokens` here; did you mean `budgets.maxTokens` or `context.maxTokens`?',
    ],
    [
      'a typo in a tier name',
      yaml('review:', '  hihg:', '    approvals: 2'),
      'review.hihg',
      '2:3',
      'unknown key `hihg`; did you mean `high`?',
    ],
    [
      'a typo in a list item',
      yaml('risk:', '  rules:', '    - name: pay', '      tier: high', '      path: [src/**]'),
      'risk.rules[0].path',
      '5:7',
      'unknown key `path`; did you mean `paths`?',
    ],
    [
      'nothing close',
      yaml('budgets:', '  speed: fast'),
      'budgets.speed',
      '2:3',
      'unknown key `speed`; the keys allowed in `budgets` are maxIterations, maxModelCalls, maxTestRuns, maxTokens, maxCostUsd, maxMinutes',
    ],
  ])('%s', (_name, text, path, at, message) => {
    expect(errorsOf(text)).toEqual([{ kind: 'unknown-key', path, at, message }]);
  });

  it('lists the top-level keys when nothing is close', () => {
    expect(errorsOf(yaml('colour: green'))[0]?.message).toBe(
      'unknown key `colour`; the keys allowed at the top level are $schema, trigger, model, budgets, context, tests, verify, sandbox, paths, branch, commit, risk, review, gate, repair, fleet, publish',
    );
  });
});

describe('parseConfig: semantic checks', () => {
  it.each([
    ['an emptied deny list', yaml('paths:', '  deny: []'), '2:9'],
    ['a deny list without workflows', yaml('paths:', '  deny:', '    - .env', '    - .git/**'), '3:5'],
  ])('refuses %s: workflows are never pushed', (_name, text, at) => {
    expect(errorsOf(text)).toEqual([
      {
        kind: 'semantic',
        path: 'paths.deny',
        at,
        message:
          'must keep `.github/workflows/**`: greenlight never pushes workflow files. Add `.github/workflows/**` back to the list',
      },
    ]);
  });

  it.each([['.github/workflows/**'], ['./.github/workflows/**'], ['.github/**'], ['**'], ['.github/workflows/**/*']])(
    'accepts a deny list that covers workflows with %s',
    (pattern) => {
      expect(parseConfig(yaml('paths:', `  deny: ["${pattern}"]`))).toMatchObject({ ok: true, warnings: [] });
    },
  );

  it('warns that autoMerge is ignored above low, and that requireCodeOwner needs approvals', () => {
    const result = parseConfig(
      yaml(
        'review:',
        '  low:',
        '    approvals: 0',
        '    autoMerge: true',
        '    requireCodeOwner: true',
        '  high: {approvals: 2, autoMerge: true}',
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.review.low.autoMerge).toBe(true);
    expect(result.warnings.map(brief)).toEqual([
      {
        kind: 'semantic',
        path: 'review.low.requireCodeOwner',
        at: '5:23',
        message: 'has no effect with approvals: 0; set approvals to at least 1 to require a code owner',
      },
      {
        kind: 'semantic',
        path: 'review.high.autoMerge',
        at: '6:35',
        message:
          'auto-merge is only honoured for low; high pull requests always wait for their review gate, so this setting is ignored',
      },
    ]);
    expect(result.warnings.every((w) => w.severity === 'warning')).toBe(true);
  });

  it('passes YAML warnings through without failing', () => {
    const result = parseConfig(yaml('branch:', '  template: !custom greenlight/{number}'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map(brief)).toEqual([
      { kind: 'syntax', path: '', at: '2:13', message: 'YAML warning: Unresolved tag: !custom' },
    ]);
  });
});

describe('parseConfig: line endings', () => {
  it('counts lines and columns the same with CRLF and a byte-order mark', () => {
    expect(errorsOf('\uFEFFbudgets:\r\n  maxIterations: five\r\n')).toEqual([
      {
        kind: 'schema',
        path: 'budgets.maxIterations',
        at: '2:18',
        message: 'expected an integer from 1 to 50, found "five"',
      },
    ]);
  });
});

describe('parseConfig: source name', () => {
  it('names the file it was given', () => {
    const result = parseConfig('budgets: 5\n', 'configs/greenlight.yml');
    expect(result.ok ? [] : result.errors.map((e) => e.source)).toEqual(['configs/greenlight.yml']);
  });
});
