/** Every hard case the built-in rules decide (README.md "Risk tiers"), one table per kind of case. */
import { describe, expect, it } from 'vitest';
import { classifyRisk } from '../../../src/core/risk/classify-risk.ts';
import type { FileRisk } from '../../../src/core/risk/assessment.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';
import { added, deleted, modified, renamed } from './changes.ts';

function only(change: FileChange): FileRisk {
  const files = classifyRisk([change]).files;
  expect(files).toHaveLength(1);
  return files[0] as FileRisk;
}

const decide = (change: FileChange): [string, string] => {
  const file = only(change);
  return [file.tier, file.rule];
};

describe('conflicts resolve upward', () => {
  it.each([
    ['a PNG under docs/ is binary', added('docs/img/architecture.png', '', { binary: true }), 'high', 'binary-file'],
    [
      'a shell script under docs/ is a build script',
      added('docs/build-site.sh', '#!/bin/sh\nmkdocs build'),
      'high',
      'build-script',
    ],
    [
      'a Dockerfile among tests is infrastructure',
      added('tests/integration/Dockerfile', 'FROM postgres:17'),
      'high',
      'container',
    ],
    [
      'a migration in a test app is still a migration',
      added('tests/testapp/migrations/0001_initial.py', 'class Migration(migrations.Migration):'),
      'critical',
      'migration-folder',
    ],
    [
      'a markdown file in .github/ is governance',
      modified('.github/PULL_REQUEST_TEMPLATE.md', '- [ ] tests added'),
      'high',
      'github-config',
    ],
    [
      'a test under an api/ folder stays a test',
      added('api/tests/test_orders.py', 'def test_list():\n    assert True'),
      'low',
      'test-file',
    ],
  ])('%s', (_name, change, tier, rule) => {
    expect(decide(change)).toEqual([tier, rule]);
  });

  it('reports every rule that matched, riskiest first', () => {
    expect(only(added('docs/build-site.sh', 'mkdocs build')).matched).toEqual(['build-script']);
    expect(only(added('CLAUDE.md', 'Always run the tests.')).matched).toEqual(['agent-instructions', 'documentation']);
  });
});

describe('migrations live in many places → critical', () => {
  it.each([
    ['migrations/ at the root', 'migrations/0001_init.sql', 'SELECT 1;'],
    ['migrate/ at any depth', 'services/billing/db/migrate/20240101_add_invoices.rb', 'def change; end'],
    ['engine-specific folder', 'db/mysql/migrations/0007_add_index.sql', 'SELECT 1;'],
    ['engine-specific postgres folder', 'db/postgres/migrations/0007_add_index.sql', 'SELECT 1;'],
    ['data-migration script', 'lib/data_migrations/20240101_backfill_totals.rb', 'Order.find_each(&:save!)'],
    ['data migration by name', 'scripts/2024_01_backfill_data_migration.py', 'for row in rows: pass'],
    ['*.up.sql', 'sql/000001_init.up.sql', 'SELECT 1;'],
    ['*.down.sql', 'sql/000001_init.down.sql', 'SELECT 1;'],
    ['Flyway V<n>__', 'src/main/resources/db/sql/V12__orders.sql', 'SELECT 1;'],
    ['Liquibase changelog (xml)', 'src/main/resources/db/changelog-master.xml', '<databaseChangeLog/>'],
    ['Liquibase changelog (yaml)', 'config/liquibase/changelog/20240101-add-users.yaml', 'databaseChangeLog: []'],
    ['schema.prisma', 'prisma/schema.prisma', 'model User { id Int @id }'],
    ['db/schema.rb', 'db/schema.rb', 'ActiveRecord::Schema[7.1].define(version: 2024_01_01) do'],
    ['structure.sql', 'db/structure.sql', 'SET statement_timeout = 0;'],
    ['SQL with CREATE TABLE', 'sql/reporting.sql', 'CREATE TABLE report (id INT);'],
    ['SQL with ALTER TABLE', 'queries/fix.sql', 'ALTER TABLE users ADD COLUMN age INT;'],
    ['SQL with DROP INDEX', 'queries/cleanup.sql', 'DROP INDEX IF EXISTS idx_users_email;'],
    ['SQL with CREATE UNIQUE INDEX', 'queries/index.sql', 'CREATE UNIQUE INDEX CONCURRENTLY idx ON users(email);'],
  ])('%s', (_name, path, text) => {
    expect(only(added(path, text)).tier).toBe('critical');
  });

  it.each([
    ['alembic/env.py', 'alembic/env.py'],
    ['alembic.ini', 'alembic.ini'],
    ['knexfile', 'knexfile.ts'],
    ['Sequelize config', '.sequelizerc'],
    ['TypeORM config', 'ormconfig.ts'],
    ['Drizzle config', 'drizzle.config.ts'],
    ['Prisma config', 'prisma.config.ts'],
  ])('migration machinery %s → high', (_name, path) => {
    expect(only(modified(path, 'migrations: { directory: "./db" }')).tier).toBe('high');
  });
});

describe('.github/ is infrastructure or governance', () => {
  it.each([
    ['CODEOWNERS', '.github/CODEOWNERS', '* @acme/maintainers', 'high'],
    ['root CODEOWNERS', 'CODEOWNERS', '/db/ @acme/dba', 'high'],
    ['dependabot', '.github/dependabot.yml', 'updates:\n  - package-ecosystem: npm', 'high'],
    ['renovate in .github', '.github/renovate.json5', '{ extends: ["config:recommended"] }', 'high'],
    ['renovate at the root', 'renovate.json5', '{ automerge: true }', 'high'],
    ['issue template config', '.github/ISSUE_TEMPLATE/config.yml', 'blank_issues_enabled: false', 'high'],
    ['greenlight config', '.github/greenlight.yml', 'review:\n  high:\n    approvals: 1', 'high'],
    ['workflow', '.github/workflows/deploy.yml', 'on: push', 'critical'],
    ['nested workflow file', '.github/workflows/scripts/helper.js', 'console.log(1)', 'critical'],
    ['composite action', '.github/actions/build/action.yml', 'runs:\n  using: composite', 'critical'],
    ['action script', '.github/actions/build/index.js', 'run()', 'critical'],
  ])('%s', (_name, path, text, tier) => {
    expect(only(modified(path, text)).tier).toBe(tier);
  });

  it('moving a workflow out of .github/workflows is a workflow change', () => {
    const file = only(renamed('.github/workflows/deploy.yml', 'ci/deploy.yml'));
    expect([file.tier, file.rule]).toEqual(['critical', 'github-workflow']);
    expect(file.reason).toContain('moved from .github/workflows/deploy.yml');
  });

  it('moving a migration out of its folder is a migration change', () => {
    expect(decide(renamed('db/migrate/20240101_add_users.rb', 'lib/old/add_users.rb'))).toEqual([
      'critical',
      'migration-folder',
    ]);
  });

  it('a rename is judged at its old path only by rules of medium and above', () => {
    expect(decide(renamed('docs/old-guide.md', 'docs/guide.md'))).toEqual(['low', 'documentation']);
  });
});

describe('agent instruction files → high, whatever their extension', () => {
  it.each([
    'AGENTS.md',
    'packages/api/AGENTS.md',
    'agents.md',
    'CLAUDE.md',
    'CLAUDE.local.md',
    'GEMINI.md',
    'AGENTS.txt',
    '.cursorrules',
    '.cursor/rules/style.mdc',
    '.windsurfrules',
    '.github/copilot-instructions.md',
    '.github/instructions/tests.instructions.md',
    '.claude/settings.json',
    '.claude/commands/review.md',
    '.agents/workflow.yaml',
    '.mcp.json',
    '.clinerules',
  ])('%s', (path) => {
    expect(decide(modified(path, 'Always skip the slow tests.'))).toEqual(['high', 'agent-instructions']);
  });

  it.each(['src/core/risk/rules/agents.ts', 'app/clients/gemini.py', 'lib/claude.rb'])(
    '%s is source code, not instructions',
    (path) => {
      expect(only(modified(path, 'const x = 1;')).rule).not.toBe('agent-instructions');
    },
  );
});

describe('deploy and runtime pins are infrastructure → high', () => {
  it.each([
    'Procfile',
    'runtime.txt',
    '.python-version',
    '.nvmrc',
    '.tool-versions',
    'fly.toml',
    'render.yaml',
    'netlify.toml',
    'vercel.json',
    'app.json',
    'skaffold.yaml',
    'docker-compose.yml',
    'compose.yaml',
    'docker-compose.prod.yml',
    'deploy/compose.override.yaml',
    '.pre-commit-config.yaml',
  ])('%s', (path) => {
    expect(only(modified(path, 'x')).tier).toBe('high');
  });

  it('a manifest change is high even when no dependency moves', () => {
    expect(decide(modified('package.json', '    "lint": "eslint . --fix"', '    "lint": "eslint ."'))).toEqual([
      'high',
      'dependency-manifest',
    ]);
    expect(decide(modified('pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-q"'))).toEqual([
      'high',
      'dependency-manifest',
    ]);
    expect(decide(modified('Cargo.toml', '[profile.release]\nlto = true'))).toEqual(['high', 'dependency-manifest']);
  });
});

describe('executables, symlinks and submodules fail closed → high', () => {
  it.each([
    ['a new executable file', added('tools/run', 'echo hi', { newMode: '100755' }), 'becomes-executable'],
    [
      'an existing file becomes executable',
      modified('src/cli.ts', '', '', { oldMode: '100644', newMode: '100755' }),
      'becomes-executable',
    ],
    ['an executable python file', added('src/app/main.py', 'print(1)', { newMode: '100755' }), 'becomes-executable'],
    ['a new symlink', added('config/current', 'config/prod', { newMode: '120000' }), 'symlink'],
    [
      'a symlink retargeted',
      modified('src/link', '../../etc/passwd', 'README.md', { oldMode: '120000', newMode: '120000' }),
      'symlink',
    ],
    [
      'a file replaced by a symlink',
      modified('docs/intro.md', 'README.md', '# Intro', { oldMode: '100644', newMode: '120000' }),
      'symlink',
    ],
    ['a submodule added', added('vendor-libs/acme', 'Subproject commit 0123abc', { newMode: '160000' }), 'submodule'],
    [
      'a submodule moved',
      modified('third_party/lib', 'Subproject commit 2', 'Subproject commit 1', {
        oldMode: '160000',
        newMode: '160000',
      }),
      'submodule',
    ],
    ['a binary under src', modified('src/assets/logo.webp', '', '', { binary: true }), 'binary-file'],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['high', rule]);
  });

  it('an executable that stays executable is judged by its path', () => {
    expect(decide(modified('src/tool.py', 'x = 2', 'x = 1', { oldMode: '100755', newMode: '100755' }))).toEqual([
      'medium',
      'default',
    ]);
  });
});

describe('names are weak evidence for data transformations', () => {
  it.each([
    [
      'a Vue component called loader',
      added('src/components/loader.vue', '<template><div class="spinner"/></template>'),
      'medium',
    ],
    [
      'a NestJS interceptor named serializer',
      added('src/common/serializer.interceptor.ts', 'export class SerializerInterceptor implements NestInterceptor {}'),
      'medium',
    ],
    [
      'a Rails initializer named serializer',
      added(
        'config/initializers/cookies_serializer.rb',
        'Rails.application.config.action_dispatch.cookies_serializer = :json',
      ),
      'medium',
    ],
    [
      'a parser that fetches over the network',
      added(
        'src/parsers/feedParser.ts',
        'export async function parse(url: string) {\n  const res = await fetch(url);\n  return res.json();\n}',
      ),
      'medium',
    ],
    [
      'a parser that spawns a process',
      added(
        'lib/parsers/pdf_parser.py',
        'import subprocess\ndef parse(path):\n    return subprocess.run(["pdftotext", path])',
      ),
      'medium',
    ],
    [
      'a Go parser that runs a command',
      added('internal/parse/parser.go', 'import "os/exec"\nfunc Parse() { exec.Command("jq") }'),
      'medium',
    ],
    [
      'a Ruby mapper doing HTTP',
      added('app/mappers/rate_mapper.rb', 'def rates = JSON.parse(Net::HTTP.get(URI(url)))'),
      'medium',
    ],
    [
      'a mapper that reads the environment',
      added('src/mappers/config_mapper.ts', 'export const map = () => ({ key: process.env.KEY });'),
      'medium',
    ],
    [
      'a MyBatis mapper with SQL',
      added(
        'src/main/java/com/acme/UserMapper.java',
        '@Select("SELECT * FROM users WHERE id = #{id}")\nUser find(long id);',
      ),
      'medium',
    ],
    [
      'a pure parser',
      added(
        'src/parsers/feedParser.ts',
        'export function parse(xml: string) {\n  return xml.split("<item>").length - 1;\n}',
      ),
      'low-medium',
    ],
    [
      'a pure serializer in app/serializers',
      added('app/serializers/cookie_serializer.rb', 'class CookieSerializer\n  def dump(v) = v.to_json\nend'),
      'low-medium',
    ],
  ])('%s', (_name, change, tier) => {
    expect(only(change).tier).toBe(tier);
  });

  it('looks at the whole file, when given, for I/O outside the changed lines', () => {
    const change = modified('src/parsers/feedParser.ts', '  return items.length;');
    expect(classifyRisk([change]).tier).toBe('low-medium');
    const contents = new Map([
      [
        'src/parsers/feedParser.ts',
        'export async function parse(u) {\n  const items = await fetch(u);\n  return items.length;\n}',
      ],
    ]);
    expect(classifyRisk([change], { contents }).files[0]).toMatchObject({
      tier: 'medium',
      rule: 'data-transform-with-io',
    });
  });
});

describe('tests: what makes fewer tests run is at least medium', () => {
  it.each([
    ['renaming a test file', [renamed('tests/test_user.py', 'tests/test_account.py')], 'low'],
    ['moving a test file to another folder', [renamed('src/utils/date.test.ts', 'test/utils/date.test.ts')], 'low'],
    [
      'moving a test with edits git saw as delete + add',
      [
        deleted('test/old/cart.test.ts', "it('adds items', () => {});\nit('removes items', () => {});"),
        added(
          'test/cart/cart.test.ts',
          "import { it } from 'vitest';\nit('adds items', () => {});\nit('removes items', () => {});",
        ),
      ],
      'low',
    ],
    [
      'moving a test case between files',
      [
        modified('tests/test_a.py', '', 'def test_rounding():\n    assert round(2.5) == 2'),
        modified('tests/test_b.py', 'def test_rounding():\n    assert round(2.5) == 2'),
      ],
      'low',
    ],
    [
      'renaming a test case is not a deletion when its name stays',
      [
        modified(
          'spec/user_spec.rb',
          "  it 'has a name' do\n    expect(user.name).to eq('x')",
          "  it 'has a name' do\n    expect(user.name).to eq('y')",
        ),
      ],
      'low',
    ],
    ['adding a new test', [added('internal/cart/cart_test.go', 'func TestTotal(t *testing.T) {}')], 'low'],
    [
      'un-skipping a test',
      [modified('test/a.test.ts', "it('works', () => {});", "it.skip('works', () => {});")],
      'low',
    ],
  ])('%s → %s', (_name, changes, tier) => {
    expect(classifyRisk(changes).tier).toBe(tier);
  });

  it.each([
    [
      'deleting a test file',
      deleted('tests/test_orders.py', 'def test_total():\n    assert total() == 3'),
      'test-deleted',
    ],
    ['deleting a skipped test file', deleted('test/slow.test.ts', "it.skip('is slow', () => {});"), 'test-deleted'],
    ['deleting a Go test file', deleted('pkg/cart/cart_test.go', 'func TestCart(t *testing.T) {}'), 'test-deleted'],
    [
      'deleting a test file whose tests it cannot name',
      deleted('spec/support/shared_examples_spec.rb', "shared_examples 'a model' do\nend"),
      'test-deleted',
    ],
    ['moving a test out of the test tree', renamed('tests/test_legacy.py', 'legacy/check_legacy.py'), 'test-moved-out'],
    [
      'removing a test case',
      modified('tests/test_orders.py', '', 'def test_refund():\n    assert refund() == 0'),
      'test-case-removed',
    ],
    [
      'removing a JUnit test',
      modified('src/test/java/com/acme/CartTest.java', '', '@Test\nvoid removesItems() {\n}'),
      'test-case-removed',
    ],
    ['removing a Rust test', modified('tests/cart.rs', '', '#[test]\nfn removes_items() {}'), 'test-case-removed'],
    [
      'removing a Go subtest',
      modified('pkg/cart/cart_test.go', '', '\tt.Run("empty cart", func(t *testing.T) {})'),
      'test-case-removed',
    ],
    [
      'adding an already-skipped test (vitest)',
      added('test/new.test.ts', "it.skip('handles unicode', () => {});"),
      'test-skipped',
    ],
    [
      'adding an already-skipped test (pytest)',
      added('tests/test_new.py', '@pytest.mark.skip(reason="flaky")\ndef test_new():\n    pass'),
      'test-skipped',
    ],
    [
      'skipping an existing test (jest xit)',
      modified('src/__tests__/api.test.js', "xit('calls the API', () => {});", "it('calls the API', () => {});"),
      'test-skipped',
    ],
    ['skipping in Go', modified('pkg/cart/cart_test.go', '\tt.Skip("flaky on CI")'), 'test-skipped'],
    ['skipping in JUnit', modified('src/test/java/com/acme/CartTest.java', '@Disabled("flaky")'), 'test-skipped'],
    [
      'skipping in RSpec',
      modified('spec/models/user_spec.rb', "  it 'validates email', skip: true do"),
      'test-skipped',
    ],
    [
      'skipping in RSpec body',
      modified('spec/models/user_spec.rb', "    skip 'until the API is back'"),
      'test-skipped',
    ],
    ['ignoring a Rust test', modified('tests/api.rs', '#[ignore]'), 'test-skipped'],
    ['skipping in unittest', modified('tests/test_api.py', '    @unittest.skip("broken")'), 'test-skipped'],
    ['expected failure in pytest', modified('tests/test_api.py', '@pytest.mark.xfail'), 'test-skipped'],
    [
      'focusing a test with .only',
      modified('test/a.test.ts', "it.only('works', () => {});", "it('works', () => {});"),
      'test-focused',
    ],
    [
      'focusing with fdescribe',
      modified('spec/a.spec.js', "fdescribe('a', () => {});", "describe('a', () => {});"),
      'test-focused',
    ],
  ])('%s → medium', (_name, change, rule) => {
    expect(decide(change)).toEqual(['medium', rule]);
  });

  it('skip-shaped words in application code are not skipped tests', () => {
    expect(decide(modified('src/report/status.ts', "const icons = { pending: '…', skip: true };"))).toEqual([
      'medium',
      'default',
    ]);
  });

  it('sees skips in Rust inline test modules', () => {
    expect(decide(modified('src/parsers/csv.rs', '    #[ignore]', '', {}))).toEqual(['low-medium', 'data-transform']);
    const contents = new Map([
      [
        'src/parsers/csv.rs',
        'pub fn parse() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore]\n    fn parses() {}\n}\n',
      ],
    ]);
    expect(classifyRisk([modified('src/parsers/csv.rs', '    #[ignore]')], { contents }).files[0]).toMatchObject({
      tier: 'medium',
      rule: 'test-skipped',
    });
  });

  it('renaming a test within its file is a removal of the old name', () => {
    const change = modified('tests/test_orders.py', 'def test_total_with_tax():', 'def test_total():');
    expect(decide(change)).toEqual(['medium', 'test-case-removed']);
  });
});

describe('comment-only changes are low, suppressions are not', () => {
  it.each([
    ['a TS line comment', modified('src/lib/retry.ts', '// Retries use exponential backoff.', '// Retries back off.')],
    ['a JSDoc block', modified('src/lib/retry.ts', '/**\n * Retries `fn`.\n * @param fn the call\n */')],
    ['a JSDoc line in an existing block', modified('src/api/users.ts', ' * @returns the user, or null')],
    ['a Python comment', modified('app/views.py', '# Only staff may see drafts.')],
    [
      'a Python docstring',
      modified(
        'app/services/billing.py',
        '    """Charge the customer once per period."""',
        '    """Charge the customer."""',
      ),
    ],
    [
      'a multi-line Python docstring',
      modified(
        'app/services/billing.py',
        '    """\n    Charge the customer.\n\n    Raises PaymentError when the card is declined.\n    """',
      ),
    ],
    [
      'a Go comment in a handler',
      modified('internal/http/orders_handler.go', '// List returns the orders of the caller.'),
    ],
    [
      'a Java block comment in a controller',
      modified('src/main/java/com/acme/OrderController.java', '/* Paged: see OrderPage. */'),
    ],
    ['a Ruby comment in a controller', modified('app/controllers/orders_controller.rb', '  # GET /orders')],
    ['a Ruby =begin block', modified('app/models/order.rb', '=begin\nLegacy notes.\n=end')],
    ['a Rust doc comment', modified('src/lib.rs', '/// Adds two numbers.\n//! Crate docs.')],
    ['a SQL comment in a query', modified('db/queries/top.sql', '-- the ten biggest customers')],
    ['blank lines only', modified('src/lib/retry.ts', '\n\n', '')],
  ])('%s → low', (_name, change) => {
    expect(decide(change)).toEqual(['low', 'comment-only']);
  });

  it.each([
    ['eslint-disable', modified('src/api/users.ts', '// eslint-disable-next-line @typescript-eslint/no-explicit-any')],
    ['eslint-disable block', modified('src/lib/retry.ts', '/* eslint-disable */')],
    ['@ts-ignore', modified('src/lib/retry.ts', '// @ts-ignore')],
    ['@ts-expect-error', modified('test/helpers.ts', '// @ts-expect-error testing bad input')],
    ['# noqa', modified('app/views.py', 'import os  # noqa: F401')],
    ['# noqa comment-only', modified('app/views.py', '# noqa')],
    ['# type: ignore', modified('app/services/billing.py', 'total = compute()  # type: ignore[assignment]')],
    ['//nolint', modified('internal/store/store.go', '//nolint:errcheck')],
    ['#[allow(...)]', modified('src/lib.rs', '#[allow(dead_code)]')],
    ['#![allow(...)]', modified('src/main.rs', '#![allow(clippy::all)]')],
    ['pylint disable', modified('app/services/billing.py', '# pylint: disable=broad-except')],
    ['rubocop disable', modified('app/models/order.rb', '# rubocop:disable Metrics/AbcSize')],
    ['@SuppressWarnings', modified('src/main/java/com/acme/Order.java', '@SuppressWarnings("unchecked")')],
    ['istanbul ignore', modified('src/lib/retry.ts', '/* istanbul ignore next */')],
    ['suppression in a test file', modified('tests/test_api.py', 'import requests  # noqa')],
  ])('%s → at least medium', (_name, change) => {
    const file = only(change);
    expect(file.tier).toBe('medium');
    expect(file.matched).toContain('check-suppression');
  });

  it.each([
    ['a Go build constraint', modified('internal/store/store_linux.go', '//go:build linux')],
    [
      'a go:generate directive',
      modified('internal/api/api.go', '//go:generate oapi-codegen -o api.gen.go openapi.yaml'),
    ],
    ['a shebang', modified('src/tool.py', '#!/usr/bin/env python3')],
    ['a Ruby magic comment', modified('app/models/order.rb', '# frozen_string_literal: true')],
    ['a Python encoding line', modified('app/models.py', '# -*- coding: latin-1 -*-')],
    ['a ts-check pragma', modified('src/legacy.js', '// @ts-check')],
    ['code after a comment', modified('src/lib/retry.ts', '/* note */ retry(fn);')],
    ['a string that is not a docstring', modified('app/services/billing.py', 'message = """Charge."""')],
  ])('%s is not comment-only', (_name, change) => {
    expect(only(change).rule).not.toBe('comment-only');
    expect(only(change).tier).not.toBe('low');
  });

  it('a comment-only change keeps infrastructure and migration tiers', () => {
    expect(decide(modified('Dockerfile', '# base image pinned by digest'))).toEqual(['high', 'container']);
    expect(decide(modified('db/migrate/20240101_add_users.rb', '# adds users'))).toEqual([
      'critical',
      'migration-folder',
    ]);
  });
});

describe('generated code is medium and reported as generated', () => {
  it.each([
    ['*.gen.ts', added('src/api/client.gen.ts', 'export const x = 1;')],
    ['__generated__', added('src/__generated__/graphql.ts', 'export type Query = {};')],
    ['protobuf Go', modified('proto/orders/v1/orders.pb.go', 'func (x *Order) GetId() string {')],
    ['protobuf Python', added('app/proto/orders_pb2.py', '_ORDER = descriptor.Descriptor()')],
    [
      'Go generated header',
      added('internal/mocks/store.go', '// Code generated by MockGen. DO NOT EDIT.\npackage mocks'),
    ],
    ['@generated marker', added('src/relay/Query.ts', '/** @generated */\nexport const node = {};')],
    ['OpenAPI generator client', added('clients/ts/openapi-client/api.ts', 'export class DefaultApi {}')],
  ])('%s', (_name, change) => {
    expect(only(change)).toMatchObject({ tier: 'medium', category: 'generated', generated: true });
  });

  it('flags a generated file as generated even when another rule decides its tier', () => {
    expect(only(added('db/migrations/0001_init.gen.sql', 'CREATE TABLE t (id INT);'))).toMatchObject({
      tier: 'critical',
      generated: true,
    });
  });

  it('sees the generated header of a modified file through its full content', () => {
    const change = modified('internal/mocks/store.go', '\treturn nil');
    expect(only(change).generated).toBeUndefined();
    const contents = new Map([
      ['internal/mocks/store.go', '// Code generated by MockGen. DO NOT EDIT.\npackage mocks\n'],
    ]);
    expect(classifyRisk([change], { contents }).files[0]).toMatchObject({ tier: 'medium', generated: true });
  });
});
