import DataLoader from 'dataloader';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';

export const AUDIT_COLUMNS = `r.row_id as "rowId", r.at as "at", r.actor as "actor", r.operation as "operation", r.entity as "entity", r.entity_key as "entityKey",
  r.before as "before", r.after as "after", r.prev_hash as "prevHash", r.hash as "hash"`;

export function auditLoaders(sql: Sql) {
  return {
    historyOf: new DataLoader<{ entity: string; key: string }, Record<string, unknown>[], string>(
      async (keys) => {
        const out = new Map<string, Record<string, unknown>[]>();
        for (const [entity, group] of groupBy([...keys], (k) => k.entity)) {
          const ids = [...new Set(group.map((k) => k.key))];
          const rows = await sql.all<Record<string, unknown> & { entityKey: string }>(
            `/* historyOf */ select ${AUDIT_COLUMNS} from audit_record r where r.entity = ? and r.entity_key in (${placeholders(ids.length)}) order by r.row_id`,
            [entity, ...ids],
          );
          const byKey = groupBy(rows, (r) => r.entityKey);
          for (const k of group) out.set(`${entity}:${k.key}`, byKey.get(k.key) ?? []);
        }
        return keys.map((k) => out.get(`${k.entity}:${k.key}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.entity}:${k.key}` },
    ),
  };
}
