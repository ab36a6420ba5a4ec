import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../../graphql/relay.js';

/**
 * One change to the graph 变更记录, from any path (seed, ingest, later mutations). Never updated
 * or deleted: the database refuses both (triggers), and each record carries the hash of the one
 * before it, so a break in the chain shows.
 */
@Entity({ tableName: 'audit_record' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'One change to the graph 变更记录: who, when, what, and the state before and after; chained by hashes.' })
export class AuditRecord {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @Property({ type: 'text' })
  @Index()
  @Field(() => GraphQLDateTime, { description: 'When (UTC).' })
  at!: string;

  @Property({ type: 'text' })
  @Index()
  @Field(() => String, { description: 'Who: a token’s name, or `cli` for the command line.' })
  actor!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What was done: SEED, INGEST, …' })
  operation!: string;

  @Property({ type: 'text' })
  @Index()
  @Field(() => String, { description: 'The kind of object changed (Document, Task, Unit, Assignment …).' })
  entity!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The changed object’s key (a row id or a source file).' })
  entityKey!: string;

  // kept as the JSON text the hash chain covers; the API gives it as JSON (AuditLogResolver)
  @Property({ type: 'text', nullable: true })
  before?: string | null;

  @Property({ type: 'text', nullable: true })
  after?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The hash of the record before this one (64 zeros for the first).' })
  prevHash!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'SHA-256 of this record’s fields and `prevHash`.' })
  hash!: string;
}
