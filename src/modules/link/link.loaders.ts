import DataLoader from 'dataloader';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';
import type { LinkMethod } from './link.entity.js';
import type { ReviewStatus } from '../assignment/assignment.entity.js';

export interface LinkRow {
  rowId: number;
  implementerId: number;
  implementedId: number;
  method: LinkMethod;
  score: number | null;
  implementerSentence: string;
  implementerStart: number;
  implementedSentence: string;
  implementedStart: number;
  review: ReviewStatus;
  version: number;
}

export const LINK_COLUMNS = `l.row_id as "rowId", l.implementer_id as "implementerId", l.implemented_id as "implementedId", l.method as "method",
  l.score as "score", l.implementer_sentence as "implementerSentence", l.implementer_start as "implementerStart",
  l.implemented_sentence as "implementedSentence", l.implemented_start as "implementedStart", l.review as "review", l.version as "version"`;

/** links of many tasks, on one side, at or above a score (stated and manual links have none and always count); rejected ones are not links */
export async function linksOf(sql: Sql, side: 'implementer' | 'implemented', taskIds: readonly number[], minScore: number): Promise<LinkRow[]> {
  if (!taskIds.length) return [];
  return sql.all<LinkRow>(
    `/* linksOf ${side} */ select ${LINK_COLUMNS} from task_link l where l.${side}_id in (${placeholders(taskIds.length)})
     and (l.score is null or l.score >= ?) and l.review <> 'REJECTED' order by l.score desc, l.row_id`,
    [...taskIds, minScore],
  );
}

function loader(sql: Sql, side: 'implementer' | 'implemented') {
  return new DataLoader<{ task: number; minScore: number }, LinkRow[], string>(
    async (keys) => {
      const out = new Map<string, LinkRow[]>();
      for (const group of groupBy([...keys], (k) => k.minScore).values()) {
        const rows = await linksOf(sql, side, [...new Set(group.map((k) => k.task))], group[0].minScore);
        const byTask = groupBy(rows, (r) => (side === 'implementer' ? r.implementerId : r.implementedId));
        for (const k of group) out.set(`${k.task}:${k.minScore}`, byTask.get(k.task) ?? []);
      }
      return keys.map((k) => out.get(`${k.task}:${k.minScore}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.task}:${k.minScore}` },
  );
}

export function linkLoaders(sql: Sql) {
  return {
    // by id, rejected or not: the answer to a mutation on it
    linkById: new DataLoader<number, LinkRow | null>(async (ids) => {
      const rows = await sql.all<LinkRow>(`/* linkById */ select ${LINK_COLUMNS} from task_link l where l.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    linksByImplementer: loader(sql, 'implementer'),
    linksByImplemented: loader(sql, 'implemented'),
  };
}
