import type { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { SqlEntityManager } from '@mikro-orm/knex';

export type Value = string | number | boolean | null;

/** the bulk writer under the generator: plain rows in prepared INSERTs (multi-row on PostgreSQL), inside transactions */
export interface Sink {
  insert(table: string, columns: readonly string[], rows: Value[][]): Promise<void>;
  /** runs one statement, returns the rows it changed */
  run(sql: string, params: Value[]): Promise<number>;
  all(sql: string, params: Value[]): Promise<Record<string, unknown>[]>;
  readonly dialect: 'sqlite' | 'postgresql';
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** puts back what the bulk load changed (indexes, settings, sequences) */
  finish(): Promise<void>;
}

/** the subset of better-sqlite3's Database the generator uses */
interface RawSqlite {
  prepare(sql: string): { run(...params: unknown[]): { changes: number }; all(...params: unknown[]): unknown[] };
  exec(sql: string): void;
  pragma(sql: string, options?: { simple: boolean }): unknown;
}

const quote = (name: string) => `"${name}"`;
const statement = (table: string, columns: readonly string[], rows: number) =>
  `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;

/**
 * SQLite: the ORM's own connection (the same binding and file), with the secondary indexes
 * dropped during the load and rebuilt from their own SQL at the end (one sort each instead of
 * millions of random B-tree inserts), and journal, sync, foreign-key checks and cache set for a
 * bulk load and restored after.
 */
export async function sqliteSink(orm: MikroORM): Promise<Sink> {
  const knex = (orm.em as SqlEntityManager).getKnex() as Knex & { client: { acquireConnection(): Promise<RawSqlite>; releaseConnection(c: RawSqlite): Promise<void> } };
  const db = await knex.client.acquireConnection();
  const before = {
    journal: db.pragma('journal_mode', { simple: true }) as string,
    synchronous: db.pragma('synchronous', { simple: true }) as number,
    foreignKeys: db.pragma('foreign_keys', { simple: true }) as number,
    cache: db.pragma('cache_size', { simple: true }) as number,
  };
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536');
  const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null order by rowid`).all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`drop index ${quote(i.name)}`);
  const prepared = new Map<string, ReturnType<RawSqlite['prepare']>>();
  return {
    dialect: 'sqlite',
    async run(sql, params) {
      return db.prepare(sql).run(params).changes;
    },
    async all(sql, params) {
      return db.prepare(sql).all(params) as Record<string, unknown>[];
    },
    // one prepared single-row statement per table: on better-sqlite3 that beats multi-row VALUES
    async insert(table, columns, rows) {
      const key = `${table}|${columns.length}`;
      const st = prepared.get(key) ?? db.prepare(statement(table, columns, 1));
      prepared.set(key, st);
      for (const r of rows) st.run(r.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    },
    async begin() {
      db.exec('begin');
    },
    async commit() {
      db.exec('commit');
    },
    async finish() {
      for (const i of indexes) db.exec(i.sql);
      db.pragma(`cache_size = ${before.cache}`);
      db.pragma(`foreign_keys = ${before.foreignKeys}`);
      db.pragma(`synchronous = ${before.synchronous}`);
      db.pragma(`journal_mode = ${before.journal}`);
      await knex.client.releaseConnection(db);
    },
  };
}

/** PostgreSQL: batched INSERTs through the ORM's knex in transactions; serial sequences moved past the explicit ids */
export async function postgresSink(orm: MikroORM, explicitIds: readonly string[]): Promise<Sink> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  let trx: Knex.Transaction | null = null;
  return {
    dialect: 'postgresql',
    async run(sql, params) {
      return ((await (trx ?? knex).raw(sql, params)) as { rowCount: number }).rowCount;
    },
    async all(sql, params) {
      return ((await (trx ?? knex).raw(sql, params)) as { rows: Record<string, unknown>[] }).rows;
    },
    async insert(table, columns, rows) {
      const per = Math.min(1000, Math.floor(60000 / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        await (trx ?? knex).raw(statement(table, columns, chunk.length), chunk.flat());
      }
    },
    async begin() {
      trx = await knex.transaction();
    },
    async commit() {
      await trx!.commit();
      trx = null;
    },
    async finish() {
      for (const table of explicitIds) {
        await knex.raw(`select setval(pg_get_serial_sequence('${quote(table)}', 'row_id'), coalesce((select max(row_id) from ${quote(table)}), 0) + 1, false)`);
      }
    },
  };
}
