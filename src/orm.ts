import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type DatabaseTarget, ormConfig } from '../mikro-orm.config.js';
import { protectAuditTable } from './modules/audit-trail/audit.service.js';
import { ensureSearchEngine, SEARCH_INDEX_VERSION } from './modules/search/search.engine.js';
import { rebuildSearchIndex } from './modules/search/search.indexer.js';
import { storedAnalysisStatements } from './modules/analysis/stored-analysis.js';

export type { DatabaseTarget };

/** a write that found a SQLite file busy for longer than it would wait: said without SQL or data */
export class DatabaseBusyError extends Error {}

const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: string })?.code ?? '')) || /database is locked/.test(String((error as Error)?.message ?? ''));

/**
 * Runs a write (a whole transaction), again while a SQLite file is busy with another process's
 * write — the server's mutations and a CLI ingest take turns — waiting without blocking, with
 * growing pauses, up to DUTYGRAPH_WRITE_WAIT_MS (30 s). PostgreSQL waits on its own locks.
 */
export async function takingTurns<T>(work: () => Promise<T>): Promise<T> {
  const patience = Number(process.env.DUTYGRAPH_WRITE_WAIT_MS ?? 30_000);
  const started = Date.now();
  for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= patience) throw new DatabaseBusyError(`the database is busy: another process has been writing to it for ${Math.round(waited / 1000)} s; nothing was written, try again`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, patience - waited)));
    }
  }
}

/** what a database error may say to a user: its code and the driver's words, never the SQL or its values */
export function databaseErrorMessage(error: unknown): string | null {
  const e = error as { code?: unknown; message?: string };
  if (typeof e?.code !== 'string' || !/^(SQLITE_|[0-9A-Z]{5}$|ECONN)/.test(e.code)) return null;
  // knex writes "<sql> - <driver message>"
  const driver = String(e.message ?? '').split(' - ').pop()!.split('\n')[0].slice(0, 200);
  return `database error ${e.code}: ${driver}`;
}

/** the only MikroORM.init: opens the database and brings its schema up to date */
export async function createOrm(target: DatabaseTarget = {}): Promise<MikroORM> {
  const config = ormConfig(target);
  const dbName = (config as { dbName?: string }).dbName;
  if (dbName && dbName !== ':memory:') mkdirSync(dirname(dbName), { recursive: true });
  const orm = await MikroORM.init(config);
  await oneAtATime(orm, async () => {
    await ensureSchema(orm);
    await ensureSearchIndex(orm);
    await ensureStoredAnalysis(orm);
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

/**
 * The full-text engine's table or column, and the index itself: a database whose index was made
 * by another version (the stamp differs) is reindexed once, document by document, with progress.
 */
async function ensureSearchIndex(orm: MikroORM): Promise<void> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  const version = SEARCH_INDEX_VERSION[knex.client.dialect === 'postgresql' ? 'postgresql' : 'sqlite'];
  const stamp = await knex('dataset_state').where({ key: 'searchIndex' }).first();
  await ensureSearchEngine(knex, { anew: stamp?.value !== version });
  if (stamp?.value === version) return;
  if ((await knex('document').first()) || (await knex('unit').first())) {
    let shown = 0;
    await orm.em.fork().transactional((em) =>
      rebuildSearchIndex(em, (done, of) => {
        if (done === of || Date.now() - shown > 2000) {
          process.stderr.write(`dutygraph: rebuilding the search index for its new engine: ${done} of ${of} documents\n`);
          shown = Date.now();
        }
      }),
    );
  }
  await knex('dataset_state').insert({ key: 'searchIndex', value: version }).onConflict('key').merge();
}

const STORED_ANALYSIS_VERSION = '2';

/** what is stored per task (task_gap, task_overlap): derived once for a database made before it was stored, or stored otherwise */
async function ensureStoredAnalysis(orm: MikroORM): Promise<void> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  if ((await knex('dataset_state').where({ key: 'storedAnalysis' }).first())?.value === STORED_ANALYSIS_VERSION) return;
  if (await knex('task').first()) {
    process.stderr.write('dutygraph: deriving the responsibility gaps and overlaps of every task once …\n');
    await knex.transaction(async (trx) => {
      for (const s of storedAnalysisStatements(null)) await trx.raw(s.sql, s.params);
    });
  }
  await knex('dataset_state').insert({ key: 'storedAnalysis', value: STORED_ANALYSIS_VERSION }).onConflict('key').merge();
}
