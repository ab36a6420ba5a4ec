import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Document } from '../document/document.entity.js';
import { SearchHitKind } from './search.types.js';

/**
 * One indexed piece of text: a task's title or body, a unit's name or one alias, a document's
 * title, number or a piece of its body (long texts are cut in overlapping pieces, see
 * search.text.ts), canonical. The database's full-text engine indexes it by row id —
 * SQLite's FTS5 table search_grams, PostgreSQL's GIN indexes on the column grams (both made by
 * search.engine.ts, which the entity does not describe); hits are verified and ranked on the text.
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

  /** a heading (title, name, alias, number), which ranks above body text */
  @Property({ type: 'boolean', default: false })
  heading!: boolean;

  /** of text, in characters: ranking divides by it */
  @Property({ type: 'integer', default: 0 })
  length!: number;

  /** canonical: whitespace removed, full- and half-width forms made one (see search.text.ts) */
  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => Document, { nullable: true, fieldName: 'document_id', deleteRule: 'cascade' })
  document?: Rel<Document> | null;
}
