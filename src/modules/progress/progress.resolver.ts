import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { ProgressReport } from './progress.entity.js';
import type { ProgressRow } from './progress.loaders.js';
import { TextSpan, evidenceOf } from '../common/text-span.js';
import { Task } from '../task/task.entity.js';
import type { TaskRow } from '../task/task.loaders.js';
import { Unit } from '../unit/unit.entity.js';
import { Document } from '../document/document.entity.js';
import { type NodeType, toGlobalId } from '../../graphql/relay.js';
import type { Context } from '../../graphql/context.js';

export const PROGRESS_REPORT_NODE = 'ProgressReport' as NodeType;

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() p: ProgressRow) {
    return toGlobalId(PROGRESS_REPORT_NODE, p.rowId);
  }

  @FieldResolver(() => Task, { description: 'The task reported on 所报告的任务: the 目标任务 for a status given in its section, the numbered item for one given item by item.' })
  task(@Root() p: ProgressRow, @Ctx() ctx: Context) {
    return ctx.loaders.taskById.load(p.taskId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit that reports 报告单位: the issuer of the report; null when the document names none.' })
  reportingUnit(@Root() p: ProgressRow, @Ctx() ctx: Context) {
    return p.reportingUnitId ? ctx.loaders.unitById.load(p.reportingUnitId) : null;
  }

  @FieldResolver(() => Document, { nullable: true, description: 'The report it was read from 来源文件; null for one recorded through recordProgress without a source document.' })
  document(@Root() p: ProgressRow, @Ctx() ctx: Context) {
    return p.documentId ? ctx.loaders.documentById.load(p.documentId) : null;
  }

  @FieldResolver(() => TextSpan, { description: 'The sentence that states the status 原文依据 (已完成。), with its span in `Document.text`.' })
  evidence(@Root() p: ProgressRow): TextSpan {
    return evidenceOf(p);
  }
}

@Resolver(() => Task)
export class TaskProgressResolver {
  @FieldResolver(() => [ProgressReport], { description: 'The statuses progress reports give this task 完成状态, in the order read; empty when none reports on it.' })
  progress(@Root() t: TaskRow, @Ctx() ctx: Context) {
    return ctx.loaders.progressByTaskId.load(t.rowId);
  }
}
