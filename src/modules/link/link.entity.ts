import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReviewStatus } from '../assignment/assignment.entity.js';
import { Node } from '../../graphql/relay.js';
import { Task } from '../task/task.entity.js';

export enum LinkMethod {
  STATED = 'STATED',
  INFERRED = 'INFERRED',
  MANUAL = 'MANUAL',
}
registerEnumType(LinkMethod, {
  name: 'LinkMethod',
  description: 'How a link between two tasks is known 关联依据.',
  valuesConfig: {
    STATED: { description: '文件明示 — the implementing document states it carries out the other' },
    INFERRED: { description: '文本相似推断 — inferred from the similarity of the two tasks’ text; see `score`' },
    MANUAL: { description: '人工确认 — recorded by a person' },
  },
});

export enum LinkRelation {
  IMPLEMENTS = 'IMPLEMENTS',
  CONTINUES = 'CONTINUES',
  CORRESPONDS = 'CORRESPONDS',
  REPORTS_ON = 'REPORTS_ON',
}
registerEnumType(LinkRelation, {
  name: 'LinkRelation',
  description: 'What one task is to the other 关联类型; a link always runs from `implementer` to `implemented`, in the direction dates and levels give it.',
  valuesConfig: {
    IMPLEMENTS: { description: '落实 — a lower-level task carries out a higher-level task issued no later than it' },
    CONTINUES: { description: '延续 — the same government takes the work up again in a later document (from the later task to the earlier)' },
    CORRESPONDS: { description: '对应 — the same work at another level, not in date order: the lower-level document came first (from the lower task to the higher)' },
    REPORTS_ON: { description: '报告 — an item of a progress report or news write-up about the doing of an earlier task (from the report to the task)' },
  },
});

/** one task taking up the work of another: carrying it out (落实), continuing it, matching it at another level, reporting on it */
@Entity({ tableName: 'task_link' })
@Unique({ properties: ['implementer', 'implemented'] })
// implementedBy: the unique key leads with the other side
@Index({ properties: ['implemented'] })
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'Two tasks of different documents that take up the same work 任务关联, from `implementer` (the lower-level or later task) to `implemented`, with the `relation` between them and the evidence.',
})
export class TaskLink {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Task, { fieldName: 'implementer_id', deleteRule: 'cascade' })
  implementer!: Rel<Task>;

  @ManyToOne(() => Task, { fieldName: 'implemented_id', deleteRule: 'cascade' })
  implemented!: Rel<Task>;

  // no index of its own: four values, and SQLite (without statistics) would pick it over the task's
  @Enum({ items: () => LinkRelation, default: LinkRelation.IMPLEMENTS })
  @Field(() => LinkRelation, { description: 'What `implementer` is to `implemented`: carries it out, continues it, matches it at another level, or reports on it.' })
  relation: LinkRelation = LinkRelation.IMPLEMENTS;

  @Enum({ items: () => LinkMethod })
  @Field(() => LinkMethod, { description: 'How the link is known.' })
  method!: LinkMethod;

  @Property({ type: 'double', nullable: true })
  @Index()
  @Field(() => Float, { nullable: true, description: 'For INFERRED links: how alike the two tasks are, 0–1 (words, titles, sectors and units; see docs/LINKS.md).' })
  score?: number | null;

  @Property({ type: 'text' })
  implementerSentence!: string;

  @Property({ type: 'integer' })
  implementerStart!: number;

  @Property({ type: 'text' })
  implementedSentence!: string;

  @Property({ type: 'integer' })
  implementedStart!: number;

  // a person's verdict: a reviewed link is MANUAL, so re-ingesting either document keeps it; a REJECTED one stays as the record and is not shown
  @Enum({ items: () => ReviewStatus, default: ReviewStatus.EXTRACTED })
  @Field(() => ReviewStatus, { description: 'EXTRACTED (computed, unreviewed), CONFIRMED (by a person: linkTasks) or REJECTED (unlinkTasks; such links are hidden from implements/implementedBy).' })
  review: ReviewStatus = ReviewStatus.EXTRACTED;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Version, raised by every change; an update naming an older one fails with CONFLICT.' })
  version: number = 1;

  [OptionalProps]?: 'review' | 'version' | 'relation';
}

/** two tasks of different documents that say much the same: the raw material of links and near-duplicates */
@Entity({ tableName: 'task_similarity' })
@Unique({ properties: ['a', 'b'] })
export class TaskSimilarity {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  // a is the task with the smaller row id
  @ManyToOne(() => Task, { fieldName: 'a_id', deleteRule: 'cascade' })
  a!: Rel<Task>;

  @ManyToOne(() => Task, { fieldName: 'b_id', deleteRule: 'cascade' })
  b!: Rel<Task>;

  @Property({ type: 'double' })
  @Index()
  score!: number;
}
