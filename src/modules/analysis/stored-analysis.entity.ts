import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, type Rel } from '@mikro-orm/core';
import { Task } from '../task/task.entity.js';
import { Document } from '../document/document.entity.js';
import { Unit } from '../unit/unit.entity.js';
import { GapKind, OverlapKind } from './analysis.types.js';

/**
 * A responsibility gap of a task that its own assignments decide (nobody accountable; only
 * collectives or open lists), kept up to date by every write that changes a document's tasks or
 * assignments (stored-analysis.ts), so that the gaps of a province or the whole country are read,
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

/** A role overlap of a task (several leads; a unit both leading and cooperating), kept like TaskGap. */
@Entity({ tableName: 'task_overlap' })
@Index({ properties: ['document', 'overlapKey'] })
export class TaskOverlap {
  [PrimaryKeyProp]?: 'overlapKey';

  /** the list's order and cursor: task, kind, unit (stored-analysis.ts overlapKeySql) */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  overlapKey!: number;

  @ManyToOne(() => Task, { fieldName: 'task_id', deleteRule: 'cascade' })
  task!: Rel<Task>;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @Enum({ items: () => OverlapKind })
  kind!: OverlapKind;

  /** LEAD_AND_COOPERATE: the unit; MULTIPLE_LEADS: none (the leads are read with the page) */
  @ManyToOne(() => Unit, { fieldName: 'unit_id', nullable: true, deleteRule: 'cascade' })
  unit?: Rel<Unit> | null;
}
