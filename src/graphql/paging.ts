import DataLoader from 'dataloader';
import { type Connection, type PageArgs, type PageWindow, pageWindow, toConnection, windowSql } from './relay.js';
import { groupBy, placeholders, type Sql } from './sql.js';
import { NO_PLAN, type Plan } from './planner.js';

/** what a list under many parents needs to page each of them with one statement */
export interface PagedListSpec {
  /** SELECT list of the rows, e.g. `a.row_id as "rowId", a.role as "role"` */
  columns: string;
  /** FROM clause, e.g. `assignment a` */
  from: string;
  /** the parent column, e.g. `a.unit_id` */
  parent: string;
  /** the unique, increasing order column the cursor keys on, e.g. `a.row_id` */
  order: string;
  /** the property of a row holding the order column's value */
  orderKey: string;
  /** the list, which its cursors name (`Unit.assignments` …) */
  list: string;
}

interface PageKey<P> {
  parent: P;
  window: PageWindow;
  /** extra conditions shared by every parent of the batch, e.g. `a.role = ?` */
  where: string;
  params: unknown[];
}

/**
 * A connection under each of many parents (Unit.assignments, Document.tasks): one windowed
 * statement for all parents of a batch, and one grouped COUNT only if totalCount is asked.
 */
export function pagedLoader<P extends string | number, Row extends Record<string, unknown>>(sql: Sql, spec: PagedListSpec) {
  const pages = new DataLoader<PageKey<P>, Row[], string>(
    async (keys) => {
      const out = new Map<string, Row[]>();
      for (const group of groupBy([...keys], (k) => JSON.stringify([k.window, k.where, k.params])).values()) {
        const { window, where, params } = group[0];
        const parents = [...new Set(group.map((k) => k.parent))];
        const rows = await sql.all<Row & { __parent: P }>(...pageStatement(spec, parents, where, params, window));
        const byParent = groupBy(rows, (r) => String(r.__parent));
        const direction = window.backward ? -1 : 1;
        for (const list of byParent.values()) list.sort((a, b) => direction * (Number(a[spec.orderKey]) - Number(b[spec.orderKey])));
        for (const k of group) out.set(cacheKey(k), byParent.get(String(k.parent)) ?? []);
      }
      return keys.map((k) => out.get(cacheKey(k)) ?? []);
    },
    { cacheKeyFn: cacheKey },
  );
  const counts = new DataLoader<{ parent: P; where: string; params: unknown[] }, number, string>(
    async (keys) => {
      const out = new Map<string, number>();
      for (const group of groupBy([...keys], (k) => JSON.stringify([k.where, k.params])).values()) {
        const { where, params } = group[0];
        const parents = [...new Set(group.map((k) => k.parent))];
        const rows = await sql.all<{ p: P; n: number }>(
          `select ${spec.parent} as "p", cast(count(*) as integer) as "n" from ${spec.from}
           where ${spec.parent} in (${placeholders(parents.length)})${where ? ` and ${where}` : ''} group by ${spec.parent}`,
          [...parents, ...params],
        );
        const byParent = new Map(rows.map((r) => [String(r.p), Number(r.n)]));
        for (const k of group) out.set(JSON.stringify([k.parent, where, params]), byParent.get(String(k.parent)) ?? 0);
      }
      return keys.map((k) => out.get(JSON.stringify([k.parent, k.where, k.params])) ?? 0);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.parent, k.where, k.params]) },
  );

  return {
    async load(parent: P, args: PageArgs, where = '', params: unknown[] = []): Promise<Connection<Row>> {
      const window = pageWindow(spec.list, args);
      const rows = await pages.load({ parent, window, where, params });
      return toConnection(rows, window, spec.list, (r) => Number(r[spec.orderKey]), () => counts.load({ parent, where, params }));
    },
  };
}

/** parents up to this many are paged by one LIMIT each; more by a window over all of them */
const LIMITED_PARENTS = 100;

/**
 * The next rows of each parent in one statement. Up to LIMITED_PARENTS parents, a UNION ALL of a
 * LIMIT per parent: each reads its first rows from the (parent, order) index and stops, where
 * numbering every row of every parent read them all (2.3 ms against 0.4 ms for one unit's 230
 * assignments at M). SQLite allows 500 terms in a compound SELECT, hence the window beyond.
 */
function pageStatement<P>(spec: PagedListSpec, parents: P[], where: string, params: unknown[], window: PageWindow): [string, unknown[]] {
  const bounds = windowSql(spec.order, window);
  const conditions = [where, ...bounds.sql].filter(Boolean).map((c) => ` and ${c}`).join('');
  const shared = [...params, ...bounds.params];
  const order = `${spec.order}${window.backward ? ' desc' : ''}`;
  const limit = window.size + 1;
  if (parents.length <= LIMITED_PARENTS) {
    const one = `select * from (select ${spec.columns}, ${spec.parent} as "__parent" from ${spec.from} where ${spec.parent} = ?${conditions} order by ${order} limit ?)`;
    return [parents.map((_, i) => `${one} as p${i}`).join(' union all '), parents.flatMap((p) => [p, ...shared, limit])];
  }
  return [
    `select * from (select ${spec.columns}, ${spec.parent} as "__parent", row_number() over (partition by ${spec.parent} order by ${order}) as "__rn"
       from ${spec.from} where ${spec.parent} in (${placeholders(parents.length)})${conditions}) w
     where "__rn" <= ?`,
    [...parents, ...shared, limit],
  ];
}

function cacheKey<P>(k: PageKey<P>): string {
  return JSON.stringify([k.parent, k.window, k.where, k.params]);
}

/** a page of a list already computed and ordered by a unique ascending numeric key */
export function pageInMemory<T>(items: T[], list: string, key: (item: T) => number, args: PageArgs): Connection<T> {
  const window = pageWindow(list, args);
  const inside = items.filter((x) => (window.after === null || key(x) > window.after) && (window.before === null || key(x) < window.before));
  const rows = window.backward ? inside.slice(-(window.size + 1)).reverse() : inside.slice(0, window.size + 1);
  return toConnection(rows, window, list, key, () => items.length);
}

/** a top-level list: one statement for the page (with what `plan` brings of each row), one COUNT only if totalCount is asked */
export async function pagedList<Row extends Record<string, unknown>>(
  sql: Sql,
  q: { list: string; columns: string; from: string; where: string[]; params: unknown[]; order: string; orderKey: string; plan?: Plan },
  args: PageArgs,
): Promise<Connection<Row>> {
  const window = pageWindow(q.list, args);
  const bounds = windowSql(q.order, window);
  const where = [...q.where, ...bounds.sql];
  const whereSql = where.length ? ` where ${where.join(' and ')}` : '';
  const plan = q.plan ?? NO_PLAN;
  const rows = await sql.all<Row>(`select ${q.columns}${plan.columns} from ${q.from}${whereSql} order by ${q.order}${window.backward ? ' desc' : ''} limit ?`, [
    ...plan.params,
    ...q.params,
    ...bounds.params,
    window.size + 1,
  ]);
  let total: Promise<number> | undefined;
  const totalCount = () =>
    (total ??= sql
      .one<{ n: number }>(`select cast(count(*) as integer) as "n" from ${q.from}${q.where.length ? ` where ${q.where.join(' and ')}` : ''}`, q.params)
      .then((r) => Number(r?.n ?? 0)));
  return toConnection(rows, window, q.list, (r) => Number(r[q.orderKey]), totalCount);
}
