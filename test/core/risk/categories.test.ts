/**
 * Every category of the risk table (README.md "Risk tiers") in every ecosystem (JS/TS, Python, Go, Java/Kotlin, Ruby,
 * Rust, SQL), by path and by content, with realistic paths and diff snippets.
 */
import { describe, expect, it } from 'vitest';
import { classifyRisk } from '../../../src/core/risk/classify-risk.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';
import { added, modified } from './changes.ts';

function decide(change: FileChange): [string, string] {
  const file = classifyRisk([change]).files[0];
  return [file?.tier ?? '', file?.rule ?? ''];
}

describe('tests and fixtures → low', () => {
  it.each([
    ['vitest', added('src/risk/classify.test.ts', "import { it } from 'vitest';\nit('ranks tiers', () => {});")],
    ['jest __tests__', added('web/src/__tests__/Button.tsx', "test('renders', () => {});")],
    ['mocha spec', added('test/unit/parser.spec.js', "describe('parser', () => { it('parses', () => {}); });")],
    ['pytest', added('tests/test_orders.py', 'def test_total():\n    assert total([1, 2]) == 3')],
    ['pytest conftest', modified('tests/conftest.py', '@pytest.fixture\ndef client():\n    return Client()')],
    ['django tests.py', modified('shop/tests.py', '    def test_checkout(self):\n        self.assertEqual(1, 1)')],
    [
      'go test',
      added('internal/cart/cart_test.go', 'func TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 { t.Fatal("bad") }\n}'),
    ],
    ['go testdata', added('internal/cart/testdata/cart.golden', '{"items": []}')],
    [
      'junit',
      added('src/test/java/com/acme/OrderServiceTest.java', '@Test\nvoid totals() { assertEquals(3, total()); }'),
    ],
    ['kotlin test', added('app/src/test/kotlin/com/acme/CartTest.kt', '@Test\nfun `adds items`() { }')],
    ['rspec', added('spec/models/user_spec.rb', "RSpec.describe User do\n  it 'has a name' do\n  end\nend")],
    ['minitest', added('test/models/user_test.rb', 'def test_name\n  assert true\nend')],
    ['rust integration test', added('tests/api.rs', '#[test]\nfn creates_user() { assert!(true); }')],
    ['fixture json', added('test/fixtures/github/issue.json', '{"number": 1}')],
    ['jest snapshot', modified('src/__snapshots__/render.test.ts.snap', 'exports[`x`] = `<div />`;')],
  ])('%s', (_name, change) => {
    expect(decide(change)[0]).toBe('low');
  });
});

describe('docs → low', () => {
  it.each([
    ['readme', modified('README.md', 'Run `npm test`.', 'Run `npm t`.')],
    ['docs page', added('docs/guide/configuration.md', '# Configuration')],
    ['rst', modified('docs/source/index.rst', 'Welcome\n=======')],
    ['changelog', modified('CHANGELOG.md', '## 1.2.0')],
    ['license', modified('LICENSE', 'Copyright 2025')],
    ['mdx in a package', added('packages/ui/src/Button.mdx', '# Button')],
  ])('%s', (_name, change) => {
    expect(decide(change)).toEqual(['low', 'documentation']);
  });
});

describe('data transformations without I/O → low-medium', () => {
  it.each([
    [
      'python etl',
      added(
        'pipelines/etl/normalize_orders.py',
        'def normalize(rows):\n    return [{**r, "total": float(r["total"])} for r in rows]',
      ),
    ],
    [
      'ts mapper',
      added(
        'src/mappers/userMapper.ts',
        'export function toDto(u: User): UserDto {\n  return { id: u.id, name: u.name };\n}',
      ),
    ],
    [
      'go parser',
      added('internal/csvparse/parser.go', 'func Parse(line string) []string {\n\treturn strings.Split(line, ",")\n}'),
    ],
    [
      'java mapper',
      added('src/main/java/com/acme/OrderMapper.java', 'public OrderDto map(Order o) { return new OrderDto(o.id()); }'),
    ],
    [
      'ruby serializer',
      added(
        'app/serializers/user_serializer.rb',
        'class UserSerializer < ActiveModel::Serializer\n  attributes :id, :name\nend',
      ),
    ],
    [
      'rust converter',
      added('src/convert/units_converter.rs', 'pub fn to_celsius(f: f64) -> f64 { (f - 32.0) * 5.0 / 9.0 }'),
    ],
    [
      'kotlin transformer',
      added(
        'app/src/main/kotlin/com/acme/transform/PriceTransformer.kt',
        'fun apply(p: Price) = p.copy(amount = p.amount * 100)',
      ),
    ],
    ['csv data', modified('data/countries.csv', 'FR,France', 'FR,Frances')],
    ['locale strings', modified('src/locales/fr.json', '"save": "Enregistrer"', '"save": "Sauver"')],
  ])('%s', (_name, change) => {
    expect(decide(change)[0]).toBe('low-medium');
  });
});

describe('API endpoints and database queries → medium', () => {
  it.each([
    [
      'express route',
      added(
        'src/routes/users.ts',
        "router.get('/users/:id', async (req, res) => res.json(await find(req.params.id)));",
      ),
      'api-route',
    ],
    [
      'nest controller',
      added(
        'src/users/users.controller.ts',
        "@Get(':id')\nfindOne(@Param('id') id: string) { return this.users.find(id); }",
      ),
      'api-route',
    ],
    [
      'next route handler',
      added('app/api/orders/route.ts', 'export async function POST(req: Request) { return Response.json({}); }'),
      'api-route',
    ],
    [
      'fastapi by content',
      added(
        'service/app.py',
        '@app.get("/items/{item_id}")\nasync def read_item(item_id: int):\n    return {"id": item_id}',
      ),
      'api-route-content',
    ],
    ['django urls', modified('shop/urls.py', "    path('orders/', views.orders),"), 'api-route'],
    [
      'go handler',
      added('internal/http/orders_handler.go', 'func (h *Handler) List(w http.ResponseWriter, r *http.Request) {}'),
      'api-route',
    ],
    ['gin by content', modified('cmd/server/main.go', '\tr.GET("/health", health)'), 'api-route-content'],
    [
      'spring controller',
      added(
        'src/main/java/com/acme/OrderController.java',
        '@GetMapping("/orders")\npublic List<Order> list() { return repo.findAll(); }',
      ),
      'api-route',
    ],
    [
      'rails controller',
      modified('app/controllers/orders_controller.rb', '  def index\n    @orders = Order.all\n  end'),
      'api-route',
    ],
    ['rails routes', modified('config/routes.rb', '  resources :orders'), 'api-route'],
    [
      'actix by content',
      added('src/server.rs', '#[get("/orders")]\nasync fn orders() -> impl Responder { "" }'),
      'api-route-content',
    ],
    ['openapi', modified('api/openapi.yaml', '  /orders:\n    get:\n      summary: List orders'), 'api-schema'],
    ['graphql schema', modified('schema/schema.graphql', 'type Order { id: ID! }'), 'api-schema'],
    ['protobuf', modified('proto/orders/v1/orders.proto', 'string customer_id = 3;'), 'api-schema'],
    [
      'sql query',
      added('db/queries/top_customers.sql', 'SELECT id, SUM(total) FROM orders GROUP BY id ORDER BY 2 DESC LIMIT 10;'),
      'sql-query',
    ],
    [
      'django model',
      modified('shop/models.py', '    total = models.DecimalField(max_digits=10, decimal_places=2)'),
      'database-access',
    ],
    [
      'typeorm entity',
      added('src/orders/order.entity.ts', '@Entity()\nexport class Order { @PrimaryGeneratedColumn() id: number; }'),
      'database-access',
    ],
    [
      'jpa repository',
      added(
        'src/main/java/com/acme/OrderRepository.java',
        'public interface OrderRepository extends JpaRepository<Order, Long> {}',
      ),
      'database-access',
    ],
    [
      'sqlalchemy query by content',
      modified('service/reports.py', '    return session.query(Order).filter(Order.total > 100).all()'),
      'database-query-content',
    ],
    [
      'go database/sql by content',
      modified(
        'internal/store/store.go',
        '\trows, err := s.db.QueryContext(ctx, "SELECT id FROM orders WHERE total > $1", min)',
      ),
      'database-query-content',
    ],
    [
      'prisma client by content',
      modified('src/services/orders.ts', '  return prisma.order.findMany({ where: { total: { gt: 100 } } });'),
      'database-query-content',
    ],
    ['other source', modified('src/lib/retry.ts', 'const delay = base * 2 ** attempt;'), 'default'],
    ['rust source', modified('src/lib.rs', 'pub fn add(a: i32, b: i32) -> i32 { a + b }'), 'default'],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['medium', rule]);
  });
});

describe('infrastructure → high', () => {
  it.each([
    ['Dockerfile', modified('services/api/Dockerfile', 'FROM node:24-slim', 'FROM node:22-slim'), 'container'],
    ['Containerfile variant', added('Dockerfile.dev', 'FROM python:3.13'), 'container'],
    ['devcontainer', modified('.devcontainer/devcontainer.json', '"postCreateCommand": "npm ci"'), 'container'],
    ['docker compose', modified('docker-compose.yml', '    image: postgres:17'), 'deploy-config'],
    ['compose override', added('deploy/compose.override.yaml', 'services: {}'), 'deploy-config'],
    ['terraform', modified('infra/modules/db/main.tf', 'instance_class = "db.r6g.large"'), 'terraform'],
    ['tfvars', modified('envs/prod/terraform.tfvars', 'replicas = 3'), 'terraform'],
    [
      'pulumi program',
      modified('infra/index.ts', 'const bucket = new aws.s3.Bucket("logs");'),
      'infrastructure-folder',
    ],
    ['cloudformation by path', modified('cloudformation/network.yaml', '  VpcCidr: 10.0.0.0/16'), 'cloudformation'],
    [
      'sam template by content',
      added(
        'services/fn/stack.yaml',
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Serverless::Function',
      ),
      'cloudformation-content',
    ],
    ['kubernetes by path', modified('k8s/api/deployment.yaml', '  replicas: 3'), 'kubernetes'],
    [
      'kubernetes by content',
      added('manifests/api.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api'),
      'kubernetes-content',
    ],
    [
      'helm chart',
      modified('charts/api/templates/deployment.yaml', '        image: {{ .Values.image }}'),
      'kubernetes',
    ],
    ['ansible', modified('ansible/roles/web/tasks/main.yml', '- name: install nginx'), 'config-management'],
    ['gitlab ci', modified('.gitlab-ci.yml', '  script: npm test'), 'ci-config'],
    ['circleci', modified('.circleci/config.yml', '      - run: make test'), 'ci-config'],
    ['Jenkinsfile', modified('Jenkinsfile', "sh 'make deploy'"), 'ci-config'],
    ['build script', added('scripts/release', 'npm publish'), 'build-script'],
    ['Makefile', modified('Makefile', 'test:\n\tgo test ./...'), 'build-script'],
    ['gradle build', modified('build.gradle.kts', 'tasks.test { useJUnitPlatform() }'), 'dependency-manifest'],
    ['rust build.rs', added('build.rs', 'fn main() { println!("cargo:rerun-if-changed=proto"); }'), 'build-script'],
    ['vite config', modified('vite.config.ts', 'plugins: [react()],'), 'build-config'],
    ['tsconfig', modified('tsconfig.json', '"strict": false', '"strict": true'), 'build-config'],
    ['eslint config', modified('.eslintrc.json', '"no-console": "off"'), 'check-config'],
    ['golangci', modified('.golangci.yml', '    - errcheck'), 'check-config'],
    ['rubocop', modified('.rubocop.yml', 'Metrics/MethodLength:\n  Enabled: false'), 'check-config'],
    ['husky hook', modified('.husky/pre-commit', 'npx lint-staged'), 'git-machinery'],
    ['gitattributes', modified('.gitattributes', '*.png filter=lfs diff=lfs merge=lfs -text'), 'git-machinery'],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['high', rule]);
  });
});

describe('dependency manifests and lockfiles → high', () => {
  it.each([
    ['package.json', modified('package.json', '"lodash": "^4.17.21"'), 'dependency-manifest'],
    [
      'package.json scripts only',
      modified('package.json', '"test": "vitest run --passWithNoTests"', '"test": "vitest run"'),
      'dependency-manifest',
    ],
    ['package-lock', modified('package-lock.json', '"version": "4.17.21"'), 'lockfile'],
    ['pnpm lock', modified('pnpm-lock.yaml', '  /lodash@4.17.21:'), 'lockfile'],
    ['yarn lock', modified('yarn.lock', 'lodash@^4.17.21:'), 'lockfile'],
    ['npmrc', added('.npmrc', 'registry=https://registry.example.com/'), 'dependency-manifest'],
    ['requirements', modified('requirements.txt', 'requests==2.32.3'), 'dependency-manifest'],
    ['requirements dir', modified('requirements/dev.txt', 'pytest==8.3.0'), 'dependency-manifest'],
    ['pyproject', modified('pyproject.toml', '[tool.ruff]\nline-length = 120'), 'dependency-manifest'],
    ['poetry lock', modified('poetry.lock', 'version = "2.32.3"'), 'lockfile'],
    ['uv lock', modified('uv.lock', 'version = "2.32.3"'), 'lockfile'],
    ['setup.py', modified('setup.py', "install_requires=['requests']"), 'dependency-manifest'],
    ['go.mod', modified('go.mod', 'require github.com/google/uuid v1.6.0'), 'dependency-manifest'],
    ['go.sum', modified('go.sum', 'github.com/google/uuid v1.6.0 h1:abc='), 'lockfile'],
    ['vendored go code', modified('vendor/github.com/google/uuid/uuid.go', 'func New() UUID {'), 'dependency-manifest'],
    ['pom.xml', modified('pom.xml', '<version>3.3.0</version>'), 'dependency-manifest'],
    ['gradle version catalog', modified('gradle/libs.versions.toml', 'kotlin = "2.1.0"'), 'dependency-manifest'],
    [
      'gradle wrapper',
      modified(
        'gradle/wrapper/gradle-wrapper.properties',
        'distributionUrl=https\\://services.gradle.org/distributions/gradle-8.12-bin.zip',
      ),
      'dependency-manifest',
    ],
    ['Gemfile', modified('Gemfile', "gem 'rails', '~> 8.0'"), 'dependency-manifest'],
    ['Gemfile.lock', modified('Gemfile.lock', '    rails (8.0.1)'), 'lockfile'],
    ['gemspec', modified('mylib.gemspec', "spec.add_dependency 'rack'"), 'dependency-manifest'],
    ['Cargo.toml', modified('Cargo.toml', 'serde = "1.0"'), 'dependency-manifest'],
    ['Cargo.lock', modified('Cargo.lock', 'version = "1.0.217"'), 'lockfile'],
    [
      'cargo config',
      added('.cargo/config.toml', '[build]\nrustflags = ["-C", "target-cpu=native"]'),
      'dependency-manifest',
    ],
    ['nested workspace package', modified('packages/web/package.json', '"react": "^19.0.0"'), 'dependency-manifest'],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['high', rule]);
  });
});

describe('migrations by path convention → critical', () => {
  it.each([
    [
      'Rails',
      added(
        'db/migrate/20240101120000_add_users.rb',
        'class AddUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend',
      ),
      'migration-folder',
    ],
    [
      'Django',
      added('shop/migrations/0002_order_total.py', 'class Migration(migrations.Migration):\n    operations = []'),
      'migration-folder',
    ],
    [
      'Alembic',
      added('alembic/versions/3f2a1b_add_orders.py', 'revision = "3f2a1b"\ndown_revision = "1a2b3c"'),
      'migration-folder',
    ],
    [
      'Prisma migration',
      added('prisma/migrations/20240101_init/migration.sql', 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY);'),
      'migration-folder',
    ],
    [
      'Knex',
      added(
        'migrations/20240101_create_users.js',
        'exports.up = (knex) => knex.schema.createTable("users", (t) => t.increments());',
      ),
      'migration-folder',
    ],
    [
      'Flyway',
      added('src/main/resources/db/migration/V2__add_orders.sql', 'CREATE TABLE orders (id BIGINT PRIMARY KEY);'),
      'migration-folder',
    ],
    [
      'Flyway name outside a folder',
      added('sql/V3__backfill_totals.sql', 'UPDATE orders SET total = 0 WHERE total IS NULL;'),
      'migration-file',
    ],
    [
      'Liquibase changelog',
      added('src/main/resources/db/changelog/db.changelog-1.1.yaml', 'databaseChangeLog:\n  - changeSet:\n      id: 2'),
      'migration-file',
    ],
    [
      'golang-migrate up',
      added('db/schema/000002_add_orders.up.sql', 'ALTER TABLE orders ADD COLUMN total NUMERIC;'),
      'migration-file',
    ],
    [
      'golang-migrate down',
      added('db/schema/000002_add_orders.down.sql', 'ALTER TABLE orders DROP COLUMN total;'),
      'migration-file',
    ],
    [
      'Sequelize',
      added(
        'server/migrations/20240101-create-user.js',
        "module.exports = { up: (queryInterface) => queryInterface.createTable('Users', {}) };",
      ),
      'migration-folder',
    ],
    [
      'TypeORM',
      added(
        'src/migration/1700000000000-AddOrders.ts',
        'export class AddOrders1700000000000 implements MigrationInterface {}',
      ),
      'migration-folder',
    ],
    [
      'engine-specific folder',
      added('db/mysql/migrations/0007_idx.sql', 'CREATE INDEX idx_total ON orders(total);'),
      'migration-folder',
    ],
    [
      'data migration script',
      added('scripts/data_migrations/backfill_order_totals.py', 'for o in Order.objects.all():\n    o.save()'),
      'migration-folder',
    ],
    ['Go migrate package', modified('internal/migrate/runner.go', 'func Up(db *sql.DB) error {'), 'migration-folder'],
    [
      'Diesel',
      added('migrations/2024-01-01-000000_create_posts/up.sql', 'CREATE TABLE posts (id SERIAL PRIMARY KEY);'),
      'migration-folder',
    ],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['critical', rule]);
  });
});

describe('migrations by content → critical', () => {
  it.each([
    [
      'Rails migration outside db/migrate',
      added('lib/tasks/add_index.rb', 'class AddIndex < ActiveRecord::Migration[7.1]'),
      'migration-content',
    ],
    [
      'Alembic ops',
      added('tools/upgrade_2024.py', 'def upgrade():\n    op.add_column("orders", sa.Column("total", sa.Numeric()))'),
      'migration-content',
    ],
    [
      'Knex schema builder',
      added('src/db/setup.js', 'await knex.schema.createTable("users", (t) => { t.increments(); });'),
      'migration-content',
    ],
    [
      'Sequelize queryInterface',
      added('src/db/upgrade.js', "await queryInterface.addColumn('Users', 'age', Sequelize.INTEGER);"),
      'migration-content',
    ],
    [
      'TypeORM MigrationInterface',
      added('src/db/AddOrders.ts', 'export class AddOrders implements MigrationInterface {'),
      'migration-content',
    ],
    ['goose annotation', added('sql/schema/0003_orders.sql', '-- +goose Up\nSELECT 1;'), 'migration-content'],
    ['DDL in a .sql file', added('db/schema/orders.sql', 'create table orders (id bigint primary key);'), 'sql-ddl'],
    ['removed DDL in a .sql file', modified('sql/views.sql', '', 'DROP VIEW IF EXISTS order_totals;'), 'sql-ddl'],
    ['ALTER COLUMN in SQL', modified('db/fix.sql', 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;'), 'sql-ddl'],
    [
      'DDL embedded in Go',
      modified(
        'internal/store/init.go',
        '\t_, err := db.Exec("CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY)")',
      ),
      'embedded-ddl',
    ],
    [
      'DDL embedded in Python',
      modified('service/db.py', '    cur.execute("ALTER TABLE orders ADD COLUMN note TEXT")'),
      'embedded-ddl',
    ],
    [
      'DDL embedded in Java',
      modified('src/main/java/com/acme/Schema.java', 'stmt.execute("DROP INDEX idx_orders_total");'),
      'embedded-ddl',
    ],
    ['Sequelize sync alter', modified('src/db.ts', 'await sequelize.sync({ alter: true });'), 'runtime-schema-sync'],
    ['TypeORM synchronize', modified('src/data-source.ts', '  synchronize: true,'), 'runtime-schema-sync'],
    ['GORM AutoMigrate', modified('cmd/api/main.go', '\tdb.AutoMigrate(&Order{})'), 'runtime-schema-sync'],
    ['SQLAlchemy create_all', modified('service/app.py', 'Base.metadata.create_all(engine)'), 'runtime-schema-sync'],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['critical', rule]);
  });

  it('does not treat lower-case prose about tables in source as DDL', () => {
    expect(decide(modified('src/cleanup.ts', '// we never drop table rows here, only mark them'))).toEqual([
      'low',
      'comment-only',
    ]);
    expect(decide(modified('src/cleanup.ts', 'const message = "please create table entries by hand";'))).toEqual([
      'medium',
      'default',
    ]);
  });

  it.each([
    [
      'a JSDoc example',
      modified(
        'src/risk/classify.ts',
        " * classify([{ path: 'x.rb', addedLines: ['class A < ActiveRecord::Migration[7.1]'] }])",
      ),
    ],
    [
      'a line comment quoting DDL',
      modified('src/store.go', '\t// CREATE TABLE happens in the migrations, not here\n\tdb.Ping()'),
    ],
    [
      'a Python comment',
      modified('app/db.py', '# we used to call Base.metadata.create_all(engine) here\nengine.connect()'),
    ],
    ['commented-out SQL', modified('db/queries/report.sql', '-- DROP TABLE tmp_report;\nSELECT 1;')],
  ])('markers in comments are not migrations: %s', (_name, change) => {
    expect(decide(change)[0]).not.toBe('critical');
  });

  it('keeps DDL that only sets up a test database at the test tier', () => {
    expect(decide(added('tests/conftest.py', 'def db():\n    conn.execute("CREATE TABLE t (id INT)")'))[0]).toBe('low');
  });
});

describe('schema definitions and migration machinery', () => {
  it.each([
    ['schema.prisma', modified('prisma/schema.prisma', '  total Decimal'), 'critical', 'schema-definition'],
    [
      'multi-file prisma schema',
      added('prisma/schema/order.prisma', 'model Order { id Int @id }'),
      'critical',
      'schema-definition',
    ],
    ['db/schema.rb', modified('db/schema.rb', '    t.decimal "total"'), 'critical', 'schema-definition'],
    ['structure.sql', modified('db/structure.sql', 'CREATE TABLE public.orders ();'), 'critical', 'schema-definition'],
    ['alembic env.py', modified('alembic/env.py', 'target_metadata = Base.metadata'), 'high', 'migration-machinery'],
    [
      'alembic.ini',
      modified('alembic.ini', 'sqlalchemy.url = postgresql://localhost/app'),
      'high',
      'migration-machinery',
    ],
    [
      'knexfile',
      modified('knexfile.js', "  migrations: { directory: './db/migrations' },"),
      'high',
      'migration-machinery',
    ],
    [
      'sequelizerc',
      added('.sequelizerc', "module.exports = { 'migrations-path': 'db/migrations' };"),
      'high',
      'migration-machinery',
    ],
    ['ormconfig', modified('ormconfig.json', '"migrationsRun": false'), 'high', 'migration-machinery'],
    ['flyway.conf', modified('flyway.conf', 'flyway.locations=filesystem:sql'), 'high', 'migration-machinery'],
    [
      'liquibase.properties',
      modified('liquibase.properties', 'changeLogFile=db/changelog.xml'),
      'high',
      'migration-machinery',
    ],
    ['Rails database.yml', modified('config/database.yml', '  pool: 10'), 'high', 'migration-machinery'],
    ['Rails seeds', modified('db/seeds.rb', 'User.create!(name: "admin")'), 'high', 'seed-data'],
  ])('%s', (_name, change, tier, rule) => {
    expect(decide(change)).toEqual([tier, rule]);
  });
});

describe('GitHub workflows → critical', () => {
  it.each([
    ['workflow', modified('.github/workflows/ci.yml', '      - run: npm test'), 'github-workflow'],
    ['reusable workflow', added('.github/workflows/release.yaml', 'on: workflow_call'), 'github-workflow'],
    ['local action', modified('.github/actions/setup/action.yml', '    - run: npm ci'), 'github-action'],
    [
      'comment in a workflow still counts',
      modified('.github/workflows/ci.yml', '# run the tests', '# run tests'),
      'github-workflow',
    ],
  ])('%s', (_name, change, rule) => {
    expect(decide(change)).toEqual(['critical', rule]);
  });
});
