/** `risk.rules` only raise; `risk.overrides` change a built-in rule by name and are echoed. */
import { describe, expect, it } from 'vitest';
import { classifyRisk } from '../../../src/core/risk/classify-risk.ts';
import { builtInRuleNames } from '../../../src/core/risk/compile-rules.ts';
import { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { added, modified } from './changes.ts';

const risk = (input: unknown) => RepoConfig.parse({ risk: input }).risk;

function configError(input: unknown): Error {
  try {
    classifyRisk([added('src/a.ts')], { risk: risk(input) });
  } catch (error) {
    expect(isGreenlightError(error, 'config-invalid')).toBe(true);
    return error as Error;
  }
  throw new Error('expected a config-invalid error');
}

describe('risk.rules (extra rules)', () => {
  it('raises a file to the rule tier, by path', () => {
    const config = risk({
      rules: [{ name: 'billing', tier: 'high', category: 'payments', paths: ['src/billing/**'] }],
    });
    const file = classifyRisk([modified('src/billing/charge.ts', 'amount *= 100;')], { risk: config }).files[0];
    expect(file).toMatchObject({
      tier: 'high',
      rule: 'billing',
      category: 'payments',
      matched: ['billing', 'default'],
    });
  });

  it('raises by content, matched against added lines', () => {
    const config = risk({ rules: [{ name: 'feature-flags', tier: 'high', content: ['flags\\.enable\\('] }] });
    expect(classifyRisk([modified('src/app.ts', 'flags.enable("beta");')], { risk: config }).files[0]?.rule).toBe(
      'feature-flags',
    );
    expect(
      classifyRisk([modified('src/app.ts', 'x();', 'flags.enable("beta");')], { risk: config }).files[0]?.rule,
    ).toBe('default');
  });

  it('never lowers a file: a low extra rule leaves built-in tiers and the medium default alone', () => {
    const config = risk({ rules: [{ name: 'everything-low', tier: 'low', paths: ['**'] }] });
    const result = classifyRisk([modified('src/app.ts', 'run();'), modified('.github/workflows/ci.yml', 'on: push')], {
      risk: config,
    });
    expect(result.files.map((f) => [f.path, f.tier, f.rule])).toEqual([
      ['.github/workflows/ci.yml', 'critical', 'github-workflow'],
      ['src/app.ts', 'medium', 'default'],
    ]);
    expect(result.files[1]?.matched).toEqual(['default', 'everything-low']);
  });

  it('loses ties to built-in rules', () => {
    const config = risk({ rules: [{ name: 'docker-too', tier: 'high', paths: ['Dockerfile'] }] });
    expect(classifyRisk([modified('Dockerfile', 'FROM x')], { risk: config }).files[0]?.rule).toBe('container');
  });

  it.each([
    [
      { rules: [{ name: 'lockfile', tier: 'high', paths: ['x'] }] },
      "risk.rules[0].name: 'lockfile' is a built-in rule",
    ],
    [{ rules: [{ name: 'all', tier: 'high' }] }, "risk.rules[0] ('all') has neither paths nor content"],
    [
      {
        rules: [
          { name: 'a', tier: 'high', paths: ['x'] },
          { name: 'a', tier: 'low', paths: ['y'] },
        ],
      },
      "risk.rules[1].name: 'a' is used by two rules",
    ],
    [
      { rules: [{ name: 'bad-glob', tier: 'high', paths: ['src/{a,b'] }] },
      "risk.rules[0].paths: invalid glob 'src/{a,b'",
    ],
    [
      { rules: [{ name: 'bad-regex', tier: 'high', content: ['foo('] }] },
      "risk.rules[0].content[0]: 'foo(' is not a valid regular expression",
    ],
  ])('rejects %j', (input, message) => {
    expect(configError(input).message).toContain(message);
  });
});

describe('risk.overrides', () => {
  const lowerMigrations = {
    overrides: [{ rule: 'migration-folder', tier: 'high', reason: 'migrations run through our DBA pipeline' }],
  };

  it('lowers a built-in rule and echoes the override in the assessment and the file', () => {
    const result = classifyRisk(
      [added('db/migrate/20240101_add_users.rb', 'def change; end'), modified('README.md', 'docs')],
      { risk: risk(lowerMigrations) },
    );
    expect(result.tier).toBe('high');
    expect(result.files[0]).toMatchObject({
      path: 'db/migrate/20240101_add_users.rb',
      tier: 'high',
      rule: 'migration-folder',
      override: { from: 'critical', reason: 'migrations run through our DBA pipeline' },
    });
    expect(result.overridesApplied).toEqual([
      {
        rule: 'migration-folder',
        from: 'critical',
        to: 'high',
        reason: 'migrations run through our DBA pipeline',
        files: ['db/migrate/20240101_add_users.rb'],
      },
    ]);
  });

  it('does not echo an override that matched nothing in this change', () => {
    expect(classifyRisk([modified('README.md', 'docs')], { risk: risk(lowerMigrations) }).overridesApplied).toEqual([]);
  });

  it('lowers only the named rule: other matching rules still resolve upward', () => {
    const result = classifyRisk([added('db/migrate/001_users.sql', 'CREATE TABLE users (id INT);')], {
      risk: risk(lowerMigrations),
    });
    expect(result.files[0]).toMatchObject({
      tier: 'critical',
      rule: 'sql-ddl',
      matched: ['sql-ddl', 'migration-folder', 'sql-query'],
    });
    // The override still matched the file, so it is echoed even though it did not decide.
    expect(result.overridesApplied[0]?.files).toEqual(['db/migrate/001_users.sql']);
  });

  it('can raise a rule, and can change the default', () => {
    const config = risk({
      overrides: [
        { rule: 'documentation', tier: 'medium', reason: 'docs are our product' },
        { rule: 'default', tier: 'high', reason: 'regulated code base' },
      ],
    });
    const result = classifyRisk([modified('docs/a.md', 'x'), modified('src/a.ts', 'x')], { risk: config });
    expect(result.files.map((f) => [f.path, f.tier])).toEqual([
      ['src/a.ts', 'high'],
      ['docs/a.md', 'medium'],
    ]);
    expect(result.overridesApplied.map((o) => o.rule)).toEqual(['documentation', 'default']);
  });

  it('names an unknown rule and lists close names', () => {
    const message = configError({
      overrides: [{ rule: 'migrations', tier: 'high', reason: 'because we said so' }],
    }).message;
    expect(message).toContain("risk.overrides[0].rule: there is no built-in rule named 'migrations'");
    expect(message).toContain("Did you mean 'migration-");
    expect(message).toContain("'migration-folder'");
    expect(message).toContain('greenlight classify --rules');
  });

  it('names an unknown rule without suggestions when nothing is close', () => {
    const message = configError({
      overrides: [{ rule: 'zzzzzzzz', tier: 'high', reason: 'because we said so' }],
    }).message;
    expect(message).toContain("there is no built-in rule named 'zzzzzzzz'.");
    expect(message).not.toContain('Did you mean');
  });

  it.each([
    [
      {
        overrides: [
          { rule: 'lockfile', tier: 'medium', reason: 'renovate handles it' },
          { rule: 'lockfile', tier: 'low', reason: 'renovate handles it' },
        ],
      },
      "'lockfile' is overridden twice",
    ],
    [
      {
        rules: [{ name: 'mine', tier: 'high', paths: ['x'] }],
        overrides: [{ rule: 'mine', tier: 'low', reason: 'a reason of length' }],
      },
      "'mine' is one of your risk.rules",
    ],
  ])('rejects %j', (input, message) => {
    expect(configError(input).message).toContain(message);
  });

  it('every built-in rule name is unique and kebab-case', () => {
    const names = builtInRuleNames();
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});
