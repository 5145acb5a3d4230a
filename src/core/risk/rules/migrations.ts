/**
 * Database migrations are `critical` and never executed by the bot: by folder (any
 * `migrations/`, `migrate/` or `migration/` at any depth), by file name conventions
 * (golang-migrate, Flyway, Liquibase, Diesel, data migrations), by content (Rails,
 * Django, Alembic, Knex, Sequelize, TypeORM, goose, dbmate, Ecto, Laravel, Doctrine),
 * schema definitions (Prisma, Rails schema.rb/structure.sql), any SQL with DDL, and
 * code that changes the schema at run time.
 */
import type { RuleDefinition } from '../rule.ts';
import { DDL_ANY_CASE, DDL_UPPER_CASE } from './ddl.ts';

const SQL_FILES = ['*.sql', '*.ddl', '*.psql', '*.pgsql'];

export const migrationRules: readonly RuleDefinition[] = [
  {
    name: 'migration-folder',
    tier: 'critical',
    category: 'migration',
    reason: 'database migrations change production schema or data; the bot never executes them',
    paths: [
      'migrations/',
      'migrate/',
      'migration/',
      'alembic/versions/',
      'db/data/',
      'data_migrations/',
      'data-migrations/',
      'datamigrations/',
      'liquibase/',
      'flyway/',
      'drizzle/',
    ],
  },
  {
    name: 'migration-file',
    tier: 'critical',
    category: 'migration',
    reason: 'the file name follows a migration convention (golang-migrate, Flyway, Liquibase, Diesel, data migrations)',
    paths: [
      '*.up.sql',
      '*.down.sql',
      'up.sql',
      'down.sql',
      'V[0-9]*__*',
      'U[0-9]*__*',
      'R__*.sql',
      '*data_migration*',
      '*data-migration*',
      '*datamigration*',
      'db.changelog*',
      'changelog*.{xml,yaml,yml,json,sql}',
      '*.changelog.{xml,yaml,yml,sql}',
    ],
    except: ['docs'],
  },
  {
    name: 'migration-content',
    tier: 'critical',
    category: 'migration',
    reason: 'the content is a database migration',
    content: [
      /\bActiveRecord::Migration\b/, // Rails
      /\bmigrations\.Migration\b/, // Django
      /^\s*down_revision\s*(?::[^=]*)?=/m,
      /\bop\.(?:create_table|drop_table|add_column|drop_column|alter_column|create_index|drop_index|rename_table|create_foreign_key|bulk_insert)\s*\(/, // Alembic
      /\bexports\.(?:up|down)\s*=/,
      /\bexport\s+(?:async\s+)?function\s+(?:up|down)\s*\(\s*knex\b/,
      /\bknex\.schema\./, // Knex
      /\bqueryInterface\.(?:createTable|dropTable|addColumn|removeColumn|changeColumn|renameColumn|addIndex|removeIndex|bulkInsert|bulkDelete|bulkUpdate)\b/, // Sequelize
      /\bimplements\s+MigrationInterface\b/, // TypeORM
      /--\s*\+goose\s+(?:Up|Down)\b/,
      /--\s*migrate:(?:up|down)\b/, // goose, dbmate
      /\buse\s+Ecto\.Migration\b/,
      /\bSchema::(?:create|table|drop|dropIfExists|rename)\s*\(/, // Ecto, Laravel
      /\bextends\s+(?:BaseJavaMigration|AbstractMigration)\b/,
      /\bdatabaseChangeLog\b/, // Flyway Java, Doctrine, Liquibase
    ],
    codeOnly: true,
    contentScope: 'file',
    except: ['tests', 'docs'],
  },
  {
    name: 'schema-definition',
    tier: 'critical',
    category: 'migration',
    reason: 'schema definitions are migrations in disguise',
    paths: ['*.prisma', 'db/schema.rb', '**/db/schema.rb', 'structure.sql', 'schema.sql'],
  },
  {
    name: 'sql-ddl',
    tier: 'critical',
    category: 'migration',
    reason: 'SQL that creates, alters or drops schema objects (DDL)',
    paths: SQL_FILES,
    content: [DDL_ANY_CASE],
    codeOnly: true,
    contentScope: 'changed',
  },
  {
    name: 'embedded-ddl',
    tier: 'critical',
    category: 'migration',
    reason: 'source code that runs DDL changes the database schema at run time',
    content: [DDL_UPPER_CASE],
    codeOnly: true,
    contentScope: 'changed',
    except: ['tests', 'docs'],
    exclude: SQL_FILES,
  },
  {
    name: 'runtime-schema-sync',
    tier: 'critical',
    category: 'migration',
    reason: 'code that synchronizes or migrates the schema when the application runs',
    content: [
      /\.sync\s*\(\s*\{[^}]*\b(?:force|alter)\s*:\s*true/, // Sequelize
      /\bsynchronize\s*:\s*true\b/,
      /\bmigrationsRun\s*:\s*true\b/, // TypeORM
      /\.AutoMigrate\s*\(/, // GORM
      /\bmetadata\.(?:create_all|drop_all)\s*\(/, // SQLAlchemy
      /\bcall_command\s*\(\s*['"]migrate['"]/, // Django
      /\bActiveRecord::(?:Migrator|MigrationContext|Tasks::DatabaseTasks\.migrate)\b/, // Rails
      /\bsqlx::migrate!/,
      /\bembed_migrations!/,
      /\bFlyway\.configure\(\)/, // Rust, Flyway
    ],
    codeOnly: true,
    except: ['tests', 'docs'],
  },
];
