// A thread of the read pool (read-pool.ts): its own read-only connection to the SQLite file, its
// statements kept prepared. A statement that runs past its request's deadline ends with the thread.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface ReadTask {
  sql: string;
  params: unknown[];
}

const db = new Database((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const STATEMENT_CACHE = 1000;
const prepared = new Map<string, Database.Statement>();

export default function read({ sql, params }: ReadTask): unknown[] {
  let st = prepared.get(sql);
  if (!st) {
    if (prepared.size >= STATEMENT_CACHE) prepared.clear();
    prepared.set(sql, (st = db.prepare(sql)));
  }
  return st.all(params.map((p) => (typeof p === 'boolean' ? Number(p) : p)));
}
