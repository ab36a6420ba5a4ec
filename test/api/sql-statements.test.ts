import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';
import { tempOrm } from '../support/graph.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { ensureJurisdictions, importDocument } from '../../src/ingest/import.js';
import { UnitResolver } from '../../src/ingest/resolve-units.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';
import { createApolloServer } from '../../src/graphql/server.js';
import { createContext } from '../../src/graphql/context.js';

// every task of every document → assignments → unit → jurisdiction, and the document and aliases on the way
const ALL_TASKS = `{ documents(first: 5) { nodes { number tasks(first: 100) { totalCount nodes { path parent { path } children { path }
  assignments { role clause { text } unit { name aliases members { name } jurisdiction { code parent { name } } } } } } } } }`;

async function statements(run: () => Promise<{ extensions?: Record<string, unknown>; errors?: readonly unknown[] }>): Promise<{ n: number; tasks: number }> {
  const result: any = await run();
  expect(result.errors).toBeUndefined();
  const tasks = result.data.documents.nodes.reduce((s: number, d: any) => s + d.tasks.nodes.length, 0);
  return { n: result.extensions!.sqlStatements as number, tasks };
}

describe('SQL statements per operation do not grow with the rows returned', () => {
  let full: Graph;
  beforeAll(async () => (full = await seededGraph({ traceSql: true })));
  afterAll(() => full.close());

  it('the same query runs the same statements over 10 tasks as over all 248', async () => {
    // a database holding a real excerpt of 003 (its first two chapters: 10 tasks)
    const small = await tempOrm();
    const divisions = new DivisionIndex();
    await small.orm.em.fork().transactional(async (em) => {
      await ensureJurisdictions(em, divisions);
      const text = readFileSync(new URL('../fixtures/003-chapters-1-2.txt', import.meta.url), 'utf8');
      await importDocument(em, parseDocument(text, divisions), '003-chapters-1-2.txt', new UnitResolver(divisions), divisions);
    });
    const server = await createApolloServer({ traceSql: true });
    const run = async () => {
      const res = await server.executeOperation({ query: ALL_TASKS }, { contextValue: createContext(small.orm) });
      return res.body.kind === 'single' ? (res.body.singleResult as any) : {};
    };
    const ten = await statements(run);
    const all = await statements(() => full.execute(ALL_TASKS));
    await server.stop();
    await small.close();

    expect(ten.tasks).toBe(10);
    expect(all.tasks).toBe(248);
    expect(all.n).toBe(ten.n);
    expect(all.n).toBeLessThanOrEqual(12);
  });

  it('a page of 10 tasks and a page of 100 run the same statements', async () => {
    const q = (n: number) => `{ tasks(first: ${n}, filter: { level: CITY }) { nodes { assignments { unit { jurisdiction { code } } } document { title } } } }`;
    const a = await full.execute(q(10));
    const b = await full.execute(q(100));
    expect(b.data.tasks.nodes).toHaveLength(100);
    expect(b.extensions!.sqlStatements).toBe(a.extensions!.sqlStatements);
  });

  it('nested connections under many parents are batched (every unit → its assignments → task)', async () => {
    const q = (n: number) => `{ units(first: ${n}) { nodes { assignments(first: 3) { totalCount nodes { task { path } } } } } }`;
    const a = await full.execute(q(5));
    const b = await full.execute(q(100));
    expect(b.extensions!.sqlStatements).toBe(a.extensions!.sqlStatements);
  });
});

describe('a connection under many parents gives each parent its own page', () => {
  let graph: Graph;
  beforeAll(async () => (graph = await seededGraph()));
  afterAll(() => graph.close());

  // (the same over more than 100 parents, on generated data: test/gen.test.ts)
  it('under units(first: 100): one LIMIT per parent', async () => {
    const ONE = `query ($id: ID!) { node(id: $id) { ... on Unit { assignments(first: 1) { pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const r = await graph.execute(`{ units(first: 100) { nodes { id assignments(first: 1) { pageInfo { hasNextPage endCursor } nodes { id } } } } }`);
    const units = r.data.units.nodes;
    expect(units.filter((u: any) => u.assignments.pageInfo.hasNextPage).length).toBeGreaterThanOrEqual(5);
    for (const u of units) expect(u.assignments, u.id).toEqual((await graph.execute(ONE, { id: u.id })).data.node.assignments);
  });
});
