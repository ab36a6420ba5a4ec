// The statements of a better-sqlite3 connection, kept prepared: preparing one anew for every read
// costs more than running it. Shared by the server's connection (sql.ts) and each thread of the
// read pool (read.worker.ts), which has a connection of its own.

interface Prepared {
  all(params: unknown[]): unknown[];
}
interface Connection {
  prepare(sql: string): Prepared;
}

const STATEMENT_CACHE = 1000;
const prepared = new WeakMap<object, Map<string, Prepared>>();

/** the rows of `sql` on `db`, its statement prepared once per connection (booleans bound as 0/1, as SQLite stores them) */
export function allPrepared<T>(db: Connection, sql: string, params: unknown[]): T[] {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    if (cache.size >= STATEMENT_CACHE) cache.clear();
    cache.set(sql, (st = db.prepare(sql)));
  }
  return st.all(params.map((p) => (typeof p === 'boolean' ? Number(p) : p))) as T[];
}
