import { type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AuditRecord } from './audit-record.entity.js';
import type { Context } from '../../graphql/context.js';

/** `history` on a mutable type: the audit records of the object, oldest first */
function historyOf(type: ClassType, entity: string) {
  @Resolver(() => type)
  class HistoryResolver {
    @FieldResolver(() => [AuditRecord], { description: `Every recorded change to this ${entity} 变更历史, oldest first: who, when, what it was before and after.` })
    history(@Root() row: { rowId: number }, @Ctx() { loaders }: Context) {
      return loaders.historyOf.load({ entity, key: String(row.rowId) });
    }
  }
  return HistoryResolver;
}

/** the mutable types, as the audit trail names them */
export const historyResolvers = (types: Record<string, ClassType>) => Object.entries(types).map(([entity, type]) => historyOf(type, entity));
