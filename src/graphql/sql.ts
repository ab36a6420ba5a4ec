import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * Read access for resolvers and loaders: plain rows, no managed entities (creating
 * entities is half the cost of a read), and a count of the statements each request ran.
 */
export class Sql {
  statements = 0;
  private readonly connection;

  constructor(orm: MikroORM) {
    this.connection = (orm.em as SqlEntityManager).getConnection();
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.statements++;
    return (await this.connection.execute(sql, params as never[], 'all')) as T[];
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
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
