// The physical limit: the benchmark's answers written by hand, returning the same JSON as the API,
// served by node:http. On SQLite through better-sqlite3, on PostgreSQL through pg; every statement
// prepared once (pg names it, so each connection plans it once), the nesting built by the
// database's JSON functions where it can be.
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { charLength, DENSITY_SCALE, FIELD_TIER, ftsMatch, LENGTH_DAMPING, normalize, occurrences, rankKey, snippet } from '../src/modules/search/search.text.js';
import { searchWindow } from '../src/env.js';
import { toFullWidthPunct } from '../src/ingest/lexicon.js';
import type { OperationName } from './queries.js';

type Row = Record<string, unknown>;
/** the prepared statements of one dialect, by name, with named parameters */
interface Statements {
  get(name: StatementName, params: Row): Promise<Row | undefined>;
  all(name: StatementName, params: Row): Promise<Row[]>;
}
interface SqliteStatement {
  all(params?: object): Row[];
}
const require = createRequire(import.meta.url);
const BetterSqlite = require('better-sqlite3') as new (path: string, options: { readonly: boolean; fileMustExist: boolean }) => { prepare(sql: string): SqliteStatement; close(): void };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const globalId = (type: string, id: unknown) => b64(`${type}:${id}`);
const cursor = (id: unknown) => b64(`tasks:${id}`);

function rowIdOf(id: string, type: string): number {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${type}:`)) throw new Error(`not a ${type} ID: ${id}`);
  return Number(decoded.slice(type.length + 1));
}

// unit(name:): the unit of that canonical name, else the one unit having it as an alias
const UNIT_NAMED = `with hit as (
  select u.* from unit u where u.name = @name
  union
  select u.* from unit u join unit_alias ua on ua.unit_id = u.row_id where ua.alias = @name and not exists (select 1 from unit x where x.name = @name)
)`;

const ROLE_RANK = `case role when 'LEAD' then 0 when 'RESPONSIBLE' then 1 when 'SHARED' then 2 when 'COOPERATE' then 3 when 'SUPERVISE' then 4 else 5 end`;
const LEVEL_RANK = `case level when 'NATIONAL' then 0 when 'PROVINCE' then 1 when 'CITY' then 2 else 3 end`;
const TIER = `case f.field ${Object.entries(FIELD_TIER)
  .map(([field, t]) => `when '${field}' then ${t}`)
  .join(' ')} else 1 end`;

const SQLITE = {
  point: `${UNIT_NAMED}
    select count(*) over () as n, json_object('name', p.name, 'kind', p.kind, 'level', p.level, 'sector', p.sector,
      'aliases', json((select json_group_array(ua.alias order by ua.row_id) from unit_alias ua where ua.unit_id = p.row_id)),
      'jurisdiction', json((select json_object('code', j.code, 'name', j.name, 'level', j.level) from jurisdiction j where j.code = p.jurisdiction_code))
    ) as json from hit p limit 1`,
  nested: `${UNIT_NAMED}
    select count(*) over () as n, json_object('name', p.name, 'assignments', json_object(
      'totalCount', (select count(*) from assignment a where a.unit_id = p.row_id),
      'nodes', json((select json_group_array(json(x.j) order by x.rid) from (
        select a.row_id as rid, json_object('role', a.role, 'task', json_object('path', t.path, 'title', t.title,
          'assignments', json((select json_group_array(json_object('role', a2.role, 'unit', json_object('name', u2.name, 'level', u2.level)) order by a2.row_id)
                               from assignment a2 join unit u2 on u2.row_id = a2.unit_id where a2.task_id = t.row_id)))) as j
        from assignment a join task t on t.row_id = a.task_id where a.unit_id = p.row_id order by a.row_id limit @first) x))
    )) as json from hit p limit 1`,
  document: `select json_object('number', d.doc_number, 'title', d.title, 'tasks', json_object('nodes', json((
      select json_group_array(json(x.j) order by x.o) from (
        select t.ordinal as o, json_object('path', t.path, 'title', t.title,
          'assignments', json((select json_group_array(json_object('role', a.role, 'unit', json_object('name', u.name)) order by a.row_id)
                               from assignment a join unit u on u.row_id = a.unit_id where a.task_id = t.row_id))) as j
        from task t where t.document_id = d.row_id order by t.ordinal limit @first) x)))) as json
    from document d where d.doc_number = @number limit 1`,
  chainLinks: `select l.implementer_id as "implementer", l.implemented_id as "implemented", l.method as "method", l.score as "score"
    from task_link l where l.implemented_id in (select value from json_each(@ids)) and (l.score is null or l.score >= @minScore)
    order by l.score desc nulls last, l.row_id`,
  chainTasks: `select t.row_id as "id", t.path as "path", t.title as "title", json_object('path', t.path, 'title', t.title,
      'assignments', json((select json_group_array(json_object('role', a.role, 'unit', json_object('name', u.name)) order by a.row_id)
                           from assignment a join unit u on u.row_id = a.unit_id where a.task_id = t.row_id))) as "json"
    from task t where t.row_id in (select value from json_each(@ids))`,
  // the index lookup, LIKE verification and ranking of search.query.ts, plus what the page shows of each hit
  // the windows of the FTS5 index, LIKE verification and ranking of search.query.ts, plus what the page shows of each hit
  search: `with cand as (
      select fid from (select rowid as fid from search_grams where search_grams match @headings order by rowid limit ${searchWindow()})
      union all
      select fid from (select rowid as fid from search_grams where search_grams match @bodies order by rowid limit ${searchWindow()})
    ), m as (
      select f.row_id as fid, f.target_kind as kind, f.target_id as tid, f.field as field, ${TIER} as tier, f.length as len,
        (f.length - length(replace(f.text, @query, ''))) / @queryLength as occ
      from cand c join search_field f on f.row_id = c.fid
    ), best as (
      select kind, tid, field, score_key, row_number() over (partition by kind, tid order by score_key desc, fid) as rn
      from (select fid, kind, tid, field, cast(tier * ${DENSITY_SCALE} + cast(occ as bigint) * ${DENSITY_SCALE} / (len + ${LENGTH_DAMPING}) as integer) as score_key from m where occ > 0) s
    ), page as (
      select kind, tid, field, score_key from best where rn = 1 order by score_key desc, kind, tid limit @limit
    )
    select p.kind as "kind", p.field as "field", p.score_key as "scoreKey", t.path as "taskPath", t.title as "taskTitle",
      case when p.field = 'text' then t.text end as "taskText", u.name as "unitName", d.title as "docTitle", d.doc_number as "docNumber",
      case when p.field = 'text' then d.text end as "docText",
      case when p.field = 'alias' then (select json_group_array(ua.alias order by ua.row_id) from unit_alias ua where ua.unit_id = p.tid) end as "aliases"
    from page p
    left join task t on p.kind = 'TASK' and t.row_id = p.tid
    left join unit u on p.kind = 'UNIT' and u.row_id = p.tid
    left join document d on p.kind = 'DOCUMENT' and d.row_id = p.tid
    order by p.score_key desc, p.kind, p.tid`,
  page: `select t.row_id as "id", t.path as "path", t.title as "title", t.kind as "kind", d.doc_number as "number"
    from task t join document d on d.row_id = t.document_id where t.row_id > @after order by t.row_id limit @limit`,
  workload: `with c as materialized (
      select a.unit_id as uid, a.role as role, j.level as level, count(*) as n
      from assignment a join unit u on u.row_id = a.unit_id join task t on t.row_id = a.task_id
      join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
      where u.jurisdiction_code = @jurisdiction group by a.unit_id, a.role, j.level
    ), w as materialized (
      select uid, sum(n) as total from c group by uid
    ), top as (
      select uid, total from w order by total desc, uid limit @first
    )
    select json_object('totalCount', (select count(*) from w), 'nodes', json((
      select json_group_array(json_object('unit', json_object('name', u.name), 'total', top.total,
        'byRole', json((select json_group_array(json_object('role', r.role, 'count', r.n) order by r.o)
                        from (select role, sum(n) as n, ${ROLE_RANK} as o from c where c.uid = top.uid group by role) r)),
        'byLevel', json((select json_group_array(json_object('level', l.level, 'count', l.n) order by l.o)
                         from (select level, sum(n) as n, ${LEVEL_RANK} as o from c where c.uid = top.uid group by level) l))
      ) order by top.total desc, top.uid) from top join unit u on u.row_id = top.uid))) as "json"`,
};

// PostgreSQL: the same answers; parameters by position, listed by name for the shared handlers
const PG_UNIT_NAMED = `with hit as (
  select u.* from unit u where u.name = $1
  union
  select u.* from unit u join unit_alias ua on ua.unit_id = u.row_id where ua.alias = $1 and not exists (select 1 from unit x where x.name = $1)
)`;
// search is not here: its PostgreSQL form is measured by bench:search against the API alone
const POSTGRES: Partial<Record<StatementName, { text: string; params: string[] }>> = {
  point: {
    params: ['name'],
    text: `${PG_UNIT_NAMED}
    select count(*) over () as n, json_build_object('name', p.name, 'kind', p.kind, 'level', p.level, 'sector', p.sector,
      'aliases', coalesce((select json_agg(ua.alias order by ua.row_id) from unit_alias ua where ua.unit_id = p.row_id), '[]'),
      'jurisdiction', (select json_build_object('code', j.code, 'name', j.name, 'level', j.level) from jurisdiction j where j.code = p.jurisdiction_code)
    )::text as json from hit p limit 1`,
  },
  nested: {
    params: ['name', 'first'],
    text: `${PG_UNIT_NAMED}
    select count(*) over () as n, json_build_object('name', p.name, 'assignments', json_build_object(
      'totalCount', (select count(*) from assignment a where a.unit_id = p.row_id),
      'nodes', coalesce((select json_agg(x.j order by x.rid) from (
        select a.row_id as rid, json_build_object('role', a.role, 'task', json_build_object('path', t.path, 'title', t.title,
          'assignments', (select json_agg(json_build_object('role', a2.role, 'unit', json_build_object('name', u2.name, 'level', u2.level)) order by a2.row_id)
                          from assignment a2 join unit u2 on u2.row_id = a2.unit_id where a2.task_id = t.row_id))) as j
        from assignment a join task t on t.row_id = a.task_id where a.unit_id = p.row_id order by a.row_id limit $2) x), '[]')
    ))::text as json from hit p limit 1`,
  },
  document: {
    params: ['number', 'first'],
    text: `select json_build_object('number', d.doc_number, 'title', d.title, 'tasks', json_build_object('nodes', coalesce((
      select json_agg(x.j order by x.o) from (
        select t.ordinal as o, json_build_object('path', t.path, 'title', t.title,
          'assignments', coalesce((select json_agg(json_build_object('role', a.role, 'unit', json_build_object('name', u.name)) order by a.row_id)
                                   from assignment a join unit u on u.row_id = a.unit_id where a.task_id = t.row_id), '[]')) as j
        from task t where t.document_id = d.row_id order by t.ordinal limit $2) x), '[]')))::text as json
    from document d where d.doc_number = $1 limit 1`,
  },
  chainLinks: {
    params: ['ids', 'minScore'],
    text: `select l.implementer_id as "implementer", l.implemented_id as "implemented", l.method as "method", l.score as "score"
    from task_link l where l.implemented_id = any($1::int[]) and (l.score is null or l.score >= $2)
    order by l.score desc nulls last, l.row_id`,
  },
  chainTasks: {
    params: ['ids'],
    text: `select t.row_id as "id", t.path as "path", t.title as "title", json_build_object('path', t.path, 'title', t.title,
      'assignments', coalesce((select json_agg(json_build_object('role', a.role, 'unit', json_build_object('name', u.name)) order by a.row_id)
                               from assignment a join unit u on u.row_id = a.unit_id where a.task_id = t.row_id), '[]'))::text as "json"
    from task t where t.row_id = any($1::int[])`,
  },
  page: {
    params: ['after', 'limit'],
    text: `select t.row_id as "id", t.path as "path", t.title as "title", t.kind as "kind", d.doc_number as "number"
    from task t join document d on d.row_id = t.document_id where t.row_id > $1 order by t.row_id limit $2`,
  },
  workload: {
    params: ['jurisdiction', 'first'],
    text: `with c as materialized (
      select a.unit_id as uid, a.role as role, j.level as level, count(*) as n
      from assignment a join unit u on u.row_id = a.unit_id join task t on t.row_id = a.task_id
      join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
      where u.jurisdiction_code = $1 group by a.unit_id, a.role, j.level
    ), w as materialized (
      select uid, sum(n) as total from c group by uid
    ), top as (
      select uid, total from w order by total desc, uid limit $2
    )
    select json_build_object('totalCount', (select count(*) from w), 'nodes', coalesce((
      select json_agg(json_build_object('unit', json_build_object('name', u.name), 'total', top.total,
        'byRole', (select json_agg(json_build_object('role', r.role, 'count', r.n) order by r.o)
                   from (select role, sum(n) as n, ${ROLE_RANK} as o from c where c.uid = top.uid group by role) r),
        'byLevel', (select json_agg(json_build_object('level', l.level, 'count', l.n) order by l.o)
                    from (select level, sum(n) as n, ${LEVEL_RANK} as o from c where c.uid = top.uid group by level) l)
      ) order by top.total desc, top.uid) from top join unit u on u.row_id = top.uid), '[]'))::text as "json"`,
  },
};

type StatementName = keyof typeof SQLITE;

/** an answer: the response body and how many statements it ran */
interface Answer {
  body: string;
  statements: number;
}

const data = (field: string, json: string) => `{"data":{"${field}":${json}}}`;

async function unitNamed(st: Statements, name: StatementName, params: Row, field: string): Promise<Answer> {
  const row = await st.get(name, params);
  if (row && Number(row.n) > 1) throw new Error(`the name names ${row.n} units`);
  return { body: data(field, row ? String(row.json) : 'null'), statements: 1 };
}

const HANDLERS: Record<OperationName, (st: Statements, v: Record<string, any>) => Promise<Answer>> = {
  Point: (st, v) => unitNamed(st, 'point', { name: normalizeName(v.name) }, 'unit'),
  Nested: (st, v) => unitNamed(st, 'nested', { name: normalizeName(v.name), first: v.first }, 'unit'),
  async Document(st, v) {
    const row = await st.get('document', { number: v.number, first: v.first });
    return { body: data('document', row ? String(row.json) : 'null'), statements: 1 };
  },
  async Chain(st, v) {
    const rootId = rowIdOf(v.taskId, 'Task');
    const hops: { depth: number; id: number; parent: number | null; link: string }[] = [{ depth: 0, id: rootId, parent: null, link: 'null' }];
    const visited = new Set([rootId]);
    let frontier = [rootId];
    let statements = 0;
    let truncated = false;
    // breadth-first, one statement per level, the first link to reach a task wins (as the API does)
    for (let depth = 1; depth <= 3 && frontier.length && !truncated; depth++) {
      const next: number[] = [];
      statements++;
      for (const l of await st.all('chainLinks', { ids: frontier, minScore: v.minScore })) {
        const id = Number(l.implementer);
        if (visited.has(id)) continue;
        if (hops.length >= v.maxNodes) {
          truncated = true;
          break;
        }
        visited.add(id);
        hops.push({ depth, id, parent: Number(l.implemented), link: JSON.stringify({ method: l.method, score: l.score }) });
        next.push(id);
      }
      frontier = next;
    }
    statements++;
    const tasks = new Map((await st.all('chainTasks', { ids: hops.map((h) => h.id) })).map((t) => [Number(t.id), t]));
    const root = tasks.get(rootId);
    if (!root) return { body: data('responsibilityChain', 'null'), statements };
    const hopJson = hops.map((h) => {
      const parent = h.parent === null ? 'null' : JSON.stringify({ path: tasks.get(h.parent)!.path });
      return `{"depth":${h.depth},"task":${tasks.get(h.id)!.json},"parent":${parent},"link":${h.link}}`;
    });
    return {
      body: data('responsibilityChain', `{"truncated":${truncated},"root":${JSON.stringify({ path: root.path, title: root.title })},"hops":[${hopJson.join(',')}]}`),
      statements,
    };
  },
  async Search(st, v) {
    const q = normalize(v.query);
    const rows = await st.all('search', { headings: `heading : ${ftsMatch(q)}`, bodies: `body : ${ftsMatch(q)}`, query: q, queryLength: charLength(q), limit: v.first + 1 });
    const nodes = rows.slice(0, v.first).map((r) => ({
      kind: r.kind,
      score: Number(r.scoreKey) / DENSITY_SCALE,
      field: r.field,
      snippet: snippet(fieldText(r, q) ?? '', q),
      task: r.kind === 'TASK' ? { path: r.taskPath, title: r.taskTitle } : null,
      unit: r.kind === 'UNIT' ? { name: r.unitName } : null,
      document: r.kind === 'DOCUMENT' ? { title: r.docTitle } : null,
    }));
    return { body: JSON.stringify({ data: { search: { pageInfo: { hasNextPage: rows.length > v.first }, nodes } } }), statements: 1 };
  },
  async Page(st, v) {
    const after = v.after == null ? 0 : Number(Buffer.from(v.after, 'base64url').toString('utf8').split(':').pop());
    const rows = await st.all('page', { after, limit: v.first + 1 });
    const page = rows.slice(0, v.first);
    const nodes = page.map((r) => ({ id: globalId('Task', r.id), path: r.path, title: r.title, kind: r.kind, document: { number: r.number } }));
    const endCursor = page.length ? cursor(page[page.length - 1].id) : null;
    return { body: JSON.stringify({ data: { tasks: { pageInfo: { hasNextPage: rows.length > v.first, endCursor }, nodes } } }), statements: 1 };
  },
  async Workload(st, v) {
    const row = await st.get('workload', { jurisdiction: v.jurisdiction, first: v.first });
    return { body: data('workload', String(row!.json)), statements: 1 };
  },
};

function normalizeName(s: string): string {
  return toFullWidthPunct(s.replace(/\s+/g, ''));
}

/** the text as written of the field a hit matched; for an alias, the one ranked best */
function fieldText(r: Record<string, unknown>, q: string): string | null {
  switch (r.kind) {
    case 'TASK':
      return String(r.field === 'title' ? r.taskTitle : r.taskText);
    case 'DOCUMENT':
      return (r.field === 'text' ? r.docText : r.field === 'number' ? r.docNumber : r.docTitle) as string | null;
    default: {
      if (r.field === 'name') return String(r.unitName);
      let best: { alias: string; key: number } | undefined;
      for (const alias of JSON.parse(String(r.aliases)) as string[]) {
        const n = normalize(alias);
        const occ = occurrences(n, q);
        const key = rankKey('alias', occ, charLength(n));
        if (occ > 0 && (!best || key > best.key)) best = { alias, key };
      }
      return best?.alias ?? null;
    }
  }
}

function sqliteStatements(dbPath: string): Statements & { close(): void } {
  const db = new BetterSqlite(dbPath, { readonly: true, fileMustExist: true });
  const prepared = new Map(Object.entries(SQLITE).map(([k, sql]) => [k, db.prepare(sql)]));
  // better-sqlite3 binds arrays as nothing: the chain's lists of ids go in as JSON (json_each)
  const bind = (params: Row) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v]));
  return {
    all: async (name, params) => prepared.get(name)!.all(bind(params)),
    get: async (name, params) => prepared.get(name)!.all(bind(params))[0],
    close: () => db.close(),
  };
}

function postgresStatements(databaseUrl: string): Statements & { close(): void } {
  const { Pool } = require('pg') as typeof import('pg');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const all = async (name: StatementName, params: Row) => {
    const statement = POSTGRES[name];
    if (!statement) throw new Error(`no PostgreSQL baseline for ${name}`);
    // named: each connection parses and plans it once
    return (await pool.query({ name, text: statement.text, values: statement.params.map((p) => params[p]) })).rows as Row[];
  };
  return { all, get: async (name, params) => (await all(name, params))[0], close: () => void pool.end() };
}

/** POST /graphql with the API's request bodies, answered from a SQLite file or a postgres:// URL; the statements each answer ran in `x-sql-statements` */
export function createBaselineServer(target: string): Server {
  const st = /^postgres(ql)?:/.test(target) ? postgresStatements(target) : sqliteStatements(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const handler = HANDLERS[operationName as OperationName];
        if (!handler) throw new Error(`no baseline for operation ${operationName}`);
        const answer = await handler(st, variables ?? {});
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-sql-statements': String(answer.statements) });
        res.end(answer.body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: String((error as Error).message ?? error) }] }));
      }
    });
  });
  server.on('close', () => st.close());
  return server;
}
