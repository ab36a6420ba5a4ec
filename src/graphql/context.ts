import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Sql } from './sql.js';
import type { ReadPool } from './read-pool.js';
import { envFlag } from '../env.js';
import type { Auth } from '../modules/auth/auth.service.js';
import { jurisdictionLoaders } from '../modules/jurisdiction/jurisdiction.loaders.js';
import { unitLoaders } from '../modules/unit/unit.loaders.js';
import { documentLoaders } from '../modules/document/document.loaders.js';
import { taskLoaders } from '../modules/task/task.loaders.js';
import { assignmentLoaders } from '../modules/assignment/assignment.loaders.js';
import { linkLoaders } from '../modules/link/link.loaders.js';
import { progressLoaders } from '../modules/progress/progress.loaders.js';
import { indicatorLoaders } from '../modules/indicator/indicator.loaders.js';
import { auditLoaders } from '../modules/audit-trail/audit.loaders.js';

const FACTORIES = [jurisdictionLoaders, unitLoaders, documentLoaders, taskLoaders, assignmentLoaders, linkLoaders, progressLoaders, indicatorLoaders, auditLoaders] as const;
type Factory = (typeof FACTORIES)[number];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type Loaders = UnionToIntersection<ReturnType<Factory>>;

/** DUTYGRAPH_NAIVE_LOADERS=1: loaders that do not batch — the benchmark's naive-resolver variant */
const naiveLoaders = () => envFlag('DUTYGRAPH_NAIVE_LOADERS');

interface AnyLoader {
  load(...args: unknown[]): Promise<unknown>;
}

/**
 * A request's loaders, each made when a field first asks for it: most requests use a few of the
 * thirty, and making them all was a measurable part of a small query. With `batch: false` every
 * load runs alone on a loader of its own, so each parent issues its own statements (N+1);
 * repeated loads of one key are still answered once, as DataLoader's `{ batch: false }` does.
 */
class RequestLoaders {
  private readonly made = new Map<unknown, unknown>();
  constructor(
    private readonly sql: Sql,
    private readonly batch: boolean,
  ) {}

  get(name: string, factory: Factory): unknown {
    if (this.batch) {
      let set = this.made.get(factory) as Record<string, unknown> | undefined;
      if (!set) this.made.set(factory, (set = factory(this.sql)));
      return set[name];
    }
    let wrapper = this.made.get(name);
    if (!wrapper) this.made.set(name, (wrapper = this.unbatched(name, factory)));
    return wrapper;
  }

  private unbatched(name: string, factory: Factory) {
    const seen = new Map<string, Promise<unknown>>();
    const load = (...args: unknown[]) => {
      const key = JSON.stringify(args);
      let p = seen.get(key);
      if (!p) seen.set(key, (p = (factory(this.sql) as unknown as Record<string, AnyLoader>)[name].load(...args)));
      return p;
    };
    // one key at a time; failures stay in place, as DataLoader's loadMany returns them
    return { load, loadMany: (keys: unknown[]) => Promise.all(keys.map((k) => load(k).catch((e: unknown) => e))) };
  }
}

let loaderNames: Map<string, Factory> | undefined;

/**
 * Every value of a list of keys, or the first error among them (a statement refused at the
 * deadline, a client gone): DataLoader's loadMany puts errors in the list, where a cast would
 * turn them into missing rows and a misleading "null for a non-null field".
 */
export async function loadEvery<K, V>(loader: { loadMany(keys: readonly K[]): Promise<(V | Error)[]> }, keys: readonly K[]): Promise<NonNullable<V>[]> {
  const values = await loader.loadMany(keys);
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  // the keys were read from the database in this request: a missing row is one deleted meanwhile
  if (values.some((v) => v == null)) throw new Error('a row listed by this request was deleted while it ran');
  return values as NonNullable<V>[];
}

export function createLoaders(sql: Sql, options: { batch?: boolean } = {}): Loaders {
  if (!loaderNames) {
    // which factory makes which loader, found once (making loaders runs no statement)
    loaderNames = new Map(FACTORIES.flatMap((factory) => Object.keys(factory(sql)).map((name) => [name, factory] as const)));
    for (const [name, factory] of loaderNames) {
      Object.defineProperty(RequestLoaders.prototype, name, {
        get(this: RequestLoaders) {
          return this.get(name, factory);
        },
      });
    }
  }
  return new RequestLoaders(sql, options.batch ?? true) as unknown as Loaders;
}

/**
 * One per request, for the server, the tests and the CLI alike: counted read access and
 * its loaders are born together; the ORM context (em.fork()) is made only when a write needs it.
 */
export interface Context {
  orm: MikroORM;
  /** the caller's token, or null: reads are open, writes need a role */
  auth: Auth | null;
  sql: Sql;
  loaders: Loaders;
  /** the peer's address over HTTP, null in process */
  client: string | null;
  /** statements bring what the query asks of their rows next (planner.ts); off with loaders that do not batch, the benchmark's naive variant */
  planReads: boolean;
  readonly em: EntityManager;
}

// a class, so that `em` is a getter of the prototype: Apollo copies the context's own properties
// into each request's copy (Object.assign), which would call an own getter and fork for every read
class RequestContext implements Context {
  private forked: EntityManager | undefined;
  constructor(
    readonly orm: MikroORM,
    readonly auth: Auth | null,
    readonly sql: Sql,
    readonly loaders: Loaders,
    readonly client: string | null,
    readonly planReads: boolean,
  ) {}

  get em(): EntityManager {
    return (this.forked ??= this.orm.em.fork());
  }
}

export interface ContextOptions {
  batch?: boolean;
  /** statements bring what the query asks next (planner.ts); by default when loaders batch */
  planReads?: boolean;
  /** the SQLite read pool expensive requests run on (the HTTP server's) */
  readPool?: ReadPool | null;
  /** fires when the client has gone: what it asked for stops */
  gone?: AbortSignal;
  /** who is asking, for the cap on concurrent expensive requests (the peer's address) */
  client?: string | null;
}

export function createContext(orm: MikroORM, auth: Auth | null = null, options: ContextOptions = {}): Context {
  const sql = new Sql(orm, { readPool: options.readPool, gone: options.gone });
  const batch = options.batch ?? !naiveLoaders();
  return new RequestContext(orm, auth, sql, createLoaders(sql, { batch }), options.client ?? null, options.planReads ?? batch);
}
