import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { placeholders } from '../../graphql/sql.js';
import { GapKind } from './analysis.types.js';

/** the kinds of item a gap is reported for: work, not chapters or targets */
export const WORK = ['TASK', 'SUB_TOPIC', 'PROJECT', 'SUB_GOAL'];
/** the roles that answer for a task */
export const ACCOUNTABLE = ['LEAD', 'RESPONSIBLE', 'SHARED'];

/** the order of a task's gaps, and with its row id the key of the gaps list */
export const gapKey = (taskId: number, kind: GapKind) => taskId * 10 + Object.values(GapKind).indexOf(kind);

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

/**
 * The SQL that derives the stored gaps of some documents' tasks (all when `documents` is null)
 * from their assignments — one INSERT … SELECT per kind, run by the writes and by gen alike.
 */
export function gapStatements(documents: number[] | null): { sql: string; params: number[] }[] {
  const scope = documents ? ` and t.document_id in (${placeholders(documents.length)})` : '';
  const params = documents ?? [];
  return [
    { sql: `delete from task_gap${documents ? ` where document_id in (${placeholders(documents.length)})` : ''}`, params },
    ...STORED_GAPS.map((kind) => ({
      sql: `insert into task_gap (gap_key, task_id, document_id, kind)
        select t.row_id * 10 + ${Object.values(GapKind).indexOf(kind)}, t.row_id, t.document_id, '${kind}' from task t
        where ${work}${scope} and ${CONDITION[kind]}`,
      params,
    })),
  ];
}

/** rewrites the stored gaps of documents, in the caller's transaction (after their tasks or assignments changed) */
export async function refreshGaps(em: EntityManager, documents: number[]): Promise<void> {
  const ids = [...new Set(documents)];
  // a few hundred documents per statement: far below either database's limit on parameters
  for (let i = 0; i < ids.length; i += 500) for (const s of gapStatements(ids.slice(i, i + 500))) await (em as SqlEntityManager).execute(s.sql, s.params);
}

/** the same for the documents of some tasks */
export async function refreshGapsOfTasks(em: EntityManager, taskIds: number[]): Promise<void> {
  if (!taskIds.length) return;
  const rows = await (em as SqlEntityManager).execute<{ d: number }[]>(`select distinct document_id as "d" from task where row_id in (${placeholders(taskIds.length)})`, taskIds);
  await refreshGaps(
    em,
    rows.map((r) => Number(r.d)),
  );
}
