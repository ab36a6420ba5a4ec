import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, type Rel } from '@mikro-orm/core';
import { Task } from '../task/task.entity.js';
import { Document } from '../document/document.entity.js';
import { GapKind } from './analysis.types.js';

/**
 * A responsibility gap of a task that its own assignments decide (nobody accountable; only
 * collectives or open lists), kept up to date by every write that changes a document's tasks or
 * assignments (gaps.service.ts), so that the gaps of a province or the whole country are read,
 * not computed per request. NOT_IMPLEMENTED depends on the lower level asked for and is computed.
 */
@Entity({ tableName: 'task_gap' })
@Index({ properties: ['document', 'gapKey'] })
export class TaskGap {
  [PrimaryKeyProp]?: 'gapKey';

  /** the task's row id × 10 + the kind's place in GapKind: the order and the cursor of the gaps list */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  gapKey!: number;

  @ManyToOne(() => Task, { fieldName: 'task_id', deleteRule: 'cascade' })
  task!: Rel<Task>;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @Enum({ items: () => GapKind })
  kind!: GapKind;
}
