import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Document } from '../document/document.entity.js';
import { SearchHitKind } from './search.types.js';

/**
 * The search index: every distinct character unigram and bigram of one indexed field of a task,
 * unit or document (Chinese has no spaces to split words at; bigrams make a two-character query
 * exact, unigrams a one-character one). The key is also the lookup index: token first.
 */
@Entity({ tableName: 'search_token' })
@Index({ properties: ['targetKind', 'targetId'] })
export class SearchToken {
  [PrimaryKeyProp]?: ['token', 'targetKind', 'targetId', 'field'];

  @PrimaryKey({ type: 'text' })
  token!: string;

  /** TASK, UNIT or DOCUMENT */
  @PrimaryKey({ type: 'text' })
  targetKind!: SearchHitKind;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  targetId!: number;

  /** title, text, number, name or alias */
  @PrimaryKey({ type: 'text' })
  field!: string;

  // the document a task or document target belongs to: re-indexing it also drops the tokens of its removed tasks
  @ManyToOne(() => Document, { nullable: true, fieldName: 'document_id', deleteRule: 'cascade' })
  document?: Rel<Document> | null;
}

/**
 * The canonical text of one indexed field (one row per alias of a unit): candidates found by
 * their tokens are verified with LIKE and ranked by occurrences and length against it.
 */
@Entity({ tableName: 'search_field' })
@Index({ properties: ['targetKind', 'targetId', 'field'] })
export class SearchField {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @Enum({ items: () => SearchHitKind })
  targetKind!: SearchHitKind;

  @Property({ type: 'integer' })
  targetId!: number;

  @Property({ type: 'text' })
  field!: string;

  /** canonical: whitespace removed, full- and half-width forms made one (see search.text.ts) */
  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => Document, { nullable: true, fieldName: 'document_id', deleteRule: 'cascade' })
  document?: Rel<Document> | null;
}
