import DataLoader from 'dataloader';
import type { Role } from '../common/enums.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';
import { pagedLoader } from '../../graphql/paging.js';

export interface AssignmentRow {
  rowId: number;
  taskId: number;
  unitId: number;
  role: Role;
  mention: string;
  implicit: boolean;
  /** absent in rows of the graph's loaders: read by assignmentTexts when a query asks for them */
  clauseText?: string;
  clauseStart: number;
  clauseEnd: number;
  openEnded: boolean;
  clausePage: number | null;
  clauseConfidence: number | null;
  basisText?: string | null;
  basisStart: number | null;
  basisEnd: number | null;
  phrase: string | null;
  review: string;
  version: number;
}

// without the clause texts: most queries of a list of assignments ask for roles and units, and turning
// every row's Chinese text into a string halved the speed of reading them (112 rows at M: 1.18 ms, 0.53 without)
export const ASSIGNMENT_COLUMNS = `a.row_id as "rowId", a.task_id as "taskId", a.unit_id as "unitId", a.role as "role", a.mention as "mention",
  a.implicit as "implicit", a.clause_start as "clauseStart", a.clause_end as "clauseEnd",
  a.open_ended as "openEnded", a.clause_page as "clausePage", a.clause_confidence as "clauseConfidence", a.basis_start as "basisStart", a.basis_end as "basisEnd", a.phrase as "phrase",
  a.review as "review", a.version as "version"`;
export const ASSIGNMENT_TEXT_COLUMNS = `a.clause_text as "clauseText", a.basis_text as "basisText"`;

export type AssignmentTexts = Required<Pick<AssignmentRow, 'clauseText' | 'basisText'>>;

export function assignmentLoaders(sql: Sql) {
  return {
    assignmentById: new DataLoader<number, AssignmentRow | null>(async (ids) => {
      const rows = await sql.all<AssignmentRow>(`/* assignmentById */ select ${ASSIGNMENT_COLUMNS} from assignment a where a.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    assignmentTexts: new DataLoader<number, AssignmentTexts>(async (ids) => {
      const rows = await sql.all<AssignmentTexts & { rowId: number }>(
        `/* assignmentTexts */ select a.row_id as "rowId", ${ASSIGNMENT_TEXT_COLUMNS} from assignment a where a.row_id in (${placeholders(ids.length)})`,
        [...ids],
      );
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? new Error(`assignment ${id} is gone`));
    }),
    assignmentsByTaskId: new DataLoader<number, AssignmentRow[]>(async (ids) => {
      const rows = await sql.all<AssignmentRow>(
        `/* assignmentsByTaskId */ select ${ASSIGNMENT_COLUMNS} from assignment a where a.task_id in (${placeholders(ids.length)}) order by a.row_id`,
        [...ids],
      );
      const byTask = groupBy(rows, (r) => r.taskId);
      return ids.map((id) => byTask.get(id) ?? []);
    }),
    assignmentsByUnit: pagedLoader<number, AssignmentRow & Record<string, unknown>>(sql, {
      columns: ASSIGNMENT_COLUMNS,
      from: 'assignment a',
      parent: 'a.unit_id',
      order: 'a.row_id',
      orderKey: 'rowId',
      list: 'Unit.assignments',
    }),
  };
}
