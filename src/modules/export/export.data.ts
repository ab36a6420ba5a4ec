import type { Context } from '../../graphql/context.js';
import { groupBy, placeholders } from '../../graphql/sql.js';
import { ASSIGNMENT_COLUMNS, ASSIGNMENT_TEXT_COLUMNS, type AssignmentRow, type AssignmentTexts } from '../assignment/assignment.loaders.js';
import { DOCUMENT_COLUMNS, type DocumentRow } from '../document/document.loaders.js';
import type { JurisdictionRow } from '../jurisdiction/jurisdiction.loaders.js';
import { LINK_COLUMNS, type LinkRow } from '../link/link.loaders.js';
import { SHOWN_LINK_SCORE } from '../link/link.service.js';
import { PROGRESS_COLUMNS, type ProgressRow } from '../progress/progress.loaders.js';
import { TASK_COLUMNS, type TaskRow } from '../task/task.loaders.js';
import { UNIT_COLUMNS, type UnitRow } from '../unit/unit.loaders.js';
import { requireUnitNamed } from '../unit/unit.service.js';
import { requireDocument } from '../document/document.service.js';

/** what to export: one document, the tasks of one unit, both, or (neither) everything */
export interface ExportFilter {
  /** 文号 (晋政发〔2024〕1号), a Document global ID, or a source file name */
  document?: string | null;
  /** a unit's name or alias: the tasks it has any role in, directly or through a collective */
  unit?: string | null;
  /** GB/T 2260 code choosing among units of the same alias (城区人民政府) */
  jurisdiction?: string | null;
}

/** the rows every format is written from, in document order */
export interface ExportData {
  document: DocumentRow | null;
  unit: UnitRow | null;
  documents: DocumentRow[];
  tasks: TaskRow[];
  assignments: (AssignmentRow & AssignmentTexts)[];
  /** every unit assigned, the issuers, the members of collectives among them, and their parents */
  units: Map<number, UnitRow>;
  aliases: Map<number, string[]>;
  /** the divisions of those units and of the documents */
  jurisdictions: Map<string, JurisdictionRow>;
  memberships: { collectiveId: number; memberId: number }[];
  /** links between two exported tasks, as the API shows them (default minimum score) */
  links: LinkRow[];
  progress: Map<number, ProgressRow[]>;
}

/** reads everything an export needs in a fixed number of statements (about ten), whatever its size */
export async function loadExport(ctx: Context, filter: ExportFilter): Promise<ExportData> {
  const { sql, loaders } = ctx;
  const document = filter.document ? await requireDocument(ctx, filter.document, 'document') : null;
  let unit: UnitRow | null = null;
  const where: string[] = [];
  const params: unknown[] = [];
  if (document) where.push('t.document_id = ?') && params.push(document.rowId);
  if (filter.unit) {
    unit = await requireUnitNamed(sql, filter.unit, 'unit', filter.jurisdiction);
    // like accountability: named directly or through a collective it belongs to
    const holders = [unit.rowId, ...(await loaders.collectivesByMemberId.load(unit.rowId)).map((c) => c.rowId)];
    where.push(`exists (select 1 from assignment h where h.task_id = t.row_id and h.unit_id in (${placeholders(holders.length)}))`);
    params.push(...holders);
  }
  const condition = where.length ? `where ${where.join(' and ')}` : '';
  const tasks = await sql.all<TaskRow>(`/* exportTasks */ select ${TASK_COLUMNS} from task t ${condition} order by t.document_id, t.ordinal`, params);
  const assignments = await sql.all<AssignmentRow & AssignmentTexts>(
    `/* exportAssignments */ select ${ASSIGNMENT_COLUMNS}, ${ASSIGNMENT_TEXT_COLUMNS} from assignment a join task t on t.row_id = a.task_id ${condition} order by t.document_id, t.ordinal, a.row_id`,
    params,
  );
  // the documents: the one asked for, those of the unit's tasks, or all
  const docs = document
    ? { where: 'd.row_id = ?', params: [document.rowId] }
    : filter.unit
      ? { where: `d.row_id in (select t.document_id from task t ${condition})`, params }
      : { where: '1 = 1', params: [] };
  const documents = document ? [document] : await sql.all<DocumentRow>(`/* exportDocuments */ select ${DOCUMENT_COLUMNS} from document d where ${docs.where} order by d.row_id`, docs.params);

  // the units, as subqueries rather than id lists, so no export outgrows a statement's parameters:
  // those assigned and the issuers, the members of collectives among them, and everything above
  const base = `select a.unit_id as id from assignment a join task t on t.row_id = a.task_id ${condition}
    union select d.issuer_id from document d where d.issuer_id is not null and ${docs.where}`;
  const baseParams = [...params, ...docs.params];
  const scope = `with recursive base(id) as (${base}),
    scoped(id) as (select id from base union select m.member_id from unit_member m join base b on b.id = m.collective_id),
    tree(id) as (select id from scoped union select u.parent_id from unit u join tree on u.row_id = tree.id where u.parent_id is not null)`;
  const unitRows = await sql.all<UnitRow>(`/* exportUnits */ ${scope} select ${UNIT_COLUMNS} from unit u where u.row_id in (select id from tree) order by u.row_id`, baseParams);
  const aliasRows = await sql.all<{ unitId: number; alias: string }>(
    `/* exportAliases */ ${scope} select ua.unit_id as "unitId", ua.alias as "alias" from unit_alias ua where ua.unit_id in (select id from tree) order by ua.row_id`,
    baseParams,
  );
  const memberships = await sql.all<{ collectiveId: number; memberId: number }>(
    `/* exportMemberships */ with base(id) as (${base}) select m.collective_id as "collectiveId", m.member_id as "memberId" from unit_member m
     where m.collective_id in (select id from base) order by m.row_id`,
    baseParams,
  );
  const units = new Map(unitRows.map((u) => [u.rowId, u]));
  const codes = [...new Set([...unitRows, ...documents].map((r) => r.jurisdictionCode).filter((c): c is string => Boolean(c)))];
  // divisions are a few thousand at most: a list of codes stays within bounds
  const jurisdictionRows = await loaders.jurisdictionByCode.loadMany(codes);

  const progressRows = await sql.all<ProgressRow>(`/* exportProgress */ select ${PROGRESS_COLUMNS} from progress_report p join task t on t.row_id = p.task_id ${condition} order by p.row_id`, params);
  const exported = new Set(tasks.map((t) => t.rowId));
  const linkRows = await sql.all<LinkRow>(
    `/* exportLinks */ select ${LINK_COLUMNS} from task_link l join task t on t.row_id = l.implementer_id ${condition ? `${condition} and` : 'where'}
     (l.score is null or l.score >= ?) and l.review <> 'REJECTED' order by l.row_id`,
    [...params, SHOWN_LINK_SCORE],
  );
  return {
    document,
    unit,
    documents,
    tasks,
    assignments,
    units,
    aliases: new Map([...groupBy(aliasRows, (r) => r.unitId)].map(([id, rows]) => [id, rows.map((r) => r.alias)])),
    jurisdictions: new Map((jurisdictionRows.filter((j) => j && !(j instanceof Error)) as JurisdictionRow[]).map((j) => [j.code, j])),
    memberships,
    links: linkRows.filter((l) => exported.has(l.implementedId)),
    progress: groupBy(progressRows, (p) => p.taskId),
  };
}
