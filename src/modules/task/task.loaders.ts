import DataLoader from 'dataloader';
import type { TaskKind } from '../common/enums.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';
import { pagedLoader } from '../../graphql/paging.js';

export interface TaskRow {
  rowId: number;
  documentId: number;
  parentId: number | null;
  ordinal: number;
  depth: number;
  label: string;
  path: string;
  title: string;
  /** absent in rows of the graph's loaders: read by taskText when a query asks for it */
  text?: string;
  kind: TaskKind;
  deadline: string | null;
  target: string | null;
  start: number;
  end: number;
  version: number;
}

// without the body text, for the reason ASSIGNMENT_COLUMNS leaves out the clauses
export const TASK_COLUMNS = `t.row_id as "rowId", t.document_id as "documentId", t.parent_id as "parentId", t.ordinal as "ordinal", t.depth as "depth",
  t.label as "label", t.path as "path", t.title as "title", t.kind as "kind", t.deadline as "deadline", t.target as "target",
  t.span_start as "start", t.span_end as "end", t.version as "version"`;

export function taskLoaders(sql: Sql) {
  return {
    taskById: new DataLoader<number, TaskRow | null>(async (ids) => {
      const rows = await sql.all<TaskRow>(`/* taskById */ select ${TASK_COLUMNS} from task t where t.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    taskText: new DataLoader<number, string>(async (ids) => {
      const rows = await sql.all<{ rowId: number; text: string }>(`/* taskText */ select t.row_id as "rowId", t.text as "text" from task t where t.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r.text]));
      return ids.map((id) => byId.get(id) ?? new Error(`task ${id} is gone`));
    }),
    childrenByTaskId: new DataLoader<number, TaskRow[]>(async (ids) => {
      const rows = await sql.all<TaskRow>(
        `/* childrenByTaskId */ select ${TASK_COLUMNS} from task t where t.parent_id in (${placeholders(ids.length)}) order by t.ordinal`,
        [...ids],
      );
      const byParent = groupBy(rows, (r) => r.parentId);
      return ids.map((id) => byParent.get(id) ?? []);
    }),
    tasksByDocument: pagedLoader<number, TaskRow & Record<string, unknown>>(sql, {
      columns: TASK_COLUMNS,
      from: 'task t',
      parent: 't.document_id',
      order: 't.ordinal',
      orderKey: 'ordinal',
      list: 'Document.tasks',
    }),
  };
}
