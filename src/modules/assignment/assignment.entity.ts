import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../common/enums.js';
import { Node } from '../../graphql/relay.js';
import { Task } from '../task/task.entity.js';
import { Unit } from '../unit/unit.entity.js';

export enum ReviewStatus {
  EXTRACTED = 'EXTRACTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}
registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'Whether a person has checked an assignment 审核状态.',
  valuesConfig: {
    EXTRACTED: { description: '自动提取 — as the parser read it' },
    CONFIRMED: { description: '已确认 — a person confirmed it' },
    REJECTED: { description: '已驳回 — a person rejected it (kept, for the record)' },
  },
});

@Entity({ tableName: 'assignment' })
@Unique({ properties: ['task', 'unit', 'role'] })
// a unit's assignments, in keyset order (the unique key leads with the task)
@Index({ properties: ['unit', 'rowId'] })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A unit given a role in a task 任务分工, with the clause of the document that says so.' })
export class Assignment {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Task, { fieldName: 'task_id', deleteRule: 'cascade' })
  task!: Rel<Task>;

  @ManyToOne(() => Unit, { fieldName: 'unit_id' })
  unit!: Rel<Unit>;

  @Enum({ items: () => Role })
  @Field(() => Role, { description: 'The role 职责: LEAD 牵头, SHARED 分工负责, RESPONSIBLE 负责, COOPERATE 配合, SUPERVISE 督促落实, OTHER.' })
  role!: Role;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The unit exactly as written in the clause 原文称谓, e.g. 各市、县人民政府 or 省应急厅.' })
  mention!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'The unit is not named at this task but implied by a sentence elsewhere (以下均需…负责); see `basis`.' })
  implicit!: boolean;

  @Property({ type: 'text' })
  clauseText!: string;

  @Property({ type: 'integer' })
  clauseStart!: number;

  @Property({ type: 'integer' })
  clauseEnd!: number;

  @Property({ type: 'boolean' })
  openEnded!: boolean;

  /** for a paged source: the page the clause starts on */
  @Property({ type: 'integer', nullable: true })
  clausePage?: number | null;

  /** for text read by OCR: the lowest confidence of the lines the clause spans */
  @Property({ type: 'double', nullable: true })
  clauseConfidence?: number | null;

  @Property({ type: 'text', nullable: true })
  basisText?: string | null;

  @Property({ type: 'integer', nullable: true })
  basisStart?: number | null;

  @Property({ type: 'integer', nullable: true })
  basisEnd?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'For role OTHER: the phrase that stands for the role (结合实际落实 …).' })
  phrase?: string | null;

  @Enum({ items: () => ReviewStatus, default: ReviewStatus.EXTRACTED })
  @Field(() => ReviewStatus, { description: 'Whether a person has checked it: EXTRACTED (as read), CONFIRMED, REJECTED.' })
  review: ReviewStatus = ReviewStatus.EXTRACTED;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Version, raised by every change; an update naming an older one fails with CONFLICT.' })
  version: number = 1;

  [OptionalProps]?: 'review' | 'version';
}
