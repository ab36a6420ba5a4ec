import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../src/orm.js';
import { generate, GenError } from '../src/gen/generate.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext, type Context } from '../src/graphql/context.js';
import { verifyChain } from '../src/modules/audit-trail/audit.service.js';
import { type TempDatabase, tempDatabase } from './support/database.js';

const quiet = () => {};

interface Generated {
  db: TempDatabase;
  orm: MikroORM;
}

async function generated(seed: number, factor = 1): Promise<Generated> {
  const db = await tempDatabase();
  await generate({ scale: 'S', seed, factor, target: db.target, force: false, log: quiet });
  return { db, orm: await createOrm(db.target) };
}

/** every row of every table of the schema, in key order, hashed */
async function contentHash(orm: MikroORM): Promise<string> {
  const sql = orm.em.fork() as SqlEntityManager;
  const hash = createHash('sha256');
  for (const meta of Object.values(orm.getMetadata().getAll()).sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    if (!meta.tableName) continue;
    const keys = meta.primaryKeys.map((k) => `"${meta.properties[k].fieldNames[0]}"`).join(', ');
    const rows = await sql.execute(`select * from "${meta.tableName}" order by ${keys}`);
    hash.update(meta.tableName).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

async function count(orm: MikroORM, sql: string): Promise<number> {
  const [row] = (await (orm.em.fork() as SqlEntityManager).execute(`select count(*) as "n" from ${sql}`)) as { n: number | string }[];
  return Number(row.n);
}

let a: Generated;
let b: Generated;
let other: Generated;
let large: Generated;
let server: ApolloServer<Context>;

beforeAll(async () => {
  [a, b, other, large] = [await generated(1), await generated(1), await generated(2), await generated(1, 3)];
  server = await createApolloServer({ traceSql: true });
}, 240_000);
afterAll(async () => {
  await server?.stop();
  for (const g of [a, b, other, large]) {
    await g?.orm.close();
    await g?.db.drop();
  }
});

async function run(g: Generated, query: string, variables?: Record<string, unknown>): Promise<{ data: any; statements: number }> {
  const res = await server.executeOperation({ query, variables }, { contextValue: createContext(g.orm) });
  assert(res.body.kind === 'single');
  const result = res.body.singleResult;
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: result.extensions!.sqlStatements as number };
}

describe('dutygraph gen', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', async () => {
    const [x, y, z] = [await contentHash(a.orm), await contentHash(b.orm), await contentHash(other.orm)];
    expect(y).toBe(x);
    expect(z).not.toBe(x);
  });

  it('writes about 1,000 assignments at S, in the shape an ingest writes', async () => {
    const assignments = await count(a.orm, 'assignment');
    expect(assignments).toBeGreaterThan(700);
    expect(assignments).toBeLessThan(1500);
    expect(await count(a.orm, 'jurisdiction')).toBeGreaterThan(3000);
    expect(await count(a.orm, `document`)).toBe(6);
    expect(await count(a.orm, `unit where kind = 'COLLECTIVE'`)).toBeGreaterThan(5);
    expect(await count(a.orm, 'unit_member')).toBeGreaterThan(100);
    expect(await count(a.orm, `task_link where method = 'STATED'`)).toBeGreaterThan(0);
    expect(await count(a.orm, `task_link where method = 'INFERRED'`)).toBeGreaterThan(0);
    // every clause and link sentence stands in its document's text where it says it does
    const sql = a.orm.em.fork() as SqlEntityManager;
    const clauses = (await sql.execute(
      `select a.clause_text as "text", a.clause_start as "start", a.clause_end as "end", d.text as "doc" from assignment a join task t on t.row_id = a.task_id join document d on d.row_id = t.document_id`,
    )) as { text: string; start: number; end: number; doc: string }[];
    for (const c of clauses) expect(c.doc.slice(c.start, c.end)).toBe(c.text);
    const roles = (await sql.execute(`select role as "role", count(*) as "n" from assignment group by role`)) as { role: string; n: number }[];
    const share = Object.fromEntries(roles.map((r) => [r.role, Number(r.n) / assignments]));
    expect(Object.keys(share).sort()).toEqual(['COOPERATE', 'LEAD', 'RESPONSIBLE', 'SHARED', 'SUPERVISE']);
    expect(share.RESPONSIBLE + share.SHARED).toBeGreaterThan(0.85);
    expect(await verifyChain(a.orm)).toMatchObject({ records: 6, broken: null });
  });

  it('refuses a database that holds data unless forced', async () => {
    await expect(generate({ scale: 'S', seed: 1, factor: 1, target: a.db.target, force: false, log: quiet })).rejects.toThrow(GenError);
  });
});

// the main queries, each with what it needs found first in the same database
const QUERIES: { name: string; query: string; check: (data: any) => void; variables?: (g: Generated) => Promise<Record<string, unknown>> }[] = [
  {
    name: 'a unit by name',
    query: `{ unit(name: "省应急厅") { name aliases level jurisdiction { code } } }`,
    check: (d) => expect(d.unit).toMatchObject({ name: '山西省应急管理厅', level: 'PROVINCE', jurisdiction: { code: '140000' } }),
  },
  {
    name: 'a unit → its assignments → tasks → the other units on them',
    query: `{ unit(name: "市应急局", jurisdiction: "140500") { name assignments(first: 50) { totalCount nodes { role clause { text } task { path title document { number } assignments { role unit { name } } } } } } }`,
    check: (d) => {
      expect(d.unit.name).toBe('晋城市应急管理局');
      expect(d.unit.assignments.nodes.length).toBeGreaterThan(5);
      expect(d.unit.assignments.nodes.some((n: any) => n.task.assignments.length > 1)).toBe(true);
    },
  },
  {
    name: 'a responsibility chain three levels deep',
    query: `query ($t: ID!) { responsibilityChain(task: $t, depth: 3, minScore: 0) { root { path } hops { depth task { path document { jurisdiction { level } } } link { method score } } } }`,
    variables: async (g) => ({ t: await chainRoot(g) }),
    check: (d) => expect(d.responsibilityChain.hops.map((h: any) => h.task.document.jurisdiction.level)).toEqual(expect.arrayContaining(['CITY', 'COUNTY'])),
  },
  {
    // a page of task hits at both sizes: a page that also holds a document or unit hit loads those too (one statement per kind)
    name: 'search for a two-character term',
    query: `{ search(query: "煤矿", first: 10) { totalCount nodes { kind score snippet task { path } } } }`,
    check: (d) => {
      expect(d.search.totalCount).toBeGreaterThan(10);
      expect(d.search.nodes.every((n: any) => n.kind === 'TASK')).toBe(true);
      expect(d.search.nodes[0].snippet).toContain('【煤矿】');
    },
  },
  {
    name: 'workload',
    query: `{ workload(first: 10) { totalCount nodes { unit { name } total byRole { role count } } } }`,
    check: (d) => expect(d.workload.nodes[0].total).toBeGreaterThan(10),
  },
  {
    name: 'gaps',
    query: `{ gaps(first: 20, filter: { kinds: [NOT_IMPLEMENTED], lowerLevel: CITY }) { totalCount nodes { kind task { path } } } }`,
    check: (d) => expect(d.gaps.totalCount).toBeGreaterThan(0),
  },
];

/** a provincial task that a city task carries out, which a county task carries out in turn */
async function chainRoot(g: Generated): Promise<string> {
  const { data } = await run(
    g,
    `{ tasks(first: 100, filter: { level: PROVINCE }) { nodes { id implementedBy(minScore: 0) { implementer { implementedBy(minScore: 0) { implementer { id } } } } } } }`,
  );
  const root = data.tasks.nodes.find((t: any) => t.implementedBy.some((l: any) => l.implementer.implementedBy.length));
  expect(root).toBeDefined();
  return root.id;
}

describe('the API on generated data', () => {
  for (const q of QUERIES) {
    it(`${q.name}: answers, with as many SQL statements at S as at three times S`, async () => {
      const small = await run(a, q.query, await q.variables?.(a));
      const big = await run(large, q.query, await q.variables?.(large));
      q.check(small.data);
      q.check(big.data);
      expect(big.statements).toBe(small.statements);
    });
  }

  it('a connection under more than 100 parents gives each parent its own page, after a cursor', async () => {
    const page = `assignments(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id role } }`;
    const r = await run(large, `query ($after: String) { documents(first: 20) { nodes { tasks(first: 100) { nodes { assignments { unit { id ${page} } } } } } } }`, { after: Buffer.from('Unit.assignments:1').toString('base64url') });
    const units = new Map<string, any>();
    for (const d of r.data.documents.nodes) for (const t of d.tasks.nodes) for (const a of t.assignments) units.set(a.unit.id, a.unit);
    expect(units.size).toBeGreaterThan(100);
    expect([...units.values()].filter((u) => u.assignments.pageInfo.hasNextPage).length).toBeGreaterThan(10);
    for (const u of units.values()) {
      const alone = await run(large, `query ($id: ID!, $after: String) { node(id: $id) { ... on Unit { ${page} } } }`, { id: u.id, after: Buffer.from('Unit.assignments:1').toString('base64url') });
      expect(u.assignments, u.id).toEqual(alone.data.node.assignments);
    }
  });

  it('three times S is three times the assignments', async () => {
    const ratio = (await count(large.orm, 'assignment')) / (await count(a.orm, 'assignment'));
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });
});
