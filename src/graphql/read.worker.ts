// A thread of the read pool (read-pool.ts): its own read-only connection to the SQLite file, its
// statements kept prepared. A statement that runs past its request's deadline ends with the thread.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { allPrepared } from './sqlite-prepared.js';

export interface ReadTask {
  sql: string;
  params: unknown[];
}

const db = new Database((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

export default function read({ sql, params }: ReadTask): unknown[] {
  return allPrepared(db, sql, params);
}
