import DataLoader from 'dataloader';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';
import type { LinkMethod, LinkRelation } from './link.entity.js';
import type { ReviewStatus } from '../assignment/assignment.entity.js';

export interface LinkRow {
  rowId: number;
  implementerId: number;
  implementedId: number;
  relation: LinkRelation;
  method: LinkMethod;
  score: number | null;
  implementerSentence: string;
  implementerStart: number;
  implementedSentence: string;
  implementedStart: number;
  review: ReviewStatus;
  version: number;
}

export const LINK_COLUMNS = `l.row_id as "rowId", l.implementer_id as "implementerId", l.implemented_id as "implementedId", l.relation as "relation", l.method as "method",
  l.score as "score", l.implementer_sentence as "implementerSentence", l.implementer_start as "implementerStart",
  l.implemented_sentence as "implementedSentence", l.implemented_start as "implementedStart", l.review as "review", l.version as "version"`;

/** links of many tasks, on one side, of some relations, at or above a score (stated and manual links have none and always count); rejected ones are not links */
export async function linksOf(sql: Sql, side: 'implementer' | 'implemented' | 'either', taskIds: readonly number[], minScore: number, relations: readonly LinkRelation[]): Promise<LinkRow[]> {
  if (!taskIds.length || !relations.length) return [];
  const marks = placeholders(taskIds.length);
  const which = side === 'either' ? `(l.implementer_id in (${marks}) or l.implemented_id in (${marks}))` : `l.${side}_id in (${marks})`;
  return sql.all<LinkRow>(
    `/* linksOf ${side} */ select ${LINK_COLUMNS} from task_link l where ${which} and l.relation in (${placeholders(relations.length)})
     and (l.score is null or l.score >= ?) and l.review <> 'REJECTED' order by l.score desc, l.row_id`,
    [...taskIds, ...(side === 'either' ? taskIds : []), ...relations, minScore],
  );
}

export interface LinksKey {
  task: number;
  minScore: number;
  relations: readonly LinkRelation[];
}
const keyOf = (k: LinksKey) => `${k.task}:${k.minScore}:${[...k.relations].sort().join(',')}`;

function loader(sql: Sql, side: 'implementer' | 'implemented' | 'either') {
  return new DataLoader<LinksKey, LinkRow[], string>(
    async (keys) => {
      const out = new Map<string, LinkRow[]>();
      for (const group of groupBy([...keys], (k) => `${k.minScore}:${[...k.relations].sort().join(',')}`).values()) {
        const tasks = [...new Set(group.map((k) => k.task))];
        const rows = await linksOf(sql, side, tasks, group[0].minScore, group[0].relations);
        const from = side === 'implemented' ? new Map<number, LinkRow[]>() : groupBy(rows, (r) => r.implementerId);
        const to = side === 'implementer' ? new Map<number, LinkRow[]>() : groupBy(rows, (r) => r.implementedId);
        for (const k of group) out.set(keyOf(k), [...(from.get(k.task) ?? []), ...(to.get(k.task) ?? [])]);
      }
      return keys.map((k) => out.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
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
    linksOfTask: loader(sql, 'either'),
  };
}
