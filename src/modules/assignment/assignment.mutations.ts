import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/core';
import { MaxLength, Min, MinLength } from 'class-validator';
import { Assignment, ReviewStatus } from './assignment.entity.js';
import type { AssignmentRow } from './assignment.loaders.js';
import { Role } from '../common/enums.js';
import { Task } from '../task/task.entity.js';
import { Unit } from '../unit/unit.entity.js';
import { requireUnitNamed } from '../unit/unit.service.js';
import { requireRole } from '../auth/auth.service.js';
import { atVersion, changeAtVersion, existing, writeTransaction } from '../../graphql/writes.js';
import { rowIdOf } from '../../graphql/relay.js';
import { badInput } from '../../graphql/errors.js';
import type { Context } from '../../graphql/context.js';
import { refreshStoredAnalysis, refreshStoredAnalysisOfTasks } from '../analysis/stored-analysis.js';

@InputType({ description: 'A unit to give a role in a task 新增分工.' })
class AssignUnitInput {
  @Field(() => ID, { description: 'The task (global ID).' })
  task!: string;

  @Field(() => String, { description: 'The unit, by its name or any alias.' })
  @MinLength(1)
  @MaxLength(200)
  unit!: string;

  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'The sentence of the document that says so; it must stand in the document’s text. Without it the clause records a manual entry.' })
  @MaxLength(2000)
  evidence?: string | null;
}

@InputType({ description: 'A correction of an assignment 更正分工: its role, its unit, or both.' })
class UpdateAssignmentInput {
  @Field(() => ID, { description: 'The assignment (global ID).' })
  assignment!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT and changes nothing.' })
  @Min(1)
  version!: number;

  @Field(() => Role, { nullable: true, description: 'The right role.' })
  role?: Role | null;

  @Field(() => String, { nullable: true, description: 'The right unit, by name or alias.' })
  @MaxLength(200)
  unit?: string | null;
}

@InputType({ description: 'A review of an extracted assignment 审核分工.' })
class ReviewAssignmentInput {
  @Field(() => ID, { description: 'The assignment (global ID).' })
  assignment!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT.' })
  @Min(1)
  version!: number;

  @Field(() => ReviewStatus, { description: 'CONFIRMED or REJECTED (EXTRACTED puts it back).' })
  status!: ReviewStatus;
}

@InputType({ description: 'An assignment to remove 删除分工.' })
class UnassignUnitInput {
  @Field(() => ID, { description: 'The assignment (global ID).' })
  assignment!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT.' })
  @Min(1)
  version!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The assignment as it is after the change.' })
class AssignmentPayload {
  @Field(() => Assignment, { description: 'The assignment.' })
  assignment!: AssignmentRow;
}

@ObjectType({ simpleResolvers: true, description: 'What was removed.' })
class UnassignPayload {
  @Field(() => ID, { description: 'Global ID of the assignment removed.' })
  removedId!: string;

  @Field(() => Task, { description: 'The task it belonged to.' })
  task!: unknown;
}

export const assignmentSnapshot = (a: Assignment) => ({ task: a.task.rowId, unit: a.unit.rowId, role: a.role, mention: a.mention, review: a.review, version: a.version });

/** a versioned change to an assignment, with its audit record */
async function change(ctx: Context, operation: string, id: string, version: number, apply: (a: Assignment, em: EntityManager) => Promise<void> | void): Promise<AssignmentPayload> {
  const { rowId } = await writeTransaction(ctx, 'editor', async (em, audit) => {
    const a = await changeAtVersion(em, audit, { entity: Assignment, type: 'Assignment', id, field: 'input.assignment', version, operation }, assignmentSnapshot, (a) => apply(a, em));
    await refreshStoredAnalysisOfTasks(em, [a.task.rowId]);
    return a;
  });
  return { assignment: (await ctx.loaders.assignmentById.load(rowId))! };
}

const unitNamed = async (ctx: Context, name: string) => (await requireUnitNamed(ctx.sql, name, 'input.unit')).rowId;

@Resolver()
export class AssignmentMutations {
  @Mutation(() => AssignmentPayload, { description: 'Give a unit a role in a task 新增分工 (editor token).' })
  async assignUnit(@Arg('input', () => AssignUnitInput, { description: 'The task, the unit, the role, the evidence.' }) input: AssignUnitInput, @Ctx() ctx: Context): Promise<AssignmentPayload> {
    requireRole(ctx.auth, 'editor');
    rowIdOf(input.task, 'Task', 'input.task');
    const unitId = await unitNamed(ctx, input.unit);
    const id = await writeTransaction(ctx, 'editor', async (em, audit) => {
      const task = await existing(em, Task, 'Task', input.task, 'input.task');
      await em.populate(task, ['document']);
      if (await em.findOne(Assignment, { task, unit: unitId, role: input.role })) throw badInput('input.role', `the unit already has role ${input.role} in this task`);
      const text = input.evidence?.trim() || '';
      const start = text ? task.document.text.indexOf(text) : -1;
      if (text && start < 0) throw badInput('input.evidence', 'this sentence does not stand in the document’s text');
      const unit = em.getReference(Unit, unitId);
      const a = em.create(Assignment, {
        task,
        unit,
        role: input.role,
        mention: input.unit,
        implicit: false,
        clauseText: text || '(entered by hand)',
        clauseStart: start,
        clauseEnd: start < 0 ? -1 : start + text.length,
        openEnded: false,
        review: ReviewStatus.CONFIRMED,
      });
      await em.flush();
      await audit({ operation: 'ASSIGN', entity: 'Assignment', entityKey: String(a.rowId), before: null, after: assignmentSnapshot(a) });
      await refreshStoredAnalysis(em, [task.document.rowId]);
      return a.rowId;
    });
    return { assignment: (await ctx.loaders.assignmentById.load(id))! };
  }

  @Mutation(() => AssignmentPayload, { description: 'Correct an assignment’s role or unit 更正分工 (editor token); it becomes CONFIRMED.' })
  async updateAssignment(@Arg('input', () => UpdateAssignmentInput, { description: 'What to correct.' }) input: UpdateAssignmentInput, @Ctx() ctx: Context): Promise<AssignmentPayload> {
    requireRole(ctx.auth, 'editor');
    if (!input.role && !input.unit) throw badInput('input', 'give role, unit or both');
    const unitId = input.unit ? await unitNamed(ctx, input.unit) : null;
    return change(ctx, 'UPDATE_ASSIGNMENT', input.assignment, input.version, async (a, em) => {
      const [role, unit] = [input.role ?? a.role, unitId ?? a.unit.rowId];
      if (await em.count(Assignment, { task: a.task, unit, role, rowId: { $ne: a.rowId } })) throw badInput(input.role ? 'input.role' : 'input.unit', `the unit already has role ${role} in this task`);
      a.role = role;
      if (unit !== a.unit.rowId) a.unit = em.getReference(Unit, unit);
      a.review = ReviewStatus.CONFIRMED;
    });
  }

  @Mutation(() => AssignmentPayload, { description: 'Confirm or reject an extracted assignment 审核 (editor token).' })
  reviewAssignment(@Arg('input', () => ReviewAssignmentInput, { description: 'The assignment and the verdict.' }) input: ReviewAssignmentInput, @Ctx() ctx: Context): Promise<AssignmentPayload> {
    return change(ctx, 'REVIEW_ASSIGNMENT', input.assignment, input.version, (a) => void (a.review = input.status));
  }

  @Mutation(() => UnassignPayload, { description: 'Remove an assignment 删除分工 (editor token); the audit trail keeps what it was.' })
  async unassignUnit(@Arg('input', () => UnassignUnitInput, { description: 'The assignment and its version.' }) input: UnassignUnitInput, @Ctx() ctx: Context): Promise<UnassignPayload> {
    const taskId = await writeTransaction(ctx, 'editor', async (em, audit) => {
      const a = await atVersion(em, Assignment, 'Assignment', input.assignment, 'input.assignment', input.version);
      const [rowId, before] = [a.rowId, assignmentSnapshot(a)];
      em.remove(a);
      await em.flush();
      await audit({ operation: 'UNASSIGN', entity: 'Assignment', entityKey: String(rowId), before, after: null });
      await refreshStoredAnalysisOfTasks(em, [before.task]);
      return before.task;
    });
    return { removedId: input.assignment, task: await ctx.loaders.taskById.load(taskId) };
  }
}
