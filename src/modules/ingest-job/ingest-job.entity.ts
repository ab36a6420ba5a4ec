import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

export enum IngestJobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(IngestJobStatus, {
  name: 'IngestJobStatus',
  description: 'Where an ingest job stands 导入任务状态.',
  valuesConfig: {
    QUEUED: { description: '排队 — waiting for the ingest worker' },
    RUNNING: { description: '进行中 — being read, parsed and written' },
    SUCCEEDED: { description: '完成 — done; `result` is the report' },
    FAILED: { description: '失败 — nothing was written; `error` says why' },
  },
});

/** a document being ingested off the request path; its row outlives the process that ran it */
@Entity({ tableName: 'ingest_job' })
export class IngestJob {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Enum({ items: () => IngestJobStatus })
  status!: IngestJobStatus;

  @Property({ type: 'text' })
  fileName!: string;

  /** who submitted it: the token's name */
  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'boolean' })
  dryRun!: boolean;

  @Property({ type: 'text' })
  createdAt!: string;

  @Property({ type: 'text', nullable: true })
  finishedAt?: string | null;

  /** JSON of the IngestDocumentPayload, without its document (read by id) */
  @Property({ type: 'text', nullable: true })
  result?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  /** GraphQL error code of a refusal (BAD_USER_INPUT) or INTERNAL_SERVER_ERROR */
  @Property({ type: 'text', nullable: true })
  errorCode?: string | null;
}
