// The 任务分工表's rows, read once for both tables: the CSV (a data file: full names, one row per
// task) and the printed XLSX (xlsx.ts: names as the document writes them, chapters as bands).
import { stringify } from 'csv-stringify/sync';
import { Role } from '../common/enums.js';
import { groupBy } from '../../graphql/sql.js';
import type { DocumentRow } from '../document/document.loaders.js';
import type { TaskRow } from '../task/task.loaders.js';
import { ProgressStatus } from '../progress/progress.enums.js';
import type { ExportData } from './export.data.js';

/** the role columns of a 任务分工表, in the order offices print them */
export const ROLE_HEADERS: Record<Role, string> = {
  [Role.LEAD]: '牵头单位',
  [Role.SHARED]: '分工负责单位',
  [Role.RESPONSIBLE]: '责任单位',
  [Role.COOPERATE]: '配合单位',
  [Role.SUPERVISE]: '督促落实单位',
  [Role.OTHER]: '其他',
};
const ROLE_ORDER = [Role.LEAD, Role.SHARED, Role.RESPONSIBLE, Role.COOPERATE, Role.SUPERVISE, Role.OTHER];

const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  [ProgressStatus.DONE]: '已完成',
  [ProgressStatus.MOSTLY_DONE]: '基本完成',
  [ProgressStatus.IN_PROGRESS]: '正在推进',
  [ProgressStatus.NOT_DONE]: '未完成',
};

/** units in one CSV cell are joined as the documents list them */
export const UNIT_SEPARATOR = '、';

/** a unit as the document names it (省应急厅, its `mention`), and its full name (山西省应急管理厅) */
interface NamedUnit {
  mention: string;
  name: string;
}

export interface TableRow {
  task: TaskRow;
  /** 任务: the path, then the title unless the path already ends with it (unnumbered sub-topics) */
  label: string;
  units: Map<Role, NamedUnit[]>;
  deadline: string;
  progress: string;
  basis: string;
}

export interface Table {
  document: DocumentRow;
  /** LEAD always (the column offices look for first), the other roles when they occur */
  roles: Role[];
  rows: TableRow[];
}

export function taskLabel(task: Pick<TaskRow, 'path' | 'title'>): string {
  return !task.title || task.path.endsWith(task.title) ? task.path : `${task.path} ${task.title}`;
}

/** one 任务分工表 per document: its tasks in document order, units by role, deadline, progress, clauses */
export function tables(data: ExportData): Table[] {
  const byTask = groupBy(data.assignments, (a) => a.taskId);
  const byDocument = groupBy(data.tasks, (t) => t.documentId);
  return data.documents.map((document) => {
    const tasks = byDocument.get(document.rowId) ?? [];
    const occurring = new Set<Role>([Role.LEAD]);
    const rows = tasks.map((task) => {
      const assignments = byTask.get(task.rowId) ?? [];
      const units = new Map<Role, NamedUnit[]>();
      for (const role of ROLE_ORDER) {
        const named = assignments.filter((a) => a.role === role).map((a) => {
          const name = data.units.get(a.unitId)?.name ?? '';
          return { mention: a.mention.trim() || name, name };
        });
        if (named.length) {
          units.set(role, named);
          occurring.add(role);
        }
      }
      const quoted = [...new Set(assignments.flatMap((a) => (a.basisText ? [a.clauseText, a.basisText] : [a.clauseText])))];
      // a basis (以下均需…) is often part of a clause already quoted: once is enough on paper
      const clauses = quoted.filter((text) => !quoted.some((other) => other !== text && other.includes(text)));
      const progress = [...new Set((data.progress.get(task.rowId) ?? []).map((p) => PROGRESS_LABELS[p.status] + (p.date ? `（${p.date}）` : '')))];
      return { task, label: taskLabel(task), units, deadline: task.deadline ?? '', progress: progress.join('；'), basis: clauses.join('\n') };
    });
    return { document, roles: ROLE_ORDER.filter((r) => occurring.has(r)), rows };
  });
}

export function documentLabel(d: DocumentRow): string {
  return d.number ?? d.title;
}

function headers(roles: Role[]): string[] {
  return ['序号', '任务', ...roles.map((r) => ROLE_HEADERS[r]), '完成时限', '进展', '依据'];
}

function cells(row: TableRow, index: number, roles: Role[]): (string | number)[] {
  return [index + 1, row.label, ...roles.map((r) => (row.units.get(r) ?? []).map((u) => u.name).join(UNIT_SEPARATOR)), row.deadline, row.progress, row.basis];
}

// Excel: at most 31 characters, none of \ / ? * [ ] :, not blank, not starting or ending with ', unique ignoring case
const FORBIDDEN_IN_SHEET_NAME = /[\\/?*[\]:]/g;

export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(FORBIDDEN_IN_SHEET_NAME, '_').replace(/^'+|'+$/g, '').trim() || '文件';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `（${n}）`;
    const name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** one CSV, UTF-8 with a BOM, its columns unchanged since the first version (Excel reads Chinese right only then); a 文件 column first when several documents */
export function toCsv(data: ExportData): Buffer {
  const all = tables(data);
  const roles = ROLE_ORDER.filter((r) => all.some((t) => t.roles.includes(r)));
  const several = all.length > 1;
  const records: (string | number)[][] = [[...(several ? ['文件'] : []), ...headers(roles.length ? roles : [Role.LEAD])]];
  for (const table of all) {
    table.rows.forEach((row, i) => records.push([...(several ? [documentLabel(table.document)] : []), ...cells(row, i, roles)]));
  }
  return Buffer.from(stringify(records, { bom: true, record_delimiter: 'windows' }), 'utf8');
}
