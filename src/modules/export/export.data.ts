import type { Context } from '../../graphql/context.js';
import { apiError } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/relay.js';
import { placeholders } from '../../graphql/sql.js';
import { ASSIGNMENT_COLUMNS, type AssignmentRow } from '../assignment/assignment.loaders.js';
import { DOCUMENT_COLUMNS, type DocumentRow } from '../document/document.loaders.js';
import type { JurisdictionRow } from '../jurisdiction/jurisdiction.loaders.js';
import { linksOf, type LinkRow } from '../link/link.loaders.js';
import { minScoreOf } from '../link/link.resolver.js';
import type { ProgressRow } from '../progress/progress.loaders.js';
import { TASK_COLUMNS, type TaskRow } from '../task/task.loaders.js';
import type { UnitRow } from '../unit/unit.loaders.js';
import { theUnitNamed } from '../unit/unit.service.js';

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
  assignments: AssignmentRow[];
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

/** the document a --document / ?document= value means, or a NOT_FOUND error */
export async function findDocument(ctx: Context, value: string): Promise<DocumentRow> {
  const v = value.trim();
  const global = fromGlobalId(v);
  if (global?.type === 'Document' && /^\d+$/.test(global.id)) {
    const byId = await ctx.loaders.documentById.load(Number(global.id));
    if (byId) return byId;
  }
  // 〔〕 are often typed as [] or ［］, as the document query accepts
  const number = v.replace(/[[［]/g, '〔').replace(/[\]］]/g, '〕');
  const found = await ctx.sql.one<DocumentRow>(`/* exportDocument */ select ${DOCUMENT_COLUMNS} from document d where d.doc_number = ? or d.source_file = ? order by d.row_id`, [number, v]);
  if (!found) throw apiError('NOT_FOUND', `document: no document has the number, ID or source file "${value}"`, { argumentName: 'document' });
  return found;
}

/** reads everything an export needs in a fixed number of statements, whatever its size */
export async function loadExport(ctx: Context, filter: ExportFilter): Promise<ExportData> {
  const { sql, loaders } = ctx;
  const document = filter.document ? await findDocument(ctx, filter.document) : null;
  let unit: UnitRow | null = null;
  const where: string[] = [];
  const params: unknown[] = [];
  if (document) where.push('t.document_id = ?') && params.push(document.rowId);
  if (filter.unit) {
    unit = await theUnitNamed(sql, filter.unit, filter.jurisdiction);
    if (!unit) throw apiError('NOT_FOUND', `unit: no unit has the name or alias "${filter.unit}"`, { argumentName: 'unit' });
    // like accountability: named directly or through a collective it belongs to
    const holders = [unit.rowId, ...(await loaders.collectivesByMemberId.load(unit.rowId)).map((c) => c.rowId)];
    where.push(`exists (select 1 from assignment h where h.task_id = t.row_id and h.unit_id in (${placeholders(holders.length)}))`);
    params.push(...holders);
  }
  const condition = where.length ? `where ${where.join(' and ')}` : '';
  const tasks = await sql.all<TaskRow>(`/* exportTasks */ select ${TASK_COLUMNS} from task t ${condition} order by t.document_id, t.ordinal`, params);
  const assignments = await sql.all<AssignmentRow>(
    `/* exportAssignments */ select ${ASSIGNMENT_COLUMNS} from assignment a join task t on t.row_id = a.task_id ${condition} order by t.document_id, t.ordinal, a.row_id`,
    params,
  );
  const documents = document
    ? [document]
    : filter.unit
      ? ((await loaders.documentById.loadMany([...new Set(tasks.map((t) => t.documentId))])) as DocumentRow[])
      : await sql.all<DocumentRow>(`/* exportDocuments */ select ${DOCUMENT_COLUMNS} from document d order by d.row_id`);

  const units = new Map<number, UnitRow>();
  const add = (rows: (UnitRow | Error | null)[]) => rows.forEach((u) => u && !(u instanceof Error) && units.set(u.rowId, u));
  const issuers = documents.map((d) => d.issuerId).filter((id): id is number => id != null);
  add(await loaders.unitById.loadMany([...new Set([...assignments.map((a) => a.unitId), ...issuers])]));
  if (unit) units.set(unit.rowId, unit);
  const collectives = [...units.values()].filter((u) => u.kind === 'COLLECTIVE');
  const members = await loaders.membersByCollectiveId.loadMany(collectives.map((c) => c.rowId));
  const memberships: ExportData['memberships'] = [];
  collectives.forEach((c, i) => {
    const list = members[i] instanceof Error ? [] : (members[i] as UnitRow[]);
    add(list);
    for (const m of list) memberships.push({ collectiveId: c.rowId, memberId: m.rowId });
  });
  // parents up the tree, one statement per level (province → city → county is three at most)
  const asked = new Set<number>();
  for (let missing = parentsMissing(units, asked); missing.length; missing = parentsMissing(units, asked)) add(await loaders.unitById.loadMany(missing));

  const unitIds = [...units.keys()];
  const aliasLists = await loaders.aliasesByUnitId.loadMany(unitIds);
  const codes = [...new Set([...units.values(), ...documents].map((r) => r.jurisdictionCode).filter((c): c is string => Boolean(c)))];
  const jurisdictionRows = await loaders.jurisdictionByCode.loadMany(codes);
  const taskIds = tasks.map((t) => t.rowId);
  const progressLists = await loaders.progressByTaskId.loadMany(taskIds);
  const exported = new Set(taskIds);
  const links = (await linksOf(sql, 'implementer', taskIds, minScoreOf(null))).filter((l) => exported.has(l.implementedId));
  return {
    document,
    unit,
    documents,
    tasks,
    assignments,
    units,
    aliases: new Map(unitIds.map((id, i) => [id, aliasLists[i] instanceof Error ? [] : (aliasLists[i] as string[])])),
    jurisdictions: new Map((jurisdictionRows.filter((j) => j && !(j instanceof Error)) as JurisdictionRow[]).map((j) => [j.code, j])),
    memberships,
    links,
    progress: new Map(taskIds.map((id, i) => [id, progressLists[i] instanceof Error ? [] : (progressLists[i] as ProgressRow[])])),
  };
}

/** parents not loaded yet, each asked for once (a dangling parent id must not loop) */
function parentsMissing(units: Map<number, UnitRow>, asked: Set<number>): number[] {
  const missing = [...new Set([...units.values()].map((u) => u.parentId).filter((p): p is number => p != null && !units.has(p) && !asked.has(p)))];
  missing.forEach((p) => asked.add(p));
  return missing;
}
