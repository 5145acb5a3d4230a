import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand as main } from '../../src/cli/run-command.ts';
import { tempRepo } from '../adapters/git/temp-repo.ts';
import { builtInRuleNames } from '../../src/core/risk/compile-rules.ts';
import { contentCase } from '../core/risk/content-fixture.ts';
import type { TempRepo } from '../adapters/git/temp-repo.ts';

const repos: TempRepo[] = [];
function repo(): TempRepo {
  const r = tempRepo();
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

async function classify(cwd: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['classify', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd,
    env: {},
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A repository whose last commit adds a Rails migration. */
function migrationRepo(): TempRepo {
  const r = repo();
  r.write('README.md', '# app\n');
  r.write('app/models/user.rb', 'class User < ApplicationRecord\nend\n');
  r.commit('init');
  r.write(
    'db/migrate/20240101_add_users.rb',
    'class AddUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n',
  );
  r.commit('add users');
  return r;
}

describe('greenlight classify', () => {
  it('--json on a repository whose last commit adds a migration prints critical, the file and the rule', async () => {
    const r = migrationRepo();
    const result = await classify(r.root, '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.tier).toBe('critical');
    expect(json.head).toBe(r.git('rev-parse', 'HEAD').trim());
    expect(json.base).toBe(r.git('rev-parse', 'HEAD~1').trim());
    expect(json.files).toEqual([
      {
        path: 'db/migrate/20240101_add_users.rb',
        status: 'added',
        tier: 'critical',
        category: 'migration',
        rule: 'migration-folder',
        reason: 'database migrations change production schema or data; the bot never executes them',
        matched: ['migration-folder', 'migration-content'],
      },
    ]);
    expect(json.overridesApplied).toEqual([]);
  });

  it('prints the tier, the review and a reason per file as text', async () => {
    const r = migrationRepo();
    const result = await classify(r.root);
    expect(result.code).toBe(0);
    expect(result.out).toContain('risk: critical (1 file)');
    expect(result.out).toContain('review: 2 approvals on the latest commit');
    expect(result.out).toContain('db/migrate/20240101_add_users.rb');
    expect(result.out).toContain('migration-folder [migration]: database migrations');
    expect(result.err).toContain('classifying HEAD~1');
    expect(result.err).toContain('config: defaults (no .github/greenlight.yml at HEAD~1)');
  });

  it('classifies a root commit against the empty tree', async () => {
    const r = repo();
    r.write('src/app.ts', 'export const a = 1;\n');
    r.write('README.md', '# x\n');
    r.commit('first');
    const result = await classify(r.root, '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.tier).toBe('medium');
    expect(json.files.map((f: { path: string; tier: string }) => [f.path, f.tier])).toEqual([
      ['src/app.ts', 'medium'],
      ['README.md', 'low'],
    ]);
  });

  it('takes --base, --head and --repo', async () => {
    const r = migrationRepo();
    r.write('docs/intro.md', '# Intro\n');
    r.commit('docs');
    const cwd = join(r.root, '..');
    const last = JSON.parse((await classify(cwd, '--repo', r.root, '--json')).out);
    expect(last.tier).toBe('low');
    const range = JSON.parse(
      (await classify(cwd, '--repo', r.root, '--base', 'HEAD~2', '--head', 'HEAD', '--json')).out,
    );
    expect(range.tier).toBe('critical');
    expect(range.files.map((f: { path: string }) => f.path)).toEqual([
      'db/migrate/20240101_add_users.rb',
      'docs/intro.md',
    ]);
    const older = JSON.parse((await classify(r.root, '--head', 'HEAD~1', '--json')).out);
    expect(older.tier).toBe('critical');
  });

  it('uses the config at the base, so a change cannot lower its own tier', async () => {
    const r = repo();
    r.write(
      '.github/greenlight.yml',
      'risk:\n  overrides:\n    - rule: migration-folder\n      tier: high\n      reason: our DBA pipeline runs migrations\n',
    );
    r.commit('config');
    r.write('db/migrate/20240101_add_users.rb', 'def change; end\n');
    r.commit('migration');
    const lowered = JSON.parse((await classify(r.root, '--json')).out);
    expect(lowered.tier).toBe('high');
    expect(lowered.overridesApplied).toEqual([
      {
        rule: 'migration-folder',
        from: 'critical',
        to: 'high',
        reason: 'our DBA pipeline runs migrations',
        files: ['db/migrate/20240101_add_users.rb'],
      },
    ]);

    // The same override added by the change itself does not apply to that change.
    const s = repo();
    s.write('README.md', 'x\n');
    s.commit('init');
    s.write(
      '.github/greenlight.yml',
      'risk:\n  overrides:\n    - rule: migration-folder\n      tier: low\n      reason: trying to sneak this in\n',
    );
    s.write('db/migrate/20240101_add_users.rb', 'def change; end\n');
    s.commit('both');
    expect(JSON.parse((await classify(s.root, '--json')).out).tier).toBe('critical');
  });

  it('reads --config FILE instead when given', async () => {
    const r = migrationRepo();
    const file = join(r.root, '..', `greenlight-${process.pid}.yml`);
    writeFileSync(file, 'risk:\n  rules:\n    - name: readme\n      tier: high\n      paths: ["README.md"]\n');
    r.write('README.md', 'changed\n');
    r.commit('readme');
    const result = await classify(r.root, '--config', file, '--json');
    expect(JSON.parse(result.out).files[0]).toMatchObject({ path: 'README.md', tier: 'high', rule: 'readme' });
  });

  it('exits 2 with the field and line of an invalid config', async () => {
    const r = repo();
    r.write('.github/greenlight.yml', 'risk:\n  overides: []\n');
    r.commit('bad config');
    r.write('a.ts', 'x\n');
    r.commit('a');
    const result = await classify(r.root);
    expect(result.code).toBe(2);
    expect(result.err).toContain('.github/greenlight.yml at HEAD~1:2:3');
    expect(result.err).toContain('overides');
  });

  it('exits 2 naming an override of an unknown rule and close names', async () => {
    const r = repo();
    r.write(
      '.github/greenlight.yml',
      'risk:\n  overrides:\n    - rule: lockfiles\n      tier: medium\n      reason: renovate keeps them fresh\n',
    );
    r.commit('config');
    r.write('yarn.lock', 'x\n');
    r.commit('lock');
    const result = await classify(r.root);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      "risk.overrides[0].rule: there is no built-in rule named 'lockfiles'. Did you mean 'lockfile'?",
    );
  });

  it('exits 2 with a clear message outside a repository or for an unknown revision', async () => {
    const r = migrationRepo();
    const unknown = await classify(r.root, '--base', 'v9.9.9');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown revision 'v9.9.9'");
    const outside = await classify('/');
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('not a git repository');
  });

  it('--rules lists the built-in rules', async () => {
    const result = await classify('/', '--rules', '--json');
    expect(result.code).toBe(0);
    const rules = JSON.parse(result.out) as { name: string; tier: string }[];
    expect(rules).toContainEqual(expect.objectContaining({ name: 'github-workflow', tier: 'critical' }));
    expect(rules.at(-1)).toMatchObject({ name: 'default', tier: 'medium' });
    const text = await classify('/', '--rules');
    expect(text.out).toMatch(/^migration-folder\s+critical\s+migration: /m);
  });

  it('--explain FILE prints every rule considered and why, with the content evidence', async () => {
    const r = repo();
    const fixture = contentCase('yaml-loader');
    for (const [path, text] of fixture.base) r.write(path, text);
    r.commit('base');
    r.write('lib/loader.js', fixture.head.get('lib/loader.js') as string);
    r.write('README.md', '# tinyyaml\n');
    r.commit('loadAll');
    const result = await classify(join(r.root, 'lib'), '--explain', 'loader.js');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^lib\/loader\.js: low-medium, decided by pure-data-module \[data\]$/m);
    expect(result.out).toMatch(/^ {2}no +critical +migration-folder +the path matches none of migrations\//m);
    expect(result.out).toMatch(/^ {2}yes +low-medium +pure-data-module +pure module: /m);
    expect(result.out).toMatch(/^ {2}— +medium +default +the content rule decided$/m);
    expect(result.out).toContain('  + package keywords: yaml, parser, serializer');
    const json = JSON.parse((await classify(r.root, '--explain', 'lib/loader.js', '--json')).out);
    expect(json.file).toMatchObject({ path: 'lib/loader.js', tier: 'low-medium', rule: 'pure-data-module' });
    expect(json.rules).toHaveLength(builtInRuleNames().length);
    expect(json.evidence.every((f: { agrees: boolean | null }) => f.agrees === true)).toBe(true);
    // The whole range's classification names the same evidence.
    const all = JSON.parse((await classify(r.root, '--json')).out);
    expect(all.files.find((f: { path: string }) => f.path === 'lib/loader.js').reason).toBe(json.file.reason);
  });

  it('--explain exits 2 for a file the range does not change, with close names', async () => {
    const r = migrationRepo();
    const result = await classify(r.root, '--explain', 'db/migrate/20240101_add_user.rb');
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      "--explain db/migrate/20240101_add_user.rb: the file is not changed between HEAD~1 and the head. Did you mean 'db/migrate/20240101_add_users.rb'?",
    );
    const other = await classify(r.root, '--explain', 'app/models/user.rb');
    expect(other.err).toContain('Changed files: db/migrate/20240101_add_users.rb.');
  });

  it('runs as a real process', () => {
    const r = migrationRepo();
    const cli = join(import.meta.dirname, '../../src/cli/run-cli.ts');
    const out = execFileSync(process.execPath, [cli, 'classify', '--json'], { cwd: r.root, encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({
      tier: 'critical',
      files: [{ path: 'db/migrate/20240101_add_users.rb', rule: 'migration-folder' }],
    });
  });
});
