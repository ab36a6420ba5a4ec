import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Sql } from './sql.js';
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

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type Loaders = UnionToIntersection<ReturnType<(typeof FACTORIES)[number]>>;

function batchedLoaders(sql: Sql): Loaders {
  return Object.assign({}, ...FACTORIES.map((factory) => factory(sql))) as Loaders;
}

/** DUTYGRAPH_NAIVE_LOADERS=1: loaders that do not batch — the benchmark's naive-resolver variant */
export function naiveLoadersEnabled(): boolean {
  return ['1', 'true', 'yes'].includes(String(process.env.DUTYGRAPH_NAIVE_LOADERS ?? '').toLowerCase());
}

interface AnyLoader {
  load(...args: unknown[]): Promise<unknown>;
}

/**
 * The same loaders, each load run alone on a loader of its own, so every parent issues its own
 * statements (N+1); repeated loads of one key in a request are still answered once, as
 * DataLoader's `{ batch: false }` does.
 */
function unbatchedLoaders(sql: Sql): Loaders {
  const out: Record<string, unknown> = {};
  for (const factory of FACTORIES) {
    for (const name of Object.keys(factory(sql))) {
      const seen = new Map<string, Promise<unknown>>();
      const load = (...args: unknown[]) => {
        const key = JSON.stringify(args);
        let p = seen.get(key);
        if (!p) seen.set(key, (p = ((factory(sql) as unknown as Record<string, AnyLoader>)[name]).load(...args)));
        return p;
      };
      // one key at a time; failures stay in place, as DataLoader's loadMany returns them
      out[name] = { load, loadMany: (keys: unknown[]) => Promise.all(keys.map((k) => load(k).catch((e: unknown) => e))) };
    }
  }
  return out as unknown as Loaders;
}

export function createLoaders(sql: Sql, options: { batch?: boolean } = {}): Loaders {
  return (options.batch ?? true) ? batchedLoaders(sql) : unbatchedLoaders(sql);
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
  readonly em: EntityManager;
}

export function createContext(orm: MikroORM, auth: Auth | null = null, options: { batch?: boolean } = {}): Context {
  const sql = new Sql(orm);
  let em: EntityManager | undefined;
  return {
    orm,
    auth,
    sql,
    loaders: createLoaders(sql, { batch: options.batch ?? !naiveLoadersEnabled() }),
    get em() {
      return (em ??= orm.em.fork());
    },
  };
}
