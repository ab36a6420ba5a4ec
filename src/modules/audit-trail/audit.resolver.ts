import { Arg, Args, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root, Ctx } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { AuditRecord } from './audit-record.entity.js';
import { ConnectionType, PageArgs, toGlobalId } from '../../graphql/relay.js';
import { pagedList } from '../../graphql/paging.js';
import type { Context } from '../../graphql/context.js';
import { AUDIT_COLUMNS } from './audit.loaders.js';

export const AuditRecordConnection = ConnectionType(AuditRecord, 'AuditRecord', 'audit record');

@InputType({ description: 'Which audit records to list.' })
class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Only changes to objects of this kind (Document, Task, Unit …).' })
  entity?: string | null;

  @Field(() => String, { nullable: true, description: 'Only changes by this actor (a token’s name, or cli).' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this operation (SEED, INGEST …).' })
  operation?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only changes at or after this time (2026-12-01T08:00:00Z, or with an offset: 2026-12-01T16:00:00+08:00).' })
  since?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only changes before this time.' })
  until?: Date | null;
}


@Resolver(() => AuditRecord)
export class AuditLogResolver {
  @Query(() => AuditRecordConnection, { description: 'The audit trail 变更记录, oldest first: every change from any path, with who, when, and before and after. The records of API tokens (who holds which role) are listed for an admin token only.' })
  auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which records to list.' }) filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { sql, auth }: Context,
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    // who holds which token is for administrators: the records of tokens are left out for others
    if (auth?.role !== 'admin') where.push(`r.entity <> 'ApiToken'`);
    if (filter?.entity) where.push('r.entity = ?') && params.push(filter.entity);
    if (filter?.actor) where.push('r.actor = ?') && params.push(filter.actor);
    if (filter?.operation) where.push('r.operation = ?') && params.push(filter.operation);
    if (filter?.since) where.push('r.at >= ?') && params.push(filter.since.toISOString());
    if (filter?.until) where.push('r.at < ?') && params.push(filter.until.toISOString());
    return pagedList(sql, { list: 'auditLog', columns: AUDIT_COLUMNS, from: 'audit_record r', where, params, order: 'r.row_id', orderKey: 'rowId' }, page);
  }

  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() r: { rowId: number }) {
    return toGlobalId('AuditRecord', r.rowId);
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'Its state before (null when it was created), as a JSON value.' })
  before(@Root() r: { before: string | null }) {
    return r.before == null ? null : JSON.parse(r.before);
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'Its state after (null when it was deleted), as a JSON value.' })
  after(@Root() r: { after: string | null }) {
    return r.after == null ? null : JSON.parse(r.after);
  }
}
