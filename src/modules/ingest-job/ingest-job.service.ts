// Ingest jobs: a document handed to startIngest is written to the job table, then read, parsed and
// written by a worker thread (piscina) while the request has long been answered; its progress is
// kept in memory by the process running it, its outcome in the table for any instance to read.
import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import { Piscina } from 'piscina';
import { databaseErrorMessage, takingTurns } from '../../orm.js';
import type { IngestProgress, IngestRequest } from '../../ingest/ingest.js';
import { IngestJob, IngestJobStatus } from './ingest-job.entity.js';
import type { IngestOutcome, IngestTask } from './ingest.worker.js';

// the worker thread runs the built file, also when these sources run uncompiled (under vitest)
const HERE = fileURLToPath(import.meta.url);
const WORKER = HERE.endsWith('.ts') ? HERE.replace(/\/src\/modules\/ingest-job\/ingest-job\.service\.ts$/, '/dist/src/modules/ingest-job/ingest.worker.js') : HERE.replace(/ingest-job\.service\.js$/, 'ingest.worker.js');

/** the heap a job may use: a document that needs more fails, and the server goes on */
export const JOB_HEAP_MB = 1536;

/** jobs waiting beyond this many are refused (RATE_LIMITED): a queue that cannot be worked through is no queue */
export const MAX_QUEUED_JOBS = 20;

export class JobQueueFull extends Error {}

const runners = new WeakMap<MikroORM, IngestJobs>();

export class IngestJobs {
  private readonly pool: Piscina<IngestTask, IngestOutcome> | null;
  private readonly progress = new Map<string, IngestProgress>();
  private readonly running = new Set<Promise<void>>();

  private constructor(private readonly orm: MikroORM) {
    const dbName = orm.config.get('dbName');
    const inMemory = !orm.config.get('clientUrl') && (!dbName || dbName === ':memory:');
    // one worker: writes to a database take turns anyway; a database in memory cannot be shared with a thread
    this.pool = inMemory
      ? null
      : new Piscina({ filename: WORKER, minThreads: 0, maxThreads: 1, idleTimeout: 30_000, maxQueue: MAX_QUEUED_JOBS, resourceLimits: { maxOldGenerationSizeMb: JOB_HEAP_MB } });
  }

  /** the job runner of a database, made on first use */
  static of(orm: MikroORM): IngestJobs {
    let jobs = runners.get(orm);
    if (!jobs) runners.set(orm, (jobs = new IngestJobs(orm)));
    return jobs;
  }

  /** records the job and starts it; answers at once */
  async submit(request: IngestRequest, actor: string): Promise<IngestJob> {
    if (this.pool && this.pool.queueSize >= MAX_QUEUED_JOBS) throw new JobQueueFull(`${MAX_QUEUED_JOBS} ingest jobs are waiting already`);
    const job = await takingTurns(async () => {
      const em = this.orm.em.fork();
      const row = em.create(IngestJob, { id: randomUUID(), status: IngestJobStatus.QUEUED, fileName: request.fileName, actor, dryRun: request.dryRun, createdAt: new Date().toISOString() });
      await em.flush();
      return row;
    });
    const work = this.run(job.id, request, actor).finally(() => this.running.delete(work));
    this.running.add(work);
    return job;
  }

  /** how far a job running in this process has got; undefined before its worker has begun */
  progressOf(id: string): IngestProgress | undefined {
    return this.progress.get(id);
  }

  private async run(id: string, request: IngestRequest, actor: string): Promise<void> {
    let outcome: IngestOutcome | { error: string };
    try {
      if (this.pool) {
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (p: IngestProgress) => this.progress.set(id, p));
        const target = this.orm.config.get('clientUrl') ? { databaseUrl: this.orm.config.get('clientUrl') } : { dbPath: this.orm.config.get('dbName') };
        try {
          outcome = await this.pool.run({ target, request, actor, port: port2 }, { transferList: [port2] });
        } finally {
          port1.close();
        }
      } else {
        const { default: ingest } = await import('./ingest.worker.js');
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (p: IngestProgress) => this.progress.set(id, p));
        outcome = await ingest({ target: {}, request, actor, port: port2 }, this.orm);
        port1.close();
      }
    } catch (error) {
      const e = error as Error & { code?: string };
      outcome = { error: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needed more than the ${JOB_HEAP_MB} MB a job may use` : (databaseErrorMessage(error) ?? e.message) };
    }
    await takingTurns(async () => {
      const em = this.orm.em.fork();
      const job = await em.findOneOrFail(IngestJob, { id });
      job.finishedAt = new Date().toISOString();
      if ('summary' in outcome) {
        job.status = IngestJobStatus.SUCCEEDED;
        job.result = JSON.stringify(outcome.summary);
      } else {
        job.status = IngestJobStatus.FAILED;
        job.error = 'refusal' in outcome ? outcome.refusal.message : `the ingest failed: ${outcome.error}`;
        job.errorCode = 'refusal' in outcome ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
      }
      await em.flush();
    }).catch((error: unknown) => process.emitWarning(`ingest job ${id} finished but could not be recorded: ${(error as Error).message}`));
    this.progress.delete(id);
  }

  /** waits for the jobs this process is running, then stops the worker */
  async close(): Promise<void> {
    await Promise.all(this.running);
    await this.pool?.destroy();
    runners.delete(this.orm);
  }
}
