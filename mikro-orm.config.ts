import { defineConfig as defineSqlite } from '@mikro-orm/better-sqlite';
import { defineConfig as definePostgres } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/core';
import { entities } from './src/modules/entities.js';

export const DEFAULT_DB = 'data/dutygraph.sqlite';

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
    return definePostgres({ ...common, clientUrl: databaseUrl, pool: { min: 0, max: 10 } }) as Options;
  }
  return defineSqlite({ ...common, dbName: target.dbPath ?? process.env.DUTYGRAPH_DB ?? DEFAULT_DB }) as Options;
}

export default ormConfig();
