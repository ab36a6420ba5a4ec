import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, type Rel, Unique } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Level, UnitKind } from '../common/enums.js';
import { Node } from '../../graphql/relay.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';

@Entity({ tableName: 'unit' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A body that can be given work 责任单位: a government, department, committee, office, agency, or a collective phrase that stands for many.' })
export class Unit {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @Property({ type: 'text' })
  @Unique()
  @Field(() => String, { description: 'Canonical full name 规范全称, e.g. 山西省应急管理厅.' })
  name!: string;

  @Enum({ items: () => UnitKind })
  @Field(() => UnitKind, { description: 'Kind of body 单位类型.' })
  kind!: UnitKind;

  @Enum({ items: () => Level })
  @Field(() => Level, { description: 'Level it works at 层级.' })
  level!: Level;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Functional sector 条线 (应急管理, 财政, 公安, 住房城乡建设 …): the same sector at another level is a counterpart.' })
  sector?: string | null;

  @ManyToOne(() => Jurisdiction, { nullable: true, fieldName: 'jurisdiction_code' })
  jurisdiction?: Rel<Jurisdiction> | null;

  @ManyToOne(() => Unit, { nullable: true, fieldName: 'parent_id' })
  parent?: Rel<Unit> | null;

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'The name followed a known pattern of the lexicon; false for units created from an unknown name (to be reviewed).' })
  verified: boolean = true;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Version, raised by every change; an update naming an older one fails with CONFLICT.' })
  version: number = 1;

  [OptionalProps]?: 'verified' | 'version';
}

@Entity({ tableName: 'unit_alias' })
@Unique({ properties: ['unit', 'alias'] })
export class UnitAlias {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Unit, { fieldName: 'unit_id', deleteRule: 'cascade' })
  unit!: Rel<Unit>;

  // not unique: 市应急局 is a different unit in every city
  @Property({ type: 'text' })
  @Index()
  alias!: string;
}

/** a collective unit (各县（市、区）人民政府) and one of the units it stands for */
@Entity({ tableName: 'unit_member' })
@Unique({ properties: ['collective', 'member'] })
// a unit's collectives: the unique key leads with the collective
@Index({ properties: ['member'] })
export class UnitMember {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Unit, { fieldName: 'collective_id', deleteRule: 'cascade' })
  collective!: Rel<Unit>;

  @ManyToOne(() => Unit, { fieldName: 'member_id', deleteRule: 'cascade' })
  member!: Rel<Unit>;
}

/** a new name for a unit from a date on 更名 (机构改革): the old name stays an alias, so documents that use it still resolve */
@Entity({ tableName: 'unit_name_change' })
@ObjectType({ simpleResolvers: true, description: 'A unit’s change of name 更名记录, from a date on (机构改革); the old name stays an alias.' })
export class UnitNameChange {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Unit, { fieldName: 'unit_id', deleteRule: 'cascade' })
  unit!: Rel<Unit>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The name before 原名称.' })
  fromName!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The name after 新名称.' })
  toName!: string;

  @Property({ type: 'text' })
  @Field(() => GraphQLLocalDate, { description: 'The day the new name takes effect 生效日期.' })
  effectiveDate!: string;
}
