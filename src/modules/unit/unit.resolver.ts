import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Unit, UnitNameChange } from './unit.entity.js';
import type { UnitRow } from './unit.loaders.js';
import { UNIT_COLUMNS } from './unit.loaders.js';
import { requireUnitNamed } from './unit.service.js';
import { UnitConnection } from './unit.types.js';
import { Level, UnitKind } from '../common/enums.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { toGlobalId, PageArgs } from '../../graphql/relay.js';
import { pagedList } from '../../graphql/paging.js';
import { containsPattern } from '../../graphql/sql.js';
import type { Context } from '../../graphql/context.js';
import { normalizeName } from '../../ingest/resolve-units.js';
import { planFor } from '../read-plan.js';

@InputType({ description: 'Which units to list.' })
class UnitFilter {
  @Field(() => Level, { nullable: true, description: 'Only units of this level.' })
  level?: Level | null;

  @Field(() => UnitKind, { nullable: true, description: 'Only units of this kind.' })
  kind?: UnitKind | null;

  @Field(() => String, { nullable: true, description: 'Only units of this functional sector 条线 (exact, e.g. 应急管理).' })
  sector?: string | null;

  @Field(() => String, { nullable: true, description: 'Only units of this division (GB/T 2260 code, e.g. 140500).' })
  jurisdiction?: string | null;

  @Field(() => String, { nullable: true, description: 'Only units whose name or any alias contains this text (e.g. 应急).' })
  nameContains?: string | null;
}

@ArgsType()
class UnitsArgs extends PageArgs {

  @Field(() => UnitFilter, { nullable: true, description: 'Conditions every unit listed meets.' })
  filter?: UnitFilter | null;
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, {
    nullable: true,
    description:
      'A unit by its canonical name or any alias (山西省应急管理厅, 省应急厅 and 省应急管理厅 are one unit). A NOT_FOUND error (the field null) with the nearest names as `suggestions` when no unit has that name; an AMBIGUOUS error listing the candidates when several do (give `jurisdiction`).',
  })
  async unit(
    @Arg('name', () => String, { description: 'Full name, short name or any alias as written.' }) name: string,
    @Arg('jurisdiction', () => String, { nullable: true, description: 'GB/T 2260 code to choose among units of the same alias.' }) jurisdiction: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return requireUnitNamed(ctx.sql, name, 'name', jurisdiction, planFor(ctx, info, 'Unit', 'u'));
  }

  @Query(() => UnitConnection, { description: 'Units, in the order they became known, filtered.' })
  units(@Args(() => UnitsArgs) { filter, ...page }: UnitsArgs, @Ctx() { sql }: Context) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.level) where.push('u.level = ?') && params.push(filter.level);
    if (filter?.kind) where.push('u.kind = ?') && params.push(filter.kind);
    if (filter?.sector) where.push('u.sector = ?') && params.push(filter.sector);
    if (filter?.jurisdiction) where.push('u.jurisdiction_code = ?') && params.push(filter.jurisdiction.trim());
    if (filter?.nameContains) {
      const p = containsPattern(normalizeName(filter.nameContains));
      where.push(`(u.name like ? escape '\\' or exists (select 1 from unit_alias ua where ua.unit_id = u.row_id and ua.alias like ? escape '\\'))`);
      params.push(p, p);
    }
    return pagedList(sql, { list: 'units', columns: UNIT_COLUMNS, from: 'unit u', where, params, order: 'u.row_id', orderKey: 'rowId' }, page);
  }

  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() u: UnitRow) {
    return toGlobalId('Unit', u.rowId);
  }

  @FieldResolver(() => [String], { description: 'Every other form of the name seen or known 其他称谓 (省应急厅, 省应急管理厅 …); `unit(name:)` resolves each.' })
  aliases(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return loaders.aliasesByUnitId.load(u.rowId);
  }

  @FieldResolver(() => [UnitNameChange], { description: 'Its changes of name 更名记录 (renameUnit), by effective date; the names before stay aliases.' })
  nameChanges(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return loaders.nameChangesByUnitId.load(u.rowId);
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The division it belongs to 所属行政区划 (null for national bodies).' })
  jurisdiction(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return u.jurisdictionCode ? loaders.jurisdictionByCode.load(u.jurisdictionCode) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit it is part of, where that is stated or implied by its name (省公安厅 for 省公安厅交管局; 安委会 for 安委办).' })
  parent(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return u.parentId ? loaders.unitById.load(u.parentId) : null;
  }

  @FieldResolver(() => [Unit], { description: 'For a collective 集合单位: the units it stands for, where the corpus or the divisions data tells (e.g. the county governments of 晋城市); empty otherwise.' })
  members(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return loaders.membersByCollectiveId.load(u.rowId);
  }

  @FieldResolver(() => [Unit], {
    description: 'Units of the same functional sector 条线 and kind at the other levels of the same line of divisions (山西省应急管理厅 ↔ 晋城市应急管理局; 山西省水利厅 ↔ 晋城市水务局), from the sector, not from the name’s characters.',
  })
  counterparts(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return loaders.counterpartsOf.load(u);
  }

  @FieldResolver(() => [Unit], { description: 'The collectives this unit is a member of (泽州县人民政府 → 晋城市各县（市、区）人民政府).' })
  memberOf(@Root() u: UnitRow, @Ctx() { loaders }: Context) {
    return loaders.collectivesByMemberId.load(u.rowId);
  }
}
