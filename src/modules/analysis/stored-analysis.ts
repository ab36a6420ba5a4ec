import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { placeholders } from '../../graphql/sql.js';
import { GapKind, OverlapKind } from './analysis.types.js';

// What a task's own assignments decide about it — its responsibility gaps and its role overlaps —
// stored per task (task_gap, task_overlap) and rewritten, document by document, by every write that
// changes tasks or assignments, so that dashboards over a province or the country read pages and
// counts instead of deriving them per request. The definitions below are the only ones.

/** the kinds of item a gap is reported for: work, not chapters or targets */
export const WORK = ['TASK', 'SUB_TOPIC', 'PROJECT', 'SUB_GOAL'];
/** the roles that answer for a task */
const ACCOUNTABLE = ['LEAD', 'RESPONSIBLE', 'SHARED'];

// the key of the gaps list: the task's row id, then the kind's place in GapKind
const GAP_SLOTS = 10;
const gapSlot = (kind: GapKind) => Object.values(GapKind).indexOf(kind);
/** the key of one task's gap of one kind (the computed gaps; the stored ones get it in SQL, the same way) */
export const gapKey = (taskId: number, kind: GapKind) => taskId * GAP_SLOTS + gapSlot(kind);

/** the gaps stored in task_gap (the others are computed per request) */
export const STORED_GAPS = [GapKind.NO_LEAD_OR_RESPONSIBLE, GapKind.ONLY_COLLECTIVE_OR_OPEN] as const;
export type StoredGap = (typeof STORED_GAPS)[number];

/** what each stored kind of gap means, as the API says it */
export const GAP_DETAIL: Record<StoredGap, string> = {
  [GapKind.NO_LEAD_OR_RESPONSIBLE]: 'no unit leads it, is responsible for it or shares it',
  [GapKind.ONLY_COLLECTIVE_OR_OPEN]: 'no named lead; only collectives or an open list (…等部门) answer for it',
};

const accountable = `a.role in (${ACCOUNTABLE.map((r) => `'${r}'`).join(', ')})`;
const work = `t.kind in (${WORK.map((k) => `'${k}'`).join(', ')})`;

/** the definition of each stored gap: a condition on task `t` */
const CONDITION: Record<StoredGap, string> = {
  [GapKind.NO_LEAD_OR_RESPONSIBLE]: `not exists (select 1 from assignment a where a.task_id = t.row_id and ${accountable})`,
  [GapKind.ONLY_COLLECTIVE_OR_OPEN]: `exists (select 1 from assignment a where a.task_id = t.row_id and ${accountable})
    and not exists (select 1 from assignment a where a.task_id = t.row_id and a.role = 'LEAD')
    and not exists (select 1 from assignment a join unit u on u.row_id = a.unit_id where a.task_id = t.row_id and ${accountable} and u.kind <> 'COLLECTIVE' and not a.open_ended)`,
};

// an overlap's key, one integer in list order: the task, the kind's place in OverlapKind, then the unit or other task
const TASK_SHIFT = 2 ** 25;
const KIND_SHIFT = 2 ** 23;
/** the key of an overlap, in SQL over integer columns: `detail` is the unit (LEAD_AND_COOPERATE) or the other task (NEAR_DUPLICATE), else 0 */
export const overlapKeySql = (task: string, kind: OverlapKind, detail: string) => `cast(${task} as bigint) * ${TASK_SHIFT} + ${Object.values(OverlapKind).indexOf(kind) * KIND_SHIFT} + ${detail}`;

/** the overlaps of a task's own assignments, stored in task_overlap (NEAR_DUPLICATE is read from task_similarity) */
export const STORED_OVERLAPS = [OverlapKind.MULTIPLE_LEADS, OverlapKind.LEAD_AND_COOPERATE] as const;

/** the definition of each stored overlap: rows (task_id, document_id, unit_id) of task `t` */
const OVERLAP_ROWS: Record<(typeof STORED_OVERLAPS)[number], string> = {
  [OverlapKind.MULTIPLE_LEADS]: `select t.row_id as task_id, t.document_id as document_id, 0 as unit_id from task t
    where (select count(*) from assignment a where a.task_id = t.row_id and a.role = 'LEAD') > 1`,
  [OverlapKind.LEAD_AND_COOPERATE]: `select t.row_id as task_id, t.document_id as document_id, a.unit_id as unit_id from task t
    join assignment a on a.task_id = t.row_id and a.role = 'LEAD'
    where exists (select 1 from assignment c where c.task_id = t.row_id and c.unit_id = a.unit_id and c.role = 'COOPERATE')`,
};

/**
 * The SQL that derives what is stored of some documents' tasks (all when `documents` is null)
 * from their assignments — the gaps (task_gap) and the role overlaps (task_overlap), one
 * INSERT … SELECT per kind — run by the writes and by gen alike.
 */
export function storedAnalysisStatements(documents: number[] | null): { sql: string; params: number[] }[] {
  const scope = documents ? ` and t.document_id in (${placeholders(documents.length)})` : '';
  const params = documents ?? [];
  const clear = (table: string) => ({ sql: `delete from ${table}${documents ? ` where document_id in (${placeholders(documents.length)})` : ''}`, params });
  return [
    clear('task_gap'),
    ...STORED_GAPS.map((kind) => ({
      sql: `insert into task_gap (gap_key, task_id, document_id, kind)
        select t.row_id * ${GAP_SLOTS} + ${gapSlot(kind)}, t.row_id, t.document_id, '${kind}' from task t
        where ${work}${scope} and ${CONDITION[kind]}`,
      params,
    })),
    clear('task_overlap'),
    ...STORED_OVERLAPS.map((kind) => ({
      sql: `insert into task_overlap (overlap_key, task_id, document_id, kind, unit_id)
        select ${overlapKeySql('o.task_id', kind, 'o.unit_id')}, o.task_id, o.document_id, '${kind}', nullif(o.unit_id, 0)
        from (${OVERLAP_ROWS[kind]}${scope}) o`,
      params,
    })),
  ];
}

/** rewrites what is stored of documents' tasks, in the caller's transaction (after their tasks or assignments changed) */
export async function refreshStoredAnalysis(em: EntityManager, documents: number[]): Promise<void> {
  const ids = [...new Set(documents)];
  // a few hundred documents per statement: far below either database's limit on parameters
  for (let i = 0; i < ids.length; i += 500) for (const s of storedAnalysisStatements(ids.slice(i, i + 500))) await (em as SqlEntityManager).execute(s.sql, s.params);
}

/** the same for the documents of some tasks */
export async function refreshStoredAnalysisOfTasks(em: EntityManager, taskIds: number[]): Promise<void> {
  if (!taskIds.length) return;
  const rows = await (em as SqlEntityManager).execute<{ d: number }[]>(`select distinct document_id as "d" from task where row_id in (${placeholders(taskIds.length)})`, taskIds);
  await refreshStoredAnalysis(
    em,
    rows.map((r) => Number(r.d)),
  );
}
