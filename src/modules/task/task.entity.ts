import { Entity, PrimaryKeyProp, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { TaskKind } from '../common/enums.js';
import { Node } from '../../graphql/relay.js';
import { Document } from '../document/document.entity.js';

@Entity({ tableName: 'task' })
@Index({ properties: ['document', 'ordinal'] })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A numbered item of a document 条目, at any level: a chapter, task, sub-topic, target, project, measure …' })
export class Task {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @ManyToOne(() => Task, { nullable: true, fieldName: 'parent_id', deleteRule: 'cascade' })
  parent?: Rel<Task> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Position in document order 文中顺序 (0 = first item).' })
  ordinal!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Nesting depth (0 = top level).' })
  depth!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The label as written 编号, e.g. （五）, (十), 1., 一、; empty for an unnumbered sub-topic.' })
  label!: string;

  @Property({ type: 'text' })
  @Index()
  @Field(() => String, { description: 'Labels from the top, normalised, e.g. 三/（十） or 四/（二十一）/森林草原火灾 (unnumbered items use their title).' })
  path!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Heading or run-in title 标题, e.g. 煤矿领域专项整治.' })
  title!: string;

  // the GraphQL field is TaskResolver.text: list queries read it only when asked
  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => TaskKind })
  @Field(() => TaskKind, { description: 'What kind of item this is 条目类型.' })
  kind!: TaskKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Deadline as stated 完成时限 (6月底前, 年内, 2025年 …), when the item states one.' })
  deadline?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Quantified target as stated 量化目标 (下降15%, 达到90% …), when the item states one.' })
  target?: string | null;

  @Property({ type: 'integer', fieldName: 'span_start' })
  @Field(() => Int, { description: 'Start offset of the item (label included) in the cleaned document text.' })
  start!: number;

  @Property({ type: 'integer', fieldName: 'span_end' })
  @Field(() => Int, { description: 'End offset (exclusive) of the item and its children in the cleaned text.' })
  end!: number;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Version, raised by every change; an update naming an older one fails with CONFLICT.' })
  version: number = 1;

  [OptionalProps]?: 'version';
}
