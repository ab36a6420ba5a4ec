import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { planFor } from '../read-plan.js';
import { Task } from './task.entity.js';
import { TASK_COLUMNS, type TaskRow } from './task.loaders.js';
import { Level, Role, TaskKind } from '../common/enums.js';
import { Document } from '../document/document.entity.js';
import type { DocumentRow } from '../document/document.loaders.js';
import { requireUnitsNamed } from '../unit/unit.service.js';
import { requireDocument } from '../document/document.service.js';
import { ConnectionType, toGlobalId, PageArgs } from '../../graphql/relay.js';
import { pagedList } from '../../graphql/paging.js';
import { containsPattern, placeholders } from '../../graphql/sql.js';
import type { Context } from '../../graphql/context.js';

export const TaskConnection = ConnectionType(Task, 'Task', 'task');

@InputType({ description: 'Which tasks to list; conditions combine with AND.' })
class TaskFilter {
  @Field(() => ID, { nullable: true, description: 'Only tasks of this document (its global ID, its number 文号 or its source file name; NOT_FOUND when no document has it).' })
  document?: string | null;

  @Field(() => String, { nullable: true, description: 'Only tasks assigned to the unit of this name or alias (省应急厅, 山西省应急管理厅 …; an alias several units share means each of them); combined with `role`, in that role. A name no unit has is a NOT_FOUND error whose `suggestions` are the nearest names, never an empty page.' })
  unit?: string | null;

  @Field(() => Role, { nullable: true, description: 'Only tasks with an assignment in this role (to `unit` when given).' })
  role?: Role | null;

  @Field(() => Level, { nullable: true, description: 'Only tasks of documents issued at this level (省 / 市 / 县).' })
  level?: Level | null;

  @Field(() => String, { nullable: true, description: 'Only tasks whose title or body contains this text (two characters are enough: 煤矿).' })
  text?: string | null;

  @Field(() => TaskKind, { nullable: true, description: 'Only tasks of this kind.' })
  kind?: TaskKind | null;

  @Field(() => String, { nullable: true, description: 'Only the task at this path (三/（十）); brackets may be half-width.' })
  path?: string | null;
}

@ArgsType()
class TasksArgs extends PageArgs {

  @Field(() => TaskFilter, { nullable: true, description: 'Conditions every task listed meets.' })
  filter?: TaskFilter | null;
}

@ArgsType()
class DocumentTasksArgs extends PageArgs {
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => TaskConnection, { description: 'Tasks of every document, in document order, filtered.' })
  async tasks(@Args(() => TasksArgs) { filter, ...page }: TasksArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const { sql } = ctx;
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.document) where.push('t.document_id = ?') && params.push((await requireDocument(ctx, filter.document, 'filter.document')).rowId);
    if (filter?.unit) {
      // a name no unit has is an error with suggestions, not an empty page
      const ids = (await requireUnitsNamed(sql, filter.unit, 'filter.unit')).map((u) => u.rowId);
      where.push(`exists (select 1 from assignment a where a.task_id = t.row_id and a.unit_id in (${placeholders(ids.length)})${filter.role ? ' and a.role = ?' : ''})`);
      params.push(...ids, ...(filter.role ? [filter.role] : []));
    } else if (filter?.role) {
      where.push('exists (select 1 from assignment a where a.task_id = t.row_id and a.role = ?)') && params.push(filter.role);
    }
    if (filter?.level) {
      where.push('exists (select 1 from document d join jurisdiction j on j.code = d.jurisdiction_code where d.row_id = t.document_id and j.level = ?)');
      params.push(filter.level);
    }
    if (filter?.text) {
      const p = containsPattern(filter.text.trim());
      where.push(`(t.title like ? escape '\\' or t.text like ? escape '\\')`) && params.push(p, p);
    }
    if (filter?.kind) where.push('t.kind = ?') && params.push(filter.kind);
    if (filter?.path) where.push('t.path = ?') && params.push(filter.path.trim().replace(/\(/g, '（').replace(/\)/g, '）'));
    const plan = planFor(ctx, info, 'Task', 't', [['nodes'], ['edges', 'node']]);
    return pagedList(sql, { list: 'tasks', columns: TASK_COLUMNS, from: 'task t', where, params, order: 't.row_id', orderKey: 'rowId', plan }, page);
  }

  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() t: TaskRow) {
    return toGlobalId('Task', t.rowId);
  }

  @FieldResolver(() => String, { description: 'Body text 正文 of the item itself (after the title, without its children), clauses included.' })
  text(@Root() t: TaskRow, @Ctx() { loaders }: Context) {
    return t.text ?? loaders.taskText.load(t.rowId);
  }

  @FieldResolver(() => Document, { description: 'The document it is part of 所属文件.' })
  document(@Root() t: TaskRow, @Ctx() { loaders }: Context) {
    return loaders.documentById.load(t.documentId);
  }

  @FieldResolver(() => Task, { nullable: true, description: 'The item it is numbered under 上级条目 (null at the top).' })
  parent(@Root() t: TaskRow, @Ctx() { loaders }: Context) {
    return t.parentId ? loaders.taskById.load(t.parentId) : null;
  }

  @FieldResolver(() => [Task], { description: 'The items numbered under it 下级条目, in document order.' })
  children(@Root() t: TaskRow, @Ctx() { loaders }: Context) {
    return loaders.childrenByTaskId.load(t.rowId);
  }
}

@Resolver(() => Document)
export class DocumentTasksResolver {
  @FieldResolver(() => TaskConnection, { description: 'Every numbered item of the document at every level 全部条目, in document order.' })
  tasks(@Root() d: DocumentRow, @Args(() => DocumentTasksArgs) args: DocumentTasksArgs, @Ctx() { loaders }: Context) {
    return loaders.tasksByDocument.load(d.rowId, args);
  }
}
