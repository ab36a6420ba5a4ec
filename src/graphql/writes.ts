import { type EntityManager, type EntityName, type FilterQuery, LockMode } from '@mikro-orm/core';
import type { Context } from './context.js';
import { takingTurns } from '../orm.js';
import { apiError } from './errors.js';
import { type NodeType, rowIdOf } from './relay.js';
import { type Change, recordChange } from '../modules/audit-trail/audit.service.js';
import { requireRole } from '../modules/auth/auth.service.js';
import type { TokenRole } from '../modules/auth/api-token.entity.js';

export type Audit = (change: Omit<Change, 'actor'>) => Promise<void>;

/**
 * Every mutation's shape: the role is checked before anything is looked up (so a refusal
 * tells nothing about the target), then one transaction holds the change and its audit
 * records; any error inside rolls all of it back.
 */
export async function writeTransaction<R>(ctx: Context, role: TokenRole, work: (em: EntityManager, audit: Audit) => Promise<R>): Promise<R> {
  const { actor } = requireRole(ctx.auth, role);
  return takingTurns(() => ctx.orm.em.fork().transactional((em) => work(em, (change) => recordChange(em, { ...change, actor }))));
}

/**
 * The row a global ID names, or NOT_FOUND. It is read FOR UPDATE: two instances writing the same
 * version at once take turns, and the second sees the first's version (on SQLite the write
 * transaction is already the only one).
 */
export async function existing<T extends object>(em: EntityManager, entity: EntityName<T>, type: NodeType, globalId: string, field: string): Promise<T> {
  const rowId = rowIdOf(globalId, type, field);
  const found = await em.findOne(entity, { rowId } as FilterQuery<T>, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!found) throw apiError('NOT_FOUND', `${field}: no ${type} ${globalId}`, { argumentName: field });
  return found;
}

/** the row as the caller last read it: NOT_FOUND when gone, CONFLICT when changed since (nothing is written) */
export async function atVersion<T extends { version: number }>(
  em: EntityManager,
  entity: EntityName<T>,
  type: NodeType,
  globalId: string,
  field: string,
  version: number,
): Promise<T> {
  const found = await existing(em, entity, type, globalId, field);
  if (found.version !== version) {
    throw apiError('CONFLICT', `${field}: the ${type} is at version ${found.version}, not ${version}: read it again`, { currentVersion: found.version, argumentName: field });
  }
  return found;
}

/**
 * A change to one versioned row inside a write: read at the caller's version, changed by `apply`,
 * its version raised, and recorded with what it was before and after (`type` names the entity).
 */
export async function changeAtVersion<T extends { rowId: number; version: number }>(
  em: EntityManager,
  audit: Audit,
  target: { entity: EntityName<T>; type: NodeType; id: string; field: string; version: number; operation: string },
  snapshot: (row: T) => unknown,
  apply: (row: T) => Promise<void> | void,
): Promise<T> {
  const row = await atVersion(em, target.entity, target.type, target.id, target.field, target.version);
  const before = await snapshot(row);
  await apply(row);
  row.version++;
  await em.flush();
  await audit({ operation: target.operation, entity: target.type, entityKey: String(row.rowId), before, after: await snapshot(row) });
  return row;
}
