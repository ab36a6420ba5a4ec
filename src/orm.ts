import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type DatabaseTarget, ormConfig } from '../mikro-orm.config.js';
import { protectAuditTable } from './modules/audit-trail/audit.service.js';

export type { DatabaseTarget };

/** the only MikroORM.init: opens the database and brings its schema up to date */
export async function createOrm(target: DatabaseTarget = {}): Promise<MikroORM> {
  const config = ormConfig(target);
  const dbName = (config as { dbName?: string }).dbName;
  if (dbName && dbName !== ':memory:') mkdirSync(dirname(dbName), { recursive: true });
  const orm = await MikroORM.init(config);
  await oneAtATime(orm, async () => {
    await ensureSchema(orm);
    await protectAuditTable(orm);
  });
  return orm;
}

/**
 * PostgreSQL may be shared by several instances starting at once: they take turns (a transaction
 * holding an advisory lock), so one creates or updates the schema and the next finds it stamped.
 * A SQLite file has one process at a time writing anyway.
 */
async function oneAtATime(orm: MikroORM, work: () => Promise<void>): Promise<void> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  if (knex.client.dialect !== 'postgresql') return work();
  await knex.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext('dutygraph schema'))`);
    await work();
  });
}

/**
 * A new database gets the schema; one made by an older version is updated once, statement by
 * statement (keeping its rows), and stamped with the schema's hash — MikroORM's SQLite diff
 * reports enum checks as changed on every run, so an unchanged stamp means nothing to do.
 */
async function ensureSchema(orm: MikroORM): Promise<void> {
  const em = orm.em.fork() as SqlEntityManager;
  const knex = em.getKnex();
  const hash = createHash('sha256').update(await orm.schema.getCreateSchemaSQL({ wrap: false })).digest('hex');
  if (!(await knex.schema.hasTable('document'))) {
    await orm.schema.createSchema();
  } else {
    const stamp = (await knex.schema.hasTable('dataset_state')) ? await knex('dataset_state').where({ key: 'schemaHash' }).first() : undefined;
    if (stamp?.value === hash) return;
    const diff = await orm.schema.getUpdateSchemaSQL({ safe: true, wrap: false });
    for (const statement of diff.split(/;(?=\s*(?:pragma|create|alter|drop|insert|update|delete|set)\b|\s*$)/i)) {
      const s = statement.trim();
      if (s) await knex.raw(s);
    }
  }
  await knex('dataset_state').insert({ key: 'schemaHash', value: hash }).onConflict('key').merge();
}
