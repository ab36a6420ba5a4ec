import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { MaxLength, MinLength } from 'class-validator';
import { ProgressReport } from './progress.entity.js';
import { ProgressStatus } from './progress.enums.js';
import type { ProgressRow } from './progress.loaders.js';
import { Task } from '../task/task.entity.js';
import { Document } from '../document/document.entity.js';
import { Unit } from '../unit/unit.entity.js';
import { requireUnitNamed } from '../unit/unit.service.js';
import { badInput } from '../../graphql/errors.js';
import { existing, writeTransaction } from '../../graphql/writes.js';
import { requireRole } from '../auth/auth.service.js';
import type { Context } from '../../graphql/context.js';

@InputType({ description: 'The status of a task as someone reports it 报送进展.' })
class RecordProgressInput {
  @Field(() => ID, { description: 'The task reported on (global ID).' })
  task!: string;

  @Field(() => ProgressStatus, { description: 'The status.' })
  status!: ProgressStatus;

  @Field(() => String, { description: 'What the report says 进展说明: with `document`, a sentence that stands in that document’s text (its span is kept); without, the reporter’s own words.' })
  @MinLength(1)
  @MaxLength(2000)
  statement!: string;

  @Field(() => ID, { nullable: true, description: 'The report it comes from, if it is in the graph (global ID of a Document).' })
  document?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The day reported 报告日期.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'The unit that reports 报告单位, by name or alias.' })
  @MaxLength(200)
  reportingUnit?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The report recorded.' })
class ProgressPayload {
  @Field(() => ProgressReport, { description: 'The report; `Task.progress` lists it from now on.' })
  report!: ProgressRow;
}

@Resolver()
export class ProgressMutations {
  @Mutation(() => ProgressPayload, { description: 'Record a progress report on a task 报送进展 (editor token).' })
  async recordProgress(@Arg('input', () => RecordProgressInput, { description: 'The task, the status and what the report says.' }) input: RecordProgressInput, @Ctx() ctx: Context): Promise<ProgressPayload> {
    // the unit lookup reads outside the transaction: SQLite's one connection is the transaction's
    const { actor } = requireRole(ctx.auth, 'editor');
    const unit = input.reportingUnit ? await requireUnitNamed(ctx.sql, input.reportingUnit, 'input.reportingUnit') : null;
    const id = await writeTransaction(ctx, 'editor', async (em, audit) => {
      const task = await existing(em, Task, 'Task', input.task, 'input.task');
      const document = input.document ? await existing(em, Document, 'Document', input.document, 'input.document') : null;
      const statement = input.statement.trim();
      const start = document ? document.text.indexOf(statement) : -1;
      if (document && start < 0) throw badInput('input.statement', 'this sentence does not stand in the document’s text');
      const date = input.date ?? document?.date ?? null;
      const report = em.create(ProgressReport, {
        task,
        document,
        reportingUnit: unit ? em.getReference(Unit, unit.rowId) : null,
        date,
        year: date ? Number(date.slice(0, 4)) : (document?.year ?? null),
        status: input.status,
        evidenceText: statement,
        evidenceStart: start,
        evidenceEnd: start < 0 ? -1 : start + statement.length,
        recordedBy: actor,
      });
      await em.flush();
      await audit({
        operation: 'RECORD_PROGRESS',
        entity: 'ProgressReport',
        entityKey: String(report.rowId),
        before: null,
        after: { task: task.rowId, document: document?.rowId ?? null, status: report.status, statement, date, reportingUnit: unit?.rowId ?? null },
      });
      return report.rowId;
    });
    return { report: (await ctx.loaders.progressReportById.load(id))! };
  }
}
