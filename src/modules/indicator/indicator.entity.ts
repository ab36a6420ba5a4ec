import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { IndicatorDirection } from './indicator.enums.js';
import { Role } from '../common/enums.js';
import { Node } from '../../graphql/relay.js';
import { Document } from '../document/document.entity.js';
import { Task } from '../task/task.entity.js';
import { Unit } from '../unit/unit.entity.js';

@Entity({ tableName: 'indicator' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A quantified target a plan sets 指标 (目标指标, 分项目标): metric, direction, value, deadline, and who answers for it.' })
export class Indicator {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @ManyToOne(() => Task, { fieldName: 'task_id', deleteRule: 'cascade' })
  task!: Rel<Task>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The measure 指标名称, as written without its scope, e.g. 生产安全事故死亡人数, 行政执法装备配备达标率.' })
  metric!: string;

  // what observations are matched on: 全省各类…亡人事故死亡人数 and …事故死亡人数 are one measure
  @Property({ type: 'text' })
  @Index()
  metricKey!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who or where the measure is taken over 统计范围, when written before it, e.g. 市县两级应急管理部门.' })
  scope?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the metric is counted in 计量单位: 人, 起, %, ‰, 人/亿元, 人/十万人, 人/百万吨; null when the text does not tell.' })
  unitOfMeasure?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The reference a change is measured against 基期, e.g. “十三五”期末; null when none is written.' })
  baseline?: string | null;

  @Enum({ items: () => IndicatorDirection })
  @Field(() => IndicatorDirection, { description: 'What the target asks of the metric 目标方向.' })
  direction!: IndicatorDirection;

  @Property({ type: 'double' })
  @Field(() => Float, { description: 'The figure of the target 目标值, e.g. 15 for 下降15%, 0.04 for <0.04.' })
  targetValue!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Unit of `targetValue`: %, ‰ or 个百分点; for an absolute value the metric’s own unit (人/百万吨).' })
  targetUnit?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'When it is due 完成时限, as written or implied: 2025年, or “十四五”期末 for the targets of a 十四五 plan that name no date.' })
  deadline?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The year it is due, where the deadline tells (“十四五”期末 → 2025).' })
  deadlineYear?: number | null;

  @Property({ type: 'text' })
  evidenceText!: string;

  @Property({ type: 'integer' })
  evidenceStart!: number;

  @Property({ type: 'integer' })
  evidenceEnd!: number;
}

/** a unit the indicator's task makes answerable for it (牵头 / 负责) */
@Entity({ tableName: 'indicator_owner' })
export class IndicatorOwner {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Indicator, { fieldName: 'indicator_id', deleteRule: 'cascade' })
  indicator!: Rel<Indicator>;

  @ManyToOne(() => Unit, { fieldName: 'unit_id' })
  unit!: Rel<Unit>;

  @Enum({ items: () => Role })
  role!: Role;
}

@Entity({ tableName: 'observation' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A figure a document reports for a metric 统计数据 (同比下降12.04%), with the sentence that gives it.' })
export class Observation {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @ManyToOne(() => Task, { nullable: true, fieldName: 'task_id', deleteRule: 'set null' })
  task?: Rel<Task> | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The measure 指标名称, e.g. 生产安全亡人事故死亡人数, 受灾人口 (a list’s shared subject carried to each measure).' })
  metric!: string;

  @Property({ type: 'text' })
  @Index()
  metricKey!: string;

  @Property({ type: 'double', fieldName: 'obs_value' })
  @Field(() => Float, { description: 'The figure stated 数值: a level (426), or, where the text gives only the change, the change itself, signed (−12.04 for 下降12.04%).' })
  value!: number;

  @Property({ type: 'text', nullable: true, fieldName: 'value_unit' })
  @Field(() => String, { nullable: true, description: 'Unit of `value` 单位: % for a relative change, 起, 人 …' })
  unit?: string | null;

  @Property({ type: 'text', nullable: true, fieldName: 'change_text' })
  @Field(() => String, { nullable: true, description: 'The change as stated 变化 (分别 dropped), e.g. 同比下降12.04% or 同比减少87起、下降16.96%.' })
  change?: string | null;

  @Property({ type: 'text', nullable: true, fieldName: 'obs_period' })
  @Field(() => String, { nullable: true, description: 'The period the figure is for 统计期, e.g. 2025 or 2022年1-11月 (a month range in a report takes the report’s year).' })
  period?: string | null;

  @Property({ type: 'text' })
  evidenceText!: string;

  @Property({ type: 'integer' })
  evidenceStart!: number;

  @Property({ type: 'integer' })
  evidenceEnd!: number;
}
