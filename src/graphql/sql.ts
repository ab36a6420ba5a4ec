import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { clientGoneError, timeoutError } from './errors.js';
import type { ReadPool } from './read-pool.js';
import { allPrepared } from './sqlite-prepared.js';
import { allPreparedPostgres, type PgClient } from './postgres-prepared.js';

export interface ReadOptions {
  /**
   * The best plan depends on the values: how common a search term is, how large a division.
   * PostgreSQL plans the other statements once per connection (the pool's connections use generic
   * plans: mikro-orm.config.ts), this one anew for its values each time.
   */
  skewed?: boolean;
}

/**
 * Read access for resolvers and loaders: plain rows, no managed entities (creating
 * entities is half the cost of a read), and a count of the statements each request ran.
 * With a deadline set, every statement asked for after it is refused with TIMEOUT.
 */
export class Sql {
  statements = 0;
  /** a statement was refused at the deadline */
  timedOut = false;
  private deadline: { at: number; limitMs: number } | undefined;
  private readonly connection;
  /** on PostgreSQL (else SQLite): where a feature's SQL differs by dialect */
  readonly postgres: boolean;
  /** reading through the pool's threads (an expensive request on SQLite) */
  private pool: ReadPool | null = null;

  /** `readPool`: where an expensive request's statements may run; `gone`: fires when the client has left */
  constructor(
    orm: MikroORM,
    private readonly options: { readPool?: ReadPool | null; gone?: AbortSignal } = {},
  ) {
    this.connection = (orm.em as SqlEntityManager).getConnection();
    this.postgres = this.connection.getKnex().client.dialect === 'postgresql';
  }

  /** this request's statements run off the main thread from now on, where there is a pool to run them */
  offload(): void {
    if (!this.postgres) this.pool = this.options.readPool ?? null;
  }

  /** statements asked for at or after `at` (a Date.now() time) are refused; `limitMs` is the limit the error names */
  setDeadline(at: number, limitMs: number): void {
    this.deadline = { at, limitMs };
  }

  /** throws TIMEOUT once the deadline has passed */
  checkDeadline(): void {
    if (this.deadline && Date.now() >= this.deadline.at) {
      this.timedOut = true;
      throw timeoutError(this.deadline.limitMs);
    }
  }

  async all<T>(sql: string, params: unknown[] = [], options: ReadOptions = {}): Promise<T[]> {
    this.checkDeadline();
    this.statements++;
    if (this.postgres) return this.postgresAll<T>(sql, params, options.skewed ?? false);
    if (this.pool) return this.offloaded<T>(this.pool, sql, params);
    return sqliteAll<T>(this.connection.getKnex().client, sql, params);
  }

  /** the database itself, the same object for every request: what a cache across requests is kept by */
  get database(): object {
    return this.connection;
  }

  /** a read of the database's statistics, which its caller caches across requests: not counted as one of this request's statements */
  async statistics<T>(sql: string): Promise<T[]> {
    return (await this.connection.execute(sql, [], 'all')) as T[];
  }

  async one<T>(sql: string, params: unknown[] = [], options: ReadOptions = {}): Promise<T | undefined> {
    return (await this.all<T>(sql, params, options))[0];
  }

  // the statement's thread is ended at the deadline or when the client leaves, whichever comes first
  private async offloaded<T>(pool: ReadPool, sql: string, params: unknown[]): Promise<T[]> {
    const late = this.deadline ? AbortSignal.timeout(Math.max(1, this.deadline.at - Date.now())) : undefined;
    const stops = [this.options.gone, late].filter((x): x is AbortSignal => !!x);
    try {
      return await pool.all<T>(sql, params, stops.length ? AbortSignal.any(stops) : undefined);
    } catch (error) {
      // the timer may fire a moment before the clock reads the deadline
      if (this.deadline && (late?.aborted || Date.now() >= this.deadline.at)) {
        this.timedOut = true;
        throw timeoutError(this.deadline.limitMs);
      }
      if (this.options.gone?.aborted) throw clientGoneError();
      throw error;
    }
  }

  // On the pool's pg connection, prepared (postgres-prepared.ts) and planned once per connection; a
  // skewed statement with its values written in, planned for them every time. PostgreSQL can stop a running
  // statement: at the deadline it is cancelled as knex cancels one (pg_cancel_backend from another
  // connection), and the error it then ends with is answered as TIMEOUT. better-sqlite3 runs a
  // statement synchronously, so on SQLite the deadline holds between statements only, except for
  // the statements of an expensive request, which run on the read pool (offloaded).
  private async postgresAll<T>(sql: string, params: unknown[], skewed: boolean): Promise<T[]> {
    const client = this.connection.getKnex().client as { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<unknown>; cancelQuery(c: PgClient): Promise<unknown> };
    const connection = await client.acquireConnection();
    let timer: NodeJS.Timeout | undefined;
    let cancelling: Promise<unknown> | undefined;
    try {
      const rows = skewed
        ? connection.query({ text: this.connection.getPlatform().formatQuery(sql, params), values: [] }).then((r) => r.rows as T[])
        : allPreparedPostgres<T>(connection, sql, params);
      if (this.deadline) {
        const { at } = this.deadline;
        timer = setTimeout(() => (cancelling = client.cancelQuery(connection).catch(() => {})), Math.max(1, at - Date.now()));
      }
      return await rows;
    } catch (error) {
      if (!cancelling) throw error;
      this.timedOut = true;
      throw timeoutError(this.deadline!.limitMs);
    } finally {
      clearTimeout(timer);
      // a cancel still on its way could stop the next request's statement on this connection
      await cancelling;
      await client.releaseConnection(connection);
    }
  }
}

// MikroORM's execute inlines the parameters into the SQL text (Platform.formatQuery), goes through
// knex and prepares the statement anew every time: over ten times the cost of running a prepared
// one. Reads take the pool's connection as knex does and keep their statements prepared.
async function sqliteAll<T>(client: { acquireConnection(): Promise<any>; releaseConnection(c: unknown): Promise<unknown> }, sql: string, params: unknown[]): Promise<T[]> {
  const db = await client.acquireConnection();
  try {
    return allPrepared<T>(db, sql, params);
  } finally {
    await client.releaseConnection(db);
  }
}

/** a condition that `haystack` holds the text bound to the `?` it adds (SQLite's instr, PostgreSQL's strpos) */
export function containsSql(postgres: boolean, haystack: string): string {
  return `${postgres ? 'strpos' : 'instr'}(${haystack}, ?) > 0`;
}

/** `?, ?, ?` for an IN list */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** a LIKE pattern that matches `s` literally anywhere (escape character \\) */
export function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** groups rows by a key, for batch functions that must answer in key order */
export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
