import { defineConfig as defineSqlite } from '@mikro-orm/better-sqlite';
import { defineConfig as definePostgres } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/core';
import { entities } from './src/modules/entities.js';

import { DEFAULT_DB } from './src/defaults.js';

export { DEFAULT_DB };

/**
 * How long a SQLite statement waits, blocking, for another process's write to end. Short: the
 * server's event loop must not stall on it; a write that still finds the file busy is tried
 * again later without blocking (takingTurns in src/orm.ts).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 200;

export interface DatabaseTarget {
  /** SQLite file, or ':memory:' */
  dbPath?: string;
  /** postgres://… — takes precedence over dbPath */
  databaseUrl?: string;
}

/** SQLite by default (a file, or ':memory:' in tests); PostgreSQL when a URL is given */
export function ormConfig(target: DatabaseTarget = {}): Options {
  const databaseUrl = target.databaseUrl ?? process.env.DATABASE_URL;
  const common = {
    entities,
    debug: false,
    allowGlobalContext: false,
    discovery: { disableDynamicFileAccess: true },
  } as const;
  if (databaseUrl) {
    return definePostgres({
      ...common,
      clientUrl: databaseUrl,
      pool: {
        min: 0,
        max: 10,
        // reads are prepared once per connection (src/graphql/sql.ts); left to choose, PostgreSQL planned
        // a unit's lookup anew for every name (a third of its CPU for it): planned once, for any value.
        // A read whose best plan depends on its values says so (ReadOptions.skewed) and is planned for them.
        afterCreate(connection: { query(sql: string, callback: (error: Error | null) => void): void }, done: (error: Error | null, connection: unknown) => void) {
          connection.query('set plan_cache_mode = force_generic_plan', (error) => done(error, connection));
        },
      },
    }) as Options;
  }
  const dbName = target.dbPath ?? process.env.DUTYGRAPH_DB ?? DEFAULT_DB;
  return defineSqlite({
    ...common,
    dbName,
    // the FTS5 table and its shadow tables are the search engine's (search.engine.ts): MikroORM cannot read a virtual table's untyped columns
    schemaGenerator: { skipTables: [/^search_grams/] },
    pool: {
      // several processes on one file (the server taking mutations, a CLI ingest): in WAL mode
      // readers never wait for a writer, and writers take turns
      afterCreate(connection: { pragma(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) {
        try {
          if (dbName !== ':memory:') connection.pragma('journal_mode = WAL');
          connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
          done(null, connection);
        } catch (error) {
          done(error as Error, connection);
        }
      },
    },
  }) as Options;
}

export default ormConfig();
