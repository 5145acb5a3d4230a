/**
 * SQL data-definition statements: creating, altering or dropping tables, indexes,
 * columns and other schema objects, and granting privileges.
 */

const OBJECT =
  '(?:TABLE|INDEX|VIEW|SCHEMA|DATABASE|SEQUENCE|TYPE|TRIGGER|FUNCTION|PROCEDURE|EXTENSION|COLUMN|CONSTRAINT|DOMAIN|POLICY|ROLE|USER)';
const MODIFIERS =
  '(?:(?:OR\\s+REPLACE|TEMP|TEMPORARY|UNIQUE|UNLOGGED|MATERIALIZED|CONCURRENTLY|IF\\s+(?:NOT\\s+)?EXISTS)\\s+)*';
const STATEMENT = `\\b(?:CREATE|ALTER|DROP|TRUNCATE|RENAME)\\s+${MODIFIERS}${OBJECT}\\b|\\b(?:ADD|DROP|ALTER|RENAME)\\s+(?:COLUMN|CONSTRAINT)\\b|\\bTRUNCATE\\s+\\w|\\b(?:GRANT|REVOKE)\\s+\\w+(?:\\s*,\\s*\\w+)*\\s+ON\\b`;

/** DDL in a `.sql` file, any case. */
export const DDL_ANY_CASE = new RegExp(STATEMENT, 'i');

/** DDL embedded in source code: upper case only, the SQL convention, so that prose does not match. */
export const DDL_UPPER_CASE = new RegExp(STATEMENT);
