import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { Indicator, Observation } from './indicator.entity.js';
import { INDICATOR_COLUMNS, type IndicatorRow, type ObservationRow } from './indicator.loaders.js';
import { TextSpan, evidenceOf } from '../common/text-span.js';
import { Task } from '../task/task.entity.js';
import type { TaskRow } from '../task/task.loaders.js';
import { Unit } from '../unit/unit.entity.js';
import { Document } from '../document/document.entity.js';
import type { DocumentRow } from '../document/document.loaders.js';
import { ConnectionType, type NodeType, toGlobalId, PageArgs } from '../../graphql/relay.js';
import { pagedList } from '../../graphql/paging.js';
import { containsPattern } from '../../graphql/sql.js';
import type { Context } from '../../graphql/context.js';
import { requireDocument } from '../document/document.service.js';

// typed here too, so the module compiles whether or not createLoaders spreads indicatorLoaders yet

export const INDICATOR_NODE = 'Indicator' as NodeType;
export const OBSERVATION_NODE = 'Observation' as NodeType;

export const IndicatorConnection = ConnectionType(Indicator, 'Indicator', 'indicator');

@InputType({ description: 'Which indicators to list; conditions combine with AND.' })
class IndicatorFilter {
  @Field(() => ID, { nullable: true, description: 'Only indicators set by this document (its global ID, its number 文号 or its source file name; NOT_FOUND when no document has it).' })
  document?: string | null;

  @Field(() => String, { nullable: true, description: 'Only indicators whose metric 指标名称 contains this text, e.g. 死亡率.' })
  metric?: string | null;

  @Field(() => String, { nullable: true, description: 'Only indicators of documents issued by this division 地区: its GB/T 2260 code (140500) or full name (晋城市).' })
  jurisdiction?: string | null;
}

@ArgsType()
class IndicatorsArgs extends PageArgs {

  @Field(() => IndicatorFilter, { nullable: true, description: 'Conditions every indicator listed meets.' })
  filter?: IndicatorFilter | null;
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => IndicatorConnection, { description: 'Quantified targets 指标 of every plan, in the order they were read, filtered.' })
  async indicators(@Args(() => IndicatorsArgs) { filter, ...page }: IndicatorsArgs, @Ctx() { sql, loaders }: Context) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.document) where.push('i.document_id = ?') && params.push((await requireDocument({ sql, loaders }, filter.document, 'filter.document')).rowId);
    if (filter?.metric) where.push(`i.metric like ? escape '\\'`) && params.push(containsPattern(filter.metric.trim()));
    if (filter?.jurisdiction) {
      where.push('exists (select 1 from document d join jurisdiction j on j.code = d.jurisdiction_code where d.row_id = i.document_id and (j.code = ? or j.name = ?))');
      params.push(filter.jurisdiction.trim(), filter.jurisdiction.trim());
    }
    return pagedList(sql, { list: 'indicators', columns: INDICATOR_COLUMNS, from: 'indicator i', where, params, order: 'i.row_id', orderKey: 'rowId' }, page);
  }

  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() i: IndicatorRow) {
    return toGlobalId(INDICATOR_NODE, i.rowId);
  }

  @FieldResolver(() => [Unit], { description: 'The units answerable for it 责任单位: those its task makes lead (牵头) or responsible (负责); empty when the task names none.' })
  owners(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return ctx.loaders.ownersByIndicatorId.load(i.rowId);
  }

  @FieldResolver(() => Task, { description: 'The target or sub-goal that sets it 所属条目.' })
  task(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return ctx.loaders.taskById.load(i.taskId);
  }

  @FieldResolver(() => Document, { description: 'The plan that sets it 来源文件.' })
  document(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return ctx.loaders.documentById.load(i.documentId);
  }

  @FieldResolver(() => [Observation], {
    description: 'Figures reported for the same metric in the same division 同一地区同一指标的统计数据 (by any document); empty when none is reported there.',
  })
  observations(@Root() i: IndicatorRow, @Ctx() ctx: Context) {
    return ctx.loaders.observationsByIndicatorId.load(i.rowId);
  }

  @FieldResolver(() => TextSpan, { description: 'The sentence that sets it 原文依据, with its span in `Document.text`.' })
  evidence(@Root() i: IndicatorRow): TextSpan {
    return evidenceOf(i);
  }
}

@Resolver(() => Observation)
export class ObservationResolver {
  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() o: ObservationRow) {
    return toGlobalId(OBSERVATION_NODE, o.rowId);
  }

  @FieldResolver(() => Document, { description: 'The document that reports it 来源文件.' })
  document(@Root() o: ObservationRow, @Ctx() ctx: Context) {
    return ctx.loaders.documentById.load(o.documentId);
  }

  @FieldResolver(() => Task, { nullable: true, description: 'The item whose text gives it 所在条目; null for a paragraph outside the numbered items.' })
  task(@Root() o: ObservationRow, @Ctx() ctx: Context) {
    return o.taskId ? ctx.loaders.taskById.load(o.taskId) : null;
  }

  @FieldResolver(() => TextSpan, { description: 'The sentence that gives it 原文依据, with its span in `Document.text`.' })
  evidence(@Root() o: ObservationRow): TextSpan {
    return evidenceOf(o);
  }
}

@Resolver(() => Task)
export class TaskIndicatorsResolver {
  @FieldResolver(() => [Indicator], { description: 'The quantified targets this item sets 量化指标, in the order written; empty for most items.' })
  indicators(@Root() t: TaskRow, @Ctx() ctx: Context) {
    return ctx.loaders.indicatorsByTaskId.load(t.rowId);
  }
}

@Resolver(() => Document)
export class DocumentObservationsResolver {
  @FieldResolver(() => [Observation], { description: 'The figures the document reports 统计数据 (同比下降12.04% …), in text order.' })
  observations(@Root() d: DocumentRow, @Ctx() ctx: Context) {
    return ctx.loaders.observationsByDocumentId.load(d.rowId);
  }
}
