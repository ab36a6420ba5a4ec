import { Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { Assignment } from './assignment.entity.js';
import type { AssignmentRow, AssignmentTexts } from './assignment.loaders.js';
import { Role } from '../common/enums.js';
import { Task } from '../task/task.entity.js';
import type { TaskRow } from '../task/task.loaders.js';
import { Unit } from '../unit/unit.entity.js';
import type { UnitRow } from '../unit/unit.loaders.js';
import { ConnectionType, toGlobalId, PageArgs } from '../../graphql/relay.js';
import type { Context } from '../../graphql/context.js';

@ObjectType({ simpleResolvers: true, description: 'A span of a document’s cleaned text 原文依据: the evidence for a fact.' })
export class Clause {
  @Field(() => String, { description: 'The text exactly as it stands in the cleaned document.' })
  text!: string;

  @Field(() => Int, { description: 'Start offset in `Document.text` (UTF-16 code units, as in JavaScript).' })
  start!: number;

  @Field(() => Int, { description: 'End offset (exclusive) in `Document.text`.' })
  end!: number;

  @Field(() => Boolean, { description: 'The list of units is open-ended (…等部门): more units than those named share it.' })
  openEnded!: boolean;

  @Field(() => Int, { nullable: true, description: 'The page of the source it stands on (a PDF or a scan), from 1; null for text without pages.' })
  page?: number | null;

  @Field(() => Float, { nullable: true, description: 'For a document read by OCR: how sure the engine was of its lines (0–1, the lowest of them); null for text that was not scanned.' })
  confidence?: number | null;
}

export const AssignmentConnection = ConnectionType(Assignment, 'Assignment', 'assignment');

export enum Reach {
  DIRECT = 'DIRECT',
  EXPANSION = 'EXPANSION',
}
registerEnumType(Reach, {
  name: 'Reach',
  description: 'How an assignment reaches a unit 覆盖方式.',
  valuesConfig: {
    DIRECT: { description: '直接 — the unit is the one named' },
    EXPANSION: { description: '集合展开 — the unit is one of those a collective named (各县（市、区）人民政府 → 泽州县人民政府)' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A concrete unit an assignment reaches 覆盖单位, and how.' })
export class CoveredUnit {
  @Field(() => Unit, { description: 'The unit reached.' })
  unit!: UnitRow;

  @Field(() => Reach, { description: 'Named directly, or reached by expanding a collective.' })
  reach!: Reach;
}

@ArgsType()
class UnitAssignmentsArgs extends PageArgs {
  @Field(() => Role, { nullable: true, description: 'Only assignments in this role.' })
  role?: Role | null;

}

/** the clause texts of a row, read if its loader left them out */
const texts = (a: AssignmentRow, loaders: Context['loaders']): AssignmentTexts | Promise<AssignmentTexts> =>
  a.clauseText === undefined ? loaders.assignmentTexts.load(a.rowId) : (a as AssignmentTexts);

@Resolver(() => Assignment)
export class AssignmentResolver {
  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() a: AssignmentRow) {
    return toGlobalId('Assignment', a.rowId);
  }

  @FieldResolver(() => Clause, { description: 'The clause that assigns it 分工条款: for a parenthetical, its text inside the brackets; for a 责任单位 line, the whole line.' })
  async clause(@Root() a: AssignmentRow, @Ctx() { loaders }: Context): Promise<Clause> {
    const { clauseText } = await texts(a, loaders);
    return { text: clauseText, start: a.clauseStart, end: a.clauseEnd, openEnded: Boolean(a.openEnded), page: a.clausePage, confidence: a.clauseConfidence };
  }

  @FieldResolver(() => Clause, { nullable: true, description: 'For an implicit assignment: the sentence that implies it (以下均需市、县人民政府负责，不再一一列出).' })
  async basis(@Root() a: AssignmentRow, @Ctx() { loaders }: Context): Promise<Clause | null> {
    if (a.basisStart == null) return null;
    const { basisText } = await texts(a, loaders);
    return { text: basisText!, start: a.basisStart, end: a.basisEnd!, openEnded: false };
  }

  @FieldResolver(() => Unit, { description: 'The unit, resolved to its canonical record 责任单位.' })
  unit(@Root() a: AssignmentRow, @Ctx() { loaders }: Context) {
    return loaders.unitById.load(a.unitId);
  }

  @FieldResolver(() => [CoveredUnit], {
    description: 'The concrete units this assignment reaches: the unit itself, or for a collective (各县（市、区）人民政府) the units it stands for, each marked EXPANSION (empty when the collective’s members are not known).',
  })
  async coveredUnits(@Root() a: AssignmentRow, @Ctx() { loaders }: Context): Promise<CoveredUnit[]> {
    const unit = await loaders.unitById.load(a.unitId);
    if (!unit) return [];
    if (unit.kind !== 'COLLECTIVE') return [{ unit, reach: Reach.DIRECT }];
    return (await loaders.membersByCollectiveId.load(unit.rowId)).map((m) => ({ unit: m, reach: Reach.EXPANSION }));
  }

  @FieldResolver(() => Task, { description: 'The task 任务.' })
  task(@Root() a: AssignmentRow, @Ctx() { loaders }: Context) {
    return loaders.taskById.load(a.taskId);
  }
}

@Resolver(() => Task)
export class TaskAssignmentsResolver {
  @FieldResolver(() => [Assignment], { description: 'Every unit given a role in this task 任务分工, with the clause as evidence, in the order written.' })
  assignments(@Root() t: TaskRow, @Ctx() { loaders }: Context) {
    return loaders.assignmentsByTaskId.load(t.rowId);
  }
}

@Resolver(() => Unit)
export class UnitAssignmentsResolver {
  @FieldResolver(() => AssignmentConnection, { description: 'Everything this unit is assigned 承担的任务, optionally in one role.' })
  assignments(@Root() u: UnitRow, @Args(() => UnitAssignmentsArgs) { role, ...page }: UnitAssignmentsArgs, @Ctx() { loaders }: Context) {
    return role ? loaders.assignmentsByUnit.load(u.rowId, page, 'a.role = ?', [role]) : loaders.assignmentsByUnit.load(u.rowId, page);
  }
}
