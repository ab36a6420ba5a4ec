// On SQLite every statement runs on the thread that asks for it, and better-sqlite3 cannot stop
// one midway: a search that scans for seconds would hold the event loop, and every other client,
// for as long. The expensive requests (EXPENSIVE_FIELDS) read through this pool instead — worker
// threads (piscina) with read-only connections of their own, which WAL lets read beside the
// writer — so the server goes on answering; a statement still running at its request's deadline,
// or after its client has gone, is ended by ending its thread.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import { Piscina } from 'piscina';
import type { ReadTask } from './read.worker.js';
import { envCount } from '../env.js';

// the worker runs the built file, also when these sources run uncompiled (under vitest)
const HERE = fileURLToPath(import.meta.url);
const WORKER = HERE.endsWith('.ts') ? HERE.replace(/\/src\/graphql\/read-pool\.ts$/, '/dist/src/graphql/read.worker.js') : HERE.replace(/read-pool\.js$/, 'read.worker.js');

/**
 * The root fields whose statements may scan for long: read through the pool, priced high, capped
 * per client. Chains and matrices are not among them: bounded by maxNodes and by one document,
 * they run many short statements, for which a thread's round trip costs more than it saves (at M
 * a chain took 5.3 ms of CPU through the pool, 2.6 ms on the main thread).
 */
export const EXPENSIVE_FIELDS = new Set(['search', 'workload', 'gaps', 'overlaps', 'accountability']);

/** DUTYGRAPH_READ_WORKERS: threads of the pool (default: the cores, at most 4; 0 reads on the main thread) */
export function readWorkers(): number {
  return envCount('DUTYGRAPH_READ_WORKERS', Math.min(4, availableParallelism()), 64);
}

export class ReadPool {
  private readonly pool: Piscina<ReadTask, unknown[]>;

  constructor(dbPath: string, threads: number) {
    this.pool = new Piscina({ filename: WORKER, workerData: { dbPath }, minThreads: threads, maxThreads: threads, idleTimeout: Number.POSITIVE_INFINITY });
  }

  /** the rows of one statement; rejects with an AbortError when `signal` fires first (the thread running it is ended) */
  all<T>(sql: string, params: unknown[], signal?: AbortSignal): Promise<T[]> {
    return this.pool.run({ sql, params }, { signal }) as Promise<T[]>;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

const pools = new WeakMap<MikroORM, { pool: ReadPool; users: number }>();

/** the pool of a SQLite database served over HTTP, shared by the servers of one ORM (null on PostgreSQL, for an in-memory database, or with DUTYGRAPH_READ_WORKERS=0); give it back with releaseReadPool */
export function acquireReadPool(orm: MikroORM): ReadPool | null {
  const existing = pools.get(orm);
  if (existing) {
    existing.users++;
    return existing.pool;
  }
  const dbName = orm.config.get('dbName');
  if (orm.config.get('clientUrl') || !dbName || dbName === ':memory:') return null;
  const threads = readWorkers();
  if (!threads) return null;
  const pool = new ReadPool(dbName, threads);
  pools.set(orm, { pool, users: 1 });
  return pool;
}

/** one server of the ORM has closed; the last one ends the pool's threads */
export async function releaseReadPool(orm: MikroORM): Promise<void> {
  const entry = pools.get(orm);
  if (!entry || --entry.users > 0) return;
  pools.delete(orm);
  await entry.pool.close();
}
