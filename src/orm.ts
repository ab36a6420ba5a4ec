import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type DatabaseTarget, ormConfig } from '../mikro-orm.config.js';

export type { DatabaseTarget };

/** the only MikroORM.init: opens the database and brings its schema up to date */
export async function createOrm(target: DatabaseTarget = {}): Promise<MikroORM> {
  const config = ormConfig(target);
  const dbName = (config as { dbName?: string }).dbName;
  if (dbName && dbName !== ':memory:') mkdirSync(dirname(dbName), { recursive: true });
  const orm = await MikroORM.init(config);
  // created once; MikroORM's SQLite diff reports enum checks as changed on every run, so no blind updates
  const knex = (orm.em as SqlEntityManager).getKnex();
  if (!(await knex.schema.hasTable('document'))) await orm.schema.createSchema();
  return orm;
}
