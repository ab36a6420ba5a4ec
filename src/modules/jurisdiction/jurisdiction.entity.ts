import { Entity, PrimaryKeyProp, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Level } from '../common/enums.js';
import { Node } from '../../graphql/relay.js';

@Entity({ tableName: 'jurisdiction' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'An administrative division 行政区划 (GB/T 2260): a province, city or county.' })
export class Jurisdiction {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => String, { description: 'GB/T 2260 code 行政区划代码, e.g. 140500 for 晋城市.' })
  code!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name 名称, e.g. 晋城市, 泽州县.' })
  name!: string;

  @Enum({ items: () => Level })
  @Field(() => Level, { description: 'Level 层级.' })
  level!: Level;

  @ManyToOne(() => Jurisdiction, { nullable: true, fieldName: 'parent_code' })
  parent?: Rel<Jurisdiction> | null;
}
