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

export function createLoaders(sql: Sql) {
  return {
    ...jurisdictionLoaders(sql),
    ...unitLoaders(sql),
    ...documentLoaders(sql),
    ...taskLoaders(sql),
    ...assignmentLoaders(sql),
    ...linkLoaders(sql),
    ...progressLoaders(sql),
    ...indicatorLoaders(sql),
    ...auditLoaders(sql),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

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

export function createContext(orm: MikroORM, auth: Auth | null = null): Context {
  const sql = new Sql(orm);
  let em: EntityManager | undefined;
  return {
    orm,
    auth,
    sql,
    loaders: createLoaders(sql),
    get em() {
      return (em ??= orm.em.fork());
    },
  };
}
