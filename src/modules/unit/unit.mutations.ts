import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { MaxLength, Min, MinLength } from 'class-validator';
import { Unit, UnitAlias, UnitNameChange } from './unit.entity.js';
import type { UnitRow } from './unit.loaders.js';
import { indexUnits } from '../search/search.indexer.js';
import { refreshStoredAnalysis } from '../analysis/stored-analysis.js';
import { normalizeName } from '../../ingest/resolve-units.js';
import { apiError, badInput } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/relay.js';
import { type Audit, atVersion, changeAtVersion, writeTransaction } from '../../graphql/writes.js';
import type { Context } from '../../graphql/context.js';

@InputType({ description: 'Another name for a unit 新增别名 (a short form, an old name), so that `unit(name:)` and ingest resolve it.' })
class AddUnitAliasInput {
  @Field(() => ID, { description: 'The unit (global ID).' })
  unit!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT.' })
  @Min(1)
  version!: number;

  @Field(() => String, { description: 'The alias as written, e.g. 市应急局.' })
  @MinLength(1)
  @MaxLength(200)
  alias!: string;
}

@InputType({ description: 'A new name for a unit from a date on 单位更名 (机构改革).' })
class RenameUnitInput {
  @Field(() => ID, { description: 'The unit (global ID).' })
  unit!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT.' })
  @Min(1)
  version!: number;

  @Field(() => String, { description: 'The new canonical name; no other unit may have it.' })
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => GraphQLLocalDate, { description: 'The day it takes effect 生效日期.' })
  effectiveDate!: string;
}

@InputType({ description: 'Two units that are the same body 合并单位: everything of `merged` moves to `into`, and its names become aliases of `into`.' })
class MergeUnitsInput {
  @Field(() => ID, { description: 'The unit that stays (global ID).' })
  into!: string;

  @Field(() => Int, { description: 'The version of `into` read.' })
  @Min(1)
  intoVersion!: number;

  @Field(() => ID, { description: 'The unit that goes (global ID).' })
  merged!: string;

  @Field(() => Int, { description: 'The version of `merged` read.' })
  @Min(1)
  mergedVersion!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The unit as it is after the change.' })
class UnitPayload {
  @Field(() => Unit, { description: 'The unit.' })
  unit!: UnitRow;
}

@ObjectType({ simpleResolvers: true, description: 'The unit that stayed, and what moved to it.' })
class MergeUnitsPayload {
  @Field(() => Unit, { description: 'The unit that stayed, with the names of the one merged into it among its aliases.' })
  unit!: UnitRow;

  @Field(() => ID, { description: 'Global ID of the unit that went; it no longer resolves, its names do.' })
  removedId!: string;

  @Field(() => Int, { description: 'Assignments moved to the unit that stayed.' })
  assignmentsMoved!: number;

  @Field(() => Int, { description: 'Assignments dropped because the unit that stayed already had the same role in the same task (each kept in the audit trail).' })
  assignmentsDropped!: number;
}

async function aliasesOf(em: EntityManager, unit: Unit): Promise<string[]> {
  return (await em.find(UnitAlias, { unit }, { orderBy: { rowId: 'asc' } })).map((a) => a.alias);
}

async function unitSnapshot(em: EntityManager, u: Unit) {
  return { name: u.name, kind: u.kind, level: u.level, sector: u.sector ?? null, jurisdiction: u.jurisdiction?.code ?? null, aliases: await aliasesOf(em, u), version: u.version };
}

/** gives a unit an alias unless it has it; true when added */
async function ensureAlias(em: EntityManager, unit: Unit, alias: string): Promise<boolean> {
  if (alias === unit.name || (await em.count(UnitAlias, { unit, alias }))) return false;
  em.create(UnitAlias, { unit, alias });
  return true;
}

/** a versioned change to one unit, its audit record and its search index */
async function changeUnit(ctx: Context, operation: string, id: string, version: number, apply: (em: EntityManager, u: Unit) => Promise<void>): Promise<UnitPayload> {
  const rowId = await writeTransaction(ctx, 'editor', async (em, audit) => {
    const unit = await changeAtVersion(em, audit, { entity: Unit, type: 'Unit', id, field: 'input.unit', version, operation }, (u) => unitSnapshot(em, u), (u) => apply(em, u));
    await indexUnits(em, [unit.rowId]);
    return unit.rowId;
  });
  return { unit: (await ctx.loaders.unitById.load(rowId))! };
}

// every column that points at a unit, but the alias, membership and assignment tables the merge treats one by one
const UNIT_REFERENCES = [
  ['unit', 'parent_id'],
  ['document', 'issuer_id'],
  ['progress_report', 'reporting_unit_id'],
  ['indicator_owner', 'unit_id'],
  ['unit_name_change', 'unit_id'],
] as const;

async function moveEverything(em: EntityManager, audit: Audit, into: Unit, merged: Unit): Promise<{ moved: number; dropped: number }> {
  const sql = em as SqlEntityManager;
  const [keep, go] = [into.rowId, merged.rowId];
  const assignments = await sql.execute<{ rowId: number; task: number; role: string; mention: string; review: string; version: number; clash: number }[]>(
    `select a.row_id as "rowId", a.task_id as "task", a.role as "role", a.mention as "mention", a.review as "review", a.version as "version",
       (select count(*) from assignment b where b.task_id = a.task_id and b.role = a.role and b.unit_id = ?) as "clash"
     from assignment a where a.unit_id = ? order by a.row_id`,
    [keep, go],
  );
  let dropped = 0;
  for (const { clash, rowId, ...a } of assignments) {
    const before = { ...a, unit: go };
    if (Number(clash)) {
      dropped++;
      await sql.execute(`delete from assignment where row_id = ?`, [rowId]);
      await audit({ operation: 'MERGE_UNITS', entity: 'Assignment', entityKey: String(rowId), before, after: null });
    } else {
      await sql.execute(`update assignment set unit_id = ?, version = version + 1 where row_id = ?`, [keep, rowId]);
      await audit({ operation: 'MERGE_UNITS', entity: 'Assignment', entityKey: String(rowId), before, after: { ...a, unit: keep, version: a.version + 1 } });
    }
  }
  // memberships: the kept unit takes the merged one's place in collectives and as a collective, without doubles or itself
  await sql.execute(`update unit_member set member_id = ? where member_id = ? and collective_id <> ? and collective_id not in (select collective_id from unit_member where member_id = ?)`, [keep, go, keep, keep]);
  await sql.execute(`update unit_member set collective_id = ? where collective_id = ? and member_id <> ? and member_id not in (select member_id from unit_member where collective_id = ?)`, [keep, go, keep, keep]);
  await sql.execute(`delete from unit_member where member_id = ? or collective_id = ?`, [go, go]);
  for (const [table, column] of UNIT_REFERENCES) {
    await sql.execute(`update ${table} set ${column} = ? where ${column} = ?${table === 'unit' ? ' and row_id <> ?' : ''}`, table === 'unit' ? [keep, go, keep] : [keep, go]);
  }
  if (into.parent?.rowId === go) into.parent = null;
  for (const alias of [merged.name, ...(await aliasesOf(em, merged))]) await ensureAlias(em, into, alias);
  return { moved: assignments.length - dropped, dropped };
}

@Resolver()
export class UnitMutations {
  @Mutation(() => UnitPayload, { description: 'Give a unit another name it is known by 新增别名 (editor token).' })
  addUnitAlias(@Arg('input', () => AddUnitAliasInput, { description: 'The unit and the alias.' }) input: AddUnitAliasInput, @Ctx() ctx: Context): Promise<UnitPayload> {
    return changeUnit(ctx, 'ADD_UNIT_ALIAS', input.unit, input.version, async (em, unit) => {
      const alias = normalizeName(input.alias);
      if (!alias) throw badInput('input.alias', 'the alias is empty once spaces are removed');
      if (!(await ensureAlias(em, unit, alias))) throw badInput('input.alias', `the unit is already known as ${alias}`);
    });
  }

  @Mutation(() => UnitPayload, { description: 'Rename a unit from a date on 单位更名 (editor token): the old name stays an alias and the change is kept in `nameChanges`.' })
  renameUnit(@Arg('input', () => RenameUnitInput, { description: 'The unit, its new name and the day it takes effect.' }) input: RenameUnitInput, @Ctx() ctx: Context): Promise<UnitPayload> {
    return changeUnit(ctx, 'RENAME_UNIT', input.unit, input.version, async (em, unit) => {
      const name = normalizeName(input.name);
      if (!name) throw badInput('input.name', 'the name is empty once spaces are removed');
      if (name === unit.name) throw badInput('input.name', 'that is already its name');
      const holder = await em.findOne(Unit, { name });
      if (holder) throw apiError('CONFLICT', `input.name: ${name} is the name of another unit (${toGlobalId('Unit', holder.rowId)}); merge the two instead`, { argumentName: 'input.name' });
      const old = unit.name;
      em.create(UnitNameChange, { unit, fromName: old, toName: name, effectiveDate: input.effectiveDate });
      unit.name = name;
      await em.nativeDelete(UnitAlias, { unit, alias: name });
      await ensureAlias(em, unit, old);
    });
  }

  @Mutation(() => MergeUnitsPayload, { description: 'Merge two units that are the same body 合并单位 (admin token): assignments, memberships and references move; the merged unit’s names become aliases.' })
  async mergeUnits(@Arg('input', () => MergeUnitsInput, { description: 'The unit that stays, the unit that goes, and the versions read.' }) input: MergeUnitsInput, @Ctx() ctx: Context): Promise<MergeUnitsPayload> {
    const { id, moved, dropped } = await writeTransaction(ctx, 'admin', async (em, audit) => {
      if (input.into === input.merged) throw badInput('input.merged', 'a unit cannot be merged into itself');
      const into = await atVersion(em, Unit, 'Unit', input.into, 'input.into', input.intoVersion);
      const merged = await atVersion(em, Unit, 'Unit', input.merged, 'input.merged', input.mergedVersion);
      const [intoBefore, mergedBefore] = [await unitSnapshot(em, into), await unitSnapshot(em, merged)];
      const { moved, dropped } = await moveEverything(em, audit, into, merged);
      into.version++;
      await em.flush();
      const mergedId = merged.rowId;
      await (em as SqlEntityManager).execute(`delete from unit where row_id = ?`, [mergedId]);
      await audit({ operation: 'MERGE_UNITS', entity: 'Unit', entityKey: String(mergedId), before: mergedBefore, after: { mergedInto: into.rowId } });
      await audit({ operation: 'MERGE_UNITS', entity: 'Unit', entityKey: String(into.rowId), before: intoBefore, after: { ...(await unitSnapshot(em, into)), merged: mergedId, assignmentsMoved: moved, assignmentsDropped: dropped } });
      await indexUnits(em, [into.rowId, mergedId]);
      // the merged unit may have been a collective, or the one named lead: the gaps of every task it was on are read again
      const documents = await (em as SqlEntityManager).execute<{ d: number }[]>(
        `select distinct t.document_id as "d" from assignment a join task t on t.row_id = a.task_id where a.unit_id = ?`,
        [into.rowId],
      );
      await refreshStoredAnalysis(em, documents.map((r) => Number(r.d)));
      return { id: into.rowId, moved, dropped };
    });
    return { unit: (await ctx.loaders.unitById.load(id))!, removedId: input.merged, assignmentsMoved: moved, assignmentsDropped: dropped };
  }
}
