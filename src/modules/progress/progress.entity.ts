import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { ProgressStatus } from './progress.enums.js';
import { Node } from '../../graphql/relay.js';
import { Document } from '../document/document.entity.js';
import { Task } from '../task/task.entity.js';
import { Unit } from '../unit/unit.entity.js';

@Entity({ tableName: 'progress_report' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'The status a progress report gives a task 进展情况/完成状态, with the sentence that states it.' })
export class ProgressReport {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Task, { fieldName: 'task_id', deleteRule: 'cascade' })
  task!: Rel<Task>;

  // the report it was read from: replacing that document replaces its reports; null for one recorded by a person without a source document
  @ManyToOne(() => Document, { nullable: true, fieldName: 'document_id', deleteRule: 'cascade' })
  document?: Rel<Document> | null;

  @ManyToOne(() => Unit, { nullable: true, fieldName: 'reporting_unit_id' })
  reportingUnit?: Rel<Unit> | null;

  @Property({ type: 'text', nullable: true, fieldName: 'reported_on' })
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of the report 报告日期, the document’s date; null when the document gives none.' })
  date?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year reported on 报告年度, the document’s year.' })
  year?: number | null;

  @Enum({ items: () => ProgressStatus })
  @Field(() => ProgressStatus, { description: 'The status stated 完成状态.' })
  status!: ProgressStatus;

  @Property({ type: 'text' })
  evidenceText!: string;

  @Property({ type: 'integer' })
  evidenceStart!: number;

  @Property({ type: 'integer' })
  evidenceEnd!: number;

  // who recorded it through the API (a token's name); null when it was read from a document
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who recorded it through recordProgress (a token’s name); null when it was read from a document.' })
  recordedBy?: string | null;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Version, raised by every change.' })
  version: number = 1;

  [OptionalProps]?: 'version';
}
