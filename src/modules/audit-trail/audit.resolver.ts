import { Arg, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root, Ctx } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { IsISO8601 } from 'class-validator';
import { AuditRecord } from './audit-record.entity.js';
import { ConnectionType, toGlobalId } from '../../graphql/relay.js';
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

  @Field(() => String, { nullable: true, description: 'Only changes at or after this ISO 8601 time (2026-12-01 or 2026-12-01T08:00:00Z).' })
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date or time' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'Only changes before this ISO 8601 time.' })
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date or time' })
  until?: string | null;
}

// records keep their time as toISOString() writes it, so bounds are compared in that form
const instant = (iso: string) => new Date(iso).toISOString();


@Resolver(() => AuditRecord)
export class AuditLogResolver {
  @Query(() => AuditRecordConnection, { description: 'The audit trail 变更记录, oldest first: every change from any path, with who, when, and before and after. The records of API tokens (who holds which role) are listed for an admin token only.' })
  auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which records to list.' }) filter: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 50 by default, at most 100.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to start after.' }) after: string | null,
    @Ctx() { sql, auth }: Context,
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    // who holds which token is for administrators: the records of tokens are left out for others
    if (auth?.role !== 'admin') where.push(`r.entity <> 'ApiToken'`);
    if (filter?.entity) where.push('r.entity = ?') && params.push(filter.entity);
    if (filter?.actor) where.push('r.actor = ?') && params.push(filter.actor);
    if (filter?.operation) where.push('r.operation = ?') && params.push(filter.operation);
    if (filter?.since) where.push('r.at >= ?') && params.push(instant(filter.since));
    if (filter?.until) where.push('r.at < ?') && params.push(instant(filter.until));
    return pagedList(sql, { columns: AUDIT_COLUMNS, from: 'audit_record r', where, params, order: 'r.row_id', orderKey: 'rowId' }, { first, after });
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
