import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AuditRecord } from './audit-record.entity.js';

export const GENESIS = '0'.repeat(64);

export interface Change {
  actor: string;
  operation: string;
  entity: string;
  entityKey: string;
  before: unknown;
  after: unknown;
}

type Hashed = Pick<AuditRecord, 'at' | 'actor' | 'operation' | 'entity' | 'entityKey' | 'before' | 'after' | 'prevHash'>;

export function hashOf(r: Hashed): string {
  return createHash('sha256')
    .update(JSON.stringify([r.prevHash, r.at, r.actor, r.operation, r.entity, r.entityKey, r.before ?? null, r.after ?? null]))
    .digest('hex');
}

/** appends a record to the chain, inside the caller's transaction */
export async function recordChange(em: EntityManager, change: Change): Promise<void> {
  // PostgreSQL runs transactions side by side (pool connections, other API instances): two that read
  // the same last hash would fork the chain. One appender at a time, until its commit; reads go on.
  // SQLite has one writer at a time already.
  if ((em as SqlEntityManager).getKnex().client.dialect === 'postgresql') await (em as SqlEntityManager).execute('lock table audit_record in exclusive mode');
  const last = (await (em as SqlEntityManager).execute(`select hash as "hash" from audit_record order by row_id desc limit 1`)) as { hash: string }[];
  const fields: Hashed = {
    at: new Date().toISOString(),
    actor: change.actor,
    operation: change.operation,
    entity: change.entity,
    entityKey: change.entityKey,
    before: change.before == null ? null : JSON.stringify(change.before),
    after: change.after == null ? null : JSON.stringify(change.after),
    prevHash: last[0]?.hash ?? GENESIS,
  };
  await em.insert(AuditRecord, { ...fields, hash: hashOf(fields) });
}

/** walks the chain: the first record whose link or hash does not hold, or null when it is intact */
export async function verifyChain(orm: MikroORM): Promise<{ records: number; broken: { rowId: number; reason: string } | null }> {
  const rows = (await (orm.em.fork() as SqlEntityManager).execute(
    `select row_id as "rowId", at as "at", actor as "actor", operation as "operation", entity as "entity", entity_key as "entityKey",
       before as "before", after as "after", prev_hash as "prevHash", hash as "hash" from audit_record order by row_id`,
  )) as (Hashed & { rowId: number; hash: string })[];
  let prev = GENESIS;
  for (const r of rows) {
    if (r.prevHash !== prev) return { records: rows.length, broken: { rowId: r.rowId, reason: 'does not follow the record before it (a record was removed or inserted)' } };
    if (hashOf(r) !== r.hash) return { records: rows.length, broken: { rowId: r.rowId, reason: 'its content does not match its hash (it was altered)' } };
    prev = r.hash;
  }
  return { records: rows.length, broken: null };
}

/** the database itself refuses to change or remove an audit record */
export async function protectAuditTable(orm: MikroORM): Promise<void> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  if (orm.config.get('clientUrl')?.startsWith('postgres')) {
    await knex.raw(`create or replace function audit_record_is_append_only() returns trigger as $$
      begin raise exception 'audit records cannot be changed or deleted'; end; $$ language plpgsql`);
    // created once and never dropped: an instance starting next to a serving one opens no gap
    for (const op of ['update', 'delete']) {
      const { rows } = await knex.raw(`select 1 from pg_trigger where tgname = ? and tgrelid = 'audit_record'::regclass`, [`audit_record_no_${op}`]);
      if (!rows.length) await knex.raw(`create trigger audit_record_no_${op} before ${op} on audit_record for each row execute function audit_record_is_append_only()`);
    }
  } else {
    for (const op of ['update', 'delete']) {
      await knex.raw(`create trigger if not exists audit_record_no_${op} before ${op} on audit_record begin select raise(abort, 'audit records cannot be changed or deleted'); end`);
    }
  }
}
