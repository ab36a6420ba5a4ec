import DataLoader from 'dataloader';
import type { ProgressStatus } from './progress.enums.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';

export interface ProgressRow {
  rowId: number;
  taskId: number;
  documentId: number | null;
  reportingUnitId: number | null;
  date: string | null;
  year: number | null;
  status: ProgressStatus;
  evidenceText: string;
  evidenceStart: number;
  evidenceEnd: number;
  recordedBy: string | null;
  version: number;
}

export const PROGRESS_COLUMNS = `p.row_id as "rowId", p.task_id as "taskId", p.document_id as "documentId", p.reporting_unit_id as "reportingUnitId",
  p.reported_on as "date", p.year as "year", p.status as "status", p.evidence_text as "evidenceText", p.evidence_start as "evidenceStart", p.evidence_end as "evidenceEnd",
  p.recorded_by as "recordedBy", p.version as "version"`;

export function progressLoaders(sql: Sql) {
  return {
    progressReportById: new DataLoader<number, ProgressRow | null>(async (ids) => {
      const rows = await sql.all<ProgressRow>(`/* progressReportById */ select ${PROGRESS_COLUMNS} from progress_report p where p.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    progressByTaskId: new DataLoader<number, ProgressRow[]>(async (ids) => {
      const rows = await sql.all<ProgressRow>(
        `/* progressByTaskId */ select ${PROGRESS_COLUMNS} from progress_report p where p.task_id in (${placeholders(ids.length)}) order by p.row_id`,
        [...ids],
      );
      const byTask = groupBy(rows, (r) => r.taskId);
      return ids.map((id) => byTask.get(id) ?? []);
    }),
  };
}
export type ProgressLoaders = ReturnType<typeof progressLoaders>;
