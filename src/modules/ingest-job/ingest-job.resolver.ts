import { Arg, Ctx, Field, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { IngestDocumentInput, IngestDocumentPayload, payloadOf } from '../../ingest/ingest.resolver.js';
import type { IngestSummary } from '../../ingest/ingest.js';
import { requireRole } from '../auth/auth.service.js';
import { apiError } from '../../graphql/errors.js';
import type { Context } from '../../graphql/context.js';
import { IngestJob as IngestJobRow, IngestJobStatus } from './ingest-job.entity.js';
import { IngestJobs, JobQueueFull } from './ingest-job.service.js';

@ObjectType('IngestJob', { description: 'A document being ingested off the request path 导入任务: poll `ingestJob(id)` until it has SUCCEEDED or FAILED.' })
class IngestJobType {
  @Field(() => ID, { description: 'The job’s ID, for `ingestJob(id:)`.' })
  id!: string;

  @Field(() => IngestJobStatus, { description: 'Queued, running, succeeded or failed.' })
  status!: IngestJobStatus;

  @Field(() => String, { description: 'The file name it was sent under.' })
  fileName!: string;

  @Field(() => Boolean, { description: 'A dry run: read and reported, nothing written.' })
  dryRun!: boolean;

  @Field(() => GraphQLDateTime, { description: 'When it was submitted (UTC).' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it ended (UTC); null while it runs.' })
  finishedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'What it is doing: READING, PARSING, WRITING (its tasks) or LINKING; null when queued or ended, or when asked of an instance other than the one running it.' })
  stage!: string | null;

  @Field(() => Float, { description: 'How far it has got, 0–1 (the stage’s share done); 1 once ended.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'Why it failed; nothing was written.' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'The error’s code: BAD_USER_INPUT for a document that cannot be taken as sent (as ingestDocument would refuse it), INTERNAL_SERVER_ERROR otherwise.' })
  errorCode!: string | null;

  /** the stored summary, for `result` */
  summary!: string | null;
}

// the stages in order, each a share of the whole
const STAGES = ['READING', 'PARSING', 'WRITING', 'LINKING'];

function view(row: IngestJobRow, ctx: Context): IngestJobType {
  const live = IngestJobs.of(ctx.orm).progressOf(row.id);
  const ended = row.status === IngestJobStatus.SUCCEEDED || row.status === IngestJobStatus.FAILED;
  const status = row.status === IngestJobStatus.QUEUED && live ? IngestJobStatus.RUNNING : row.status;
  const progress = ended ? 1 : live ? (STAGES.indexOf(live.stage) + (live.total ? live.done / live.total : 0)) / STAGES.length : 0;
  return {
    id: row.id,
    status,
    fileName: row.fileName,
    dryRun: row.dryRun,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt ?? null,
    stage: ended ? null : (live?.stage ?? null),
    progress: Math.round(progress * 1000) / 1000,
    error: row.error ?? null,
    errorCode: row.errorCode ?? null,
    summary: row.result ?? null,
  };
}

@Resolver(() => IngestJobType)
export class IngestJobResolver {
  @Mutation(() => IngestJobType, {
    description:
      'Ingest a document off the request path 后台导入 (editor token): answers at once with a job; the document — of any size up to the ingest limit — is read, parsed and written by a worker thread while the API keeps answering. Follow it with `ingestJob(id)`. More than 20 jobs waiting: RATE_LIMITED.',
  })
  async startIngest(@Arg('input', () => IngestDocumentInput, { description: 'As for ingestDocument: the text or file, its file name, where it was issued when its header does not tell.' }) input: IngestDocumentInput, @Ctx() ctx: Context): Promise<IngestJobType> {
    const { actor } = requireRole(ctx.auth, 'editor');
    try {
      return view(await IngestJobs.of(ctx.orm).submit(input, actor), ctx);
    } catch (error) {
      if (error instanceof JobQueueFull) throw apiError('RATE_LIMITED', `${error.message}: try again when some have ended`, { http: { status: 429, headers: new Map([['retry-after', '10']]) } });
      throw error;
    }
  }

  @Query(() => IngestJobType, { nullable: true, description: 'An ingest job 导入任务 by its ID (editor token): its status, progress and, once done, its report; null for an ID that is no job.' })
  async ingestJob(@Arg('id', () => ID, { description: 'The ID startIngest answered with.' }) id: string, @Ctx() ctx: Context): Promise<IngestJobType | null> {
    requireRole(ctx.auth, 'editor');
    const row = await ctx.orm.em.fork().findOne(IngestJobRow, { id: String(id) });
    return row ? view(row, ctx) : null;
  }

  @FieldResolver(() => IngestDocumentPayload, { nullable: true, description: 'The report, as ingestDocument gives it; null until the job has succeeded.' })
  result(@Root() job: IngestJobType, @Ctx() ctx: Context): Promise<IngestDocumentPayload> | null {
    return job.summary ? payloadOf(JSON.parse(job.summary) as IngestSummary, ctx) : null;
  }
}
