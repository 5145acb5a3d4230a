/**
 * Database code that is not a migration: migration machinery and seed scripts are
 * `high`; SQL queries and ORM/query code are `medium`.
 */
import type { RuleDefinition } from '../rule.ts';

export const databaseRules: readonly RuleDefinition[] = [
  {
    name: 'migration-machinery',
    tier: 'high',
    category: 'database',
    reason: 'migration machinery decides how, where and against which database migrations run',
    paths: [
      'alembic.ini', '**/alembic/env.py', '**/alembic/script.py.mako', 'knexfile.*', '.sequelizerc', 'ormconfig.*',
      'data-source.{ts,js}', 'flyway.conf', 'flyway.toml', 'liquibase.properties', 'prisma.config.*', 'drizzle.config.*',
      'database.yml', 'diesel.toml', 'sqitch.conf', 'sqitch.plan', 'atlas.hcl', 'sqlc.{yaml,yml,json}', 'dbmate.yml',
    ],
  },
  {
    name: 'seed-data',
    tier: 'high',
    category: 'database',
    reason: 'seed scripts write data into a database when they run',
    paths: ['seeds/', 'seeders/', 'db/seeds.rb', '**/db/seeds.rb'],
    except: ['tests'],
  },
  {
    name: 'sql-query',
    tier: 'medium',
    category: 'database',
    reason: 'SQL queries: review them and run them read-only',
    paths: ['*.sql'],
    when: (file) => !file.commentOnly,
  },
  {
    name: 'database-access',
    tier: 'medium',
    category: 'database',
    reason: 'ORM models, repositories and query code',
    paths: [
      'models/', 'models.py', 'repositories/', 'repository/', 'dao/', 'entities/', '*.entity.{ts,js}', '*.repository.{ts,js}',
      '*Repository.{java,kt}', '*Dao.{java,kt}', '*_repository.{rb,py,go}', '*_repo.{rb,py,go}', 'queries/',
    ],
    except: ['tests', 'docs'],
    when: (file) => !file.commentOnly,
  },
  {
    name: 'database-query-content',
    tier: 'medium',
    category: 'database',
    reason: 'the content queries a database',
    except: ['tests', 'docs'],
    content: [
      /\b(?:SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b[^\n]*\b(?:FROM|VALUES|SET|WHERE)\b/, /\.objects\.(?:filter|get|exclude|raw)\s*\(/,
      /\bsession\.(?:query|execute)\s*\(/, /\bprisma\.\w+\.(?:find\w*|create\w*|update\w*|delete\w*|upsert|aggregate|groupBy|count)\s*\(/,
      /\$(?:queryRaw|executeRaw)\w*/, /@Query\s*\(/, /\bdb\.(?:Query|QueryRow|Exec)(?:Context)?\s*\(/, /\bsqlx::query/,
    ],
    when: (file) => !file.commentOnly,
  },
];
