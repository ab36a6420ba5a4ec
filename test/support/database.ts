import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { DatabaseTarget } from '../../src/orm.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The database the suite runs on: DUTYGRAPH_TEST_DB=postgres runs every test that uses these
 * helpers on a fresh PostgreSQL database of its own; unset (or "sqlite"), on a fresh SQLite file.
 */
export const TEST_DIALECT: Dialect = dialectOf(process.env.DUTYGRAPH_TEST_DB);
export const onPostgres = TEST_DIALECT === 'postgres';

/** DUTYGRAPH_TEST_PG=none: no PostgreSQL server can be reached (.ci/run says so when it cannot start one) */
export const postgresServer = process.env.DUTYGRAPH_TEST_PG !== 'none';
if (onPostgres && !postgresServer) throw new Error('DUTYGRAPH_TEST_DB=postgres needs a PostgreSQL server, but DUTYGRAPH_TEST_PG=none');

/** where test databases are created and dropped (the machines run PostgreSQL with trust authentication) */
export const ADMIN_URL = (postgresServer && process.env.DUTYGRAPH_TEST_PG) || 'postgres://postgres@127.0.0.1:5432/postgres';

function dialectOf(value: string | undefined): Dialect {
  if (!value || value === 'sqlite') return 'sqlite';
  if (value === 'postgres' || value === 'postgresql') return 'postgres';
  throw new Error(`DUTYGRAPH_TEST_DB: expected "sqlite" or "postgres", got "${value}"`);
}

export interface TempDatabase {
  dialect: Dialect;
  /** what createOrm takes */
  target: DatabaseTarget;
  /** how a `dutygraph` child process reaches the same database: extra arguments and its environment */
  cli: { args: string[]; env: NodeJS.ProcessEnv };
  /** removes the file or drops the database (closing any connection left to it) */
  drop(): Promise<void>;
}

let counter = 0;

/** an empty database nobody else uses: a SQLite file in a temporary folder, or a new PostgreSQL database */
export async function tempDatabase(dialect: Dialect = TEST_DIALECT): Promise<TempDatabase> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-test-'));
    const dbPath = join(dir, 'test.sqlite');
    return {
      dialect,
      target: { dbPath },
      cli: { args: ['--db', dbPath], env },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // unique across the parallel test workers (pid) and the calls within one (counter)
  const name = `dutygraph_t${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    dialect,
    target: { databaseUrl },
    cli: { args: [], env: { ...env, DATABASE_URL: databaseUrl } },
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** runs one statement on the server's maintenance database (create, drop, alter a test database) */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** tests that need a PostgreSQL server whichever database the suite runs on; reported as skipped where there is none */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (postgresServer) describe(name, fn);
  else describe(name, () => it('needs a PostgreSQL server', (ctx) => ctx.skip('no PostgreSQL server (DUTYGRAPH_TEST_PG=none)')));
}
