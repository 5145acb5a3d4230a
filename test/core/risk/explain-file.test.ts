/** `explainFile`: every rule considered for one file, in order, with why it matched or not. */
import { describe, expect, it } from 'vitest';
import { builtInRuleNames } from '../../../src/core/risk/compile-rules.ts';
import { explainFile, findChange, type RuleVerdict } from '../../../src/core/risk/explain-file.ts';
import { renderExplanation } from '../../../src/core/risk/render-explanation.ts';
import { builtInRules } from '../../../src/core/risk/compile-rules.ts';
import { added, modified, renamed } from './changes.ts';
import { contentCase } from './content-fixture.ts';

const byName = (rules: readonly RuleVerdict[], name: string) => rules.find((r) => r.rule === name) as RuleVerdict;

describe('explainFile', () => {
  it('considers every built-in rule, the content rule and the default, in the classifier order', () => {
    const change = added('db/migrate/20240101_add_users.rb', 'class AddUsers < ActiveRecord::Migration[7.1]\nend');
    const explanation = explainFile([change], change);
    expect(explanation.rules.map((r) => r.rule)).toEqual(builtInRuleNames());
    expect([explanation.file.tier, explanation.file.rule]).toEqual(['critical', 'migration-folder']);
    expect(byName(explanation.rules, 'migration-folder')).toMatchObject({
      outcome: 'matched',
      why: 'the path matches migrate/',
    });
    expect(byName(explanation.rules, 'migration-content')).toMatchObject({
      outcome: 'matched',
      why: 'content matches "ActiveRecord::Migration"',
    });
    expect(byName(explanation.rules, 'sql-ddl').why).toBe('the path matches none of *.sql, *.ddl, *.psql, *.pgsql');
    expect(byName(explanation.rules, 'pure-data-module')).toMatchObject({
      outcome: 'not-applied',
      why: 'it only decides files no built-in rule matched',
    });
    expect(byName(explanation.rules, 'default')).toMatchObject({
      outcome: 'not-applied',
      why: 'a built-in rule matched',
    });
  });

  it('says why content and conditions did not match', () => {
    const change = modified('src/app.ts', '// CREATE TABLE users (id INT)');
    const { rules } = explainFile([change], change);
    expect(byName(rules, 'embedded-ddl')).toMatchObject({
      outcome: 'not-matched',
      why: 'no pattern matches the added or removed lines',
    });
    expect(byName(rules, 'binary-file').why).toBe('its condition does not hold: git reports the content as binary');
    expect(byName(rules, 'test-file').why).toContain('its condition does not hold: a test path');
    expect(byName(rules, 'comment-only')).toMatchObject({
      outcome: 'matched',
      why: 'every changed line is a comment, a docstring or blank',
    });
  });

  it('names exclusions and path families a rule skips', () => {
    const change = modified('config/initializers/cookies_serializer.rb', 'Rails.application.config.x = 1');
    const { rules } = explainFile([change], change);
    expect(byName(rules, 'data-transform').why).toBe('the path is excluded by config/');
    const test = added('test/a.test.ts', "it('x', () => {});");
    expect(byName(explainFile([test], test).rules, 'api-route-content').why).toBe(
      'does not apply to tests, and this is a test path',
    );
  });

  it('shows a guarded rule matching at a rename’s previous path', () => {
    const change = renamed('db/migrate/001_users.rb', 'archive/001_users.rb');
    const explanation = explainFile([change], change);
    expect(byName(explanation.rules, 'migration-folder')).toMatchObject({
      outcome: 'matched',
      why: 'at the previous path db/migrate/001_users.rb: the path matches migrate/',
    });
    expect(explanation.file.rule).toBe('migration-folder');
    expect(findChange([change], 'db/migrate/001_users.rb')).toBe(change);
  });

  it('lists the content evidence, and the first disagreement when the content rule does not lower', () => {
    const fixture = contentCase('yaml-dumper');
    const change = fixture.change('lib/dumper.js');
    const explanation = explainFile([change], change, {
      contents: new Map([[change.path, fixture.head.get(change.path) as string]]),
      evidence: fixture.evidence(),
    });
    expect(byName(explanation.rules, 'pure-data-module')).toMatchObject({
      outcome: 'not-matched',
      why: 'does I/O: imports fs',
    });
    expect(byName(explanation.rules, 'default')).toMatchObject({
      outcome: 'matched',
      why: 'no built-in rule matched',
    });
    expect(explanation.evidence.map((f) => [f.kind, f.agrees])).toEqual([
      ['io', false],
      ['base', true],
      ['exports', false],
    ]);
    const text = renderExplanation(explanation);
    expect(text).toContain('lib/dumper.js: medium, decided by default [source]');
    expect(text).toContain('  - does I/O: imports fs');
    expect(text).toContain('  - exports dumpToFile, named for side effects or files, URLs, databases');
  });

  it('explains a content rule that does not apply because the default is overridden', () => {
    const fixture = contentCase('yaml-loader');
    const change = fixture.change('lib/loader.js');
    const { rules, file } = explainFile([change], change, {
      contents: new Map([[change.path, fixture.head.get(change.path) as string]]),
      evidence: fixture.evidence(),
      risk: {
        rules: [],
        overrides: [{ rule: 'default', tier: 'high', reason: 'all unmatched source is reviewed twice' }],
      },
    });
    expect(byName(rules, 'pure-data-module').why).toBe('it only lowers a medium default, and the default is high');
    expect([file.tier, file.override?.from]).toEqual(['high', 'medium']);
  });

  it('includes repository rules after the built-ins, marked as config', () => {
    const change = modified('src/billing/invoice.ts', 'const total = 1;');
    const { rules, file } = explainFile([change], change, {
      risk: {
        rules: [{ name: 'billing', tier: 'high', category: 'money', paths: ['src/billing/**'], content: [] }],
        overrides: [],
      },
    });
    expect(rules.at(-1)).toEqual({
      rule: 'billing',
      tier: 'high',
      category: 'money',
      origin: 'config',
      outcome: 'matched',
      why: 'the path matches src/billing/**',
    });
    expect(file.rule).toBe('billing');
  });

  it('every built-in rule with a condition describes it in words', () => {
    expect(builtInRules().filter((rule) => rule.when !== undefined && rule.condition === undefined)).toEqual([]);
  });
});
