import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { MaxLength, Min, MinLength } from 'class-validator';
import { Task } from './task.entity.js';
import type { TaskRow } from './task.loaders.js';
import { TaskKind } from '../common/enums.js';
import { Document } from '../document/document.entity.js';
import { indexDocument } from '../search/search.indexer.js';
import { refreshStoredAnalysis } from '../analysis/stored-analysis.js';
import { refreshLinks } from '../link/link.service.js';
import { pathLabel } from '../../ingest/structure.js';
import { badInput } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/relay.js';
import { atVersion, changeAtVersion, existing, writeTransaction } from '../../graphql/writes.js';
import type { Context } from '../../graphql/context.js';

@InputType({ description: 'A task to add to a document 新增任务, as the last item under its parent (or at the end of the document).' })
class CreateTaskInput {
  @Field(() => ID, { nullable: true, description: 'The document (global ID); may be left out when `parent` is given.' })
  document?: string | null;

  @Field(() => ID, { nullable: true, description: 'The item it belongs under (global ID); none for a top-level item.' })
  parent?: string | null;

  @Field(() => String, { description: 'Its label as written 编号, e.g. （三十二）; it must not repeat a sibling’s.' })
  @MinLength(1)
  @MaxLength(40)
  label!: string;

  @Field(() => String, { description: 'Its title 标题.' })
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Its body text 正文.' })
  @MaxLength(20000)
  text?: string | null;

  @Field(() => TaskKind, { nullable: true, description: 'What kind of item it is; TASK when left out.' })
  kind?: TaskKind | null;

  @Field(() => String, { nullable: true, description: 'Deadline as stated 完成时限.' })
  @MaxLength(200)
  deadline?: string | null;

  @Field(() => String, { nullable: true, description: 'Quantified target as stated 量化目标.' })
  @MaxLength(200)
  target?: string | null;

  @Field(() => String, { nullable: true, description: 'The passage of the document it stands for; it must stand in the document’s text, and gives the task its span. Without it the span is -1…-1 (entered by hand).' })
  @MaxLength(20000)
  evidence?: string | null;
}

@InputType({ description: 'A correction of a task 更正任务: any of its title, text, kind, deadline and target (null clears deadline or target).' })
class UpdateTaskInput {
  @Field(() => ID, { description: 'The task (global ID).' })
  task!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT and changes nothing.' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: 'The right title.' })
  @MinLength(1)
  @MaxLength(500)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The right body text.' })
  @MaxLength(20000)
  text?: string | null;

  @Field(() => TaskKind, { nullable: true, description: 'The right kind.' })
  kind?: TaskKind | null;

  @Field(() => String, { nullable: true, description: 'The right deadline; null clears it.' })
  @MaxLength(200)
  deadline?: string | null;

  @Field(() => String, { nullable: true, description: 'The right target; null clears it.' })
  @MaxLength(200)
  target?: string | null;
}

@InputType({ description: 'A task to remove 删除任务, with its assignments, links and progress reports.' })
class DeleteTaskInput {
  @Field(() => ID, { description: 'The task (global ID).' })
  task!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT.' })
  @Min(1)
  version!: number;

  @Field(() => Boolean, { defaultValue: false, description: 'Also remove the items under it; without it, a task that has any is refused.' })
  withChildren!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'The task as it is after the change.' })
class TaskPayload {
  @Field(() => Task, { description: 'The task.' })
  task!: TaskRow;
}

@ObjectType({ simpleResolvers: true, description: 'What was removed.' })
class DeleteTaskPayload {
  @Field(() => [ID], { description: 'Global IDs of the tasks removed: the task, then the items under it.' })
  removedIds!: string[];

  @Field(() => Document, { description: 'The document they belonged to.' })
  document!: unknown;
}

const taskSnapshot = (t: Task) => ({
  document: t.document.rowId,
  parent: t.parent?.rowId ?? null,
  path: t.path,
  label: t.label,
  title: t.title,
  text: t.text,
  kind: t.kind,
  deadline: t.deadline ?? null,
  target: t.target ?? null,
  version: t.version,
});

/** the task and every item under it, in document order (a subtree is contiguous in ordinal order) */
async function subtreeOf(em: EntityManager, task: Task): Promise<Task[]> {
  const later = await em.find(Task, { document: task.document, ordinal: { $gt: task.ordinal } }, { orderBy: { ordinal: 'asc' } });
  const end = later.findIndex((t) => t.depth <= task.depth);
  return [task, ...(end < 0 ? later : later.slice(0, end))];
}

/** what a task feeds: the search index, the stored gaps and the inferred links of its document */
async function reindex(em: EntityManager, documentId: number): Promise<void> {
  await indexDocument(em, documentId);
  await refreshStoredAnalysis(em, [documentId]);
  await refreshLinks(em, [documentId]);
}

const TASK_NODE = 'Task' as const;

@Resolver()
export class TaskMutations {
  @Mutation(() => TaskPayload, { description: 'Add a task to a document 新增任务 (editor token): a numbered item the extraction missed.' })
  async createTask(@Arg('input', () => CreateTaskInput, { description: 'Where it goes and what it says.' }) input: CreateTaskInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    const id = await writeTransaction(ctx, 'editor', async (em, audit) => {
      if (!input.document && !input.parent) throw badInput('input.document', 'give the document, the parent, or both');
      const parent = input.parent ? await existing(em, Task, TASK_NODE, input.parent, 'input.parent') : null;
      const document = input.document ? await existing(em, Document, 'Document', input.document, 'input.document') : await em.findOneOrFail(Document, { rowId: parent!.document.rowId });
      if (parent && parent.document.rowId !== document.rowId) throw badInput('input.parent', 'the parent belongs to another document');

      const segment = pathLabel(input.label.trim());
      if (!segment) throw badInput('input.label', 'the label is empty once spaces are removed');
      const path = parent ? `${parent.path}/${segment}` : segment;
      if (await em.count(Task, { document, path })) throw badInput('input.label', `the document already has an item at ${path}`);

      const evidence = input.evidence?.trim() || '';
      const start = evidence ? document.text.indexOf(evidence) : -1;
      if (evidence && start < 0) throw badInput('input.evidence', 'this passage does not stand in the document’s text');

      // the new item goes after its parent's last descendant; later items move down one
      const ordinal = parent
        ? parent.ordinal + (await subtreeOf(em, parent)).length
        : ((await em.findOne(Task, { document }, { orderBy: { ordinal: 'desc' } }))?.ordinal ?? -1) + 1;
      await (em as SqlEntityManager).execute(`update task set ordinal = ordinal + 1 where document_id = ? and ordinal >= ?`, [document.rowId, ordinal]);

      const task = em.create(Task, {
        document,
        parent,
        ordinal,
        depth: parent ? parent.depth + 1 : 0,
        label: input.label.trim(),
        path,
        title: input.title.trim(),
        text: input.text ?? '',
        kind: input.kind ?? TaskKind.TASK,
        deadline: input.deadline ?? null,
        target: input.target ?? null,
        start,
        end: start < 0 ? -1 : start + evidence.length,
      });
      await em.flush();
      await audit({ operation: 'CREATE_TASK', entity: 'Task', entityKey: String(task.rowId), before: null, after: taskSnapshot(task) });
      await reindex(em, document.rowId);
      return task.rowId;
    });
    return { task: (await ctx.loaders.taskById.load(id))! };
  }

  @Mutation(() => TaskPayload, { description: 'Correct a task 更正任务 (editor token): its title, text, kind, deadline or target.' })
  async updateTask(@Arg('input', () => UpdateTaskInput, { description: 'What to correct.' }) input: UpdateTaskInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    const id = await writeTransaction(ctx, 'editor', async (em, audit) => {
      const fields = ['title', 'text', 'kind', 'deadline', 'target'] as const;
      if (fields.every((f) => input[f] === undefined)) throw badInput('input', `give at least one of ${fields.join(', ')}`);
      for (const f of ['title', 'text', 'kind'] as const) if (input[f] === null) throw badInput(`input.${f}`, 'cannot be cleared');
      const target = { entity: Task, type: TASK_NODE, id: input.task, field: 'input.task', version: input.version, operation: 'UPDATE_TASK' };
      const task = await changeAtVersion(em, audit, target, taskSnapshot, (t) => {
        if (input.title != null) t.title = input.title.trim();
        if (input.text != null) t.text = input.text;
        if (input.kind != null) t.kind = input.kind;
        if (input.deadline !== undefined) t.deadline = input.deadline;
        if (input.target !== undefined) t.target = input.target;
      });
      if (input.title != null || input.text != null) await reindex(em, task.document.rowId);
      return task.rowId;
    });
    return { task: (await ctx.loaders.taskById.load(id))! };
  }

  @Mutation(() => DeleteTaskPayload, { description: 'Remove a task 删除任务 (editor token), with its assignments, links and progress reports; the audit trail keeps what each was.' })
  async deleteTask(@Arg('input', () => DeleteTaskInput, { description: 'The task, its version, and whether to take the items under it.' }) input: DeleteTaskInput, @Ctx() ctx: Context): Promise<DeleteTaskPayload> {
    const { removed, documentId } = await writeTransaction(ctx, 'editor', async (em, audit) => {
      const task = await atVersion(em, Task, TASK_NODE, input.task, 'input.task', input.version);
      const subtree = await subtreeOf(em, task);
      if (subtree.length > 1 && !input.withChildren) throw badInput('input.withChildren', `the task has ${subtree.length - 1} items under it: pass withChildren: true to remove them too`);
      const rowIds = subtree.map((t) => t.rowId);
      // the assignments go with their tasks: each gets its own record, so its history ends in a deletion
      const assignments = await (em as SqlEntityManager).execute<{ rowId: number; task: number; unit: number; role: string; mention: string; review: string; version: number }[]>(
        `select row_id as "rowId", task_id as "task", unit_id as "unit", role as "role", mention as "mention", review as "review", version as "version"
         from assignment where task_id in (${rowIds.map(() => '?').join(', ')}) order by row_id`,
        rowIds,
      );
      for (const t of subtree) await audit({ operation: 'DELETE_TASK', entity: 'Task', entityKey: String(t.rowId), before: taskSnapshot(t), after: null });
      for (const { rowId, ...a } of assignments) await audit({ operation: 'DELETE_TASK', entity: 'Assignment', entityKey: String(rowId), before: a, after: null });
      // children first: the foreign keys cascade either way, but the unit of work must not keep a removed parent
      for (const t of [...subtree].reverse()) em.remove(t);
      await em.flush();
      await indexDocument(em, task.document.rowId);
      await refreshStoredAnalysis(em, [task.document.rowId]);
      return { removed: rowIds, documentId: task.document.rowId };
    });
    return { removedIds: removed.map((r) => toGlobalId(TASK_NODE, r)), document: await ctx.loaders.documentById.load(documentId) };
  }
}
