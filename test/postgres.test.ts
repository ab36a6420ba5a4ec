import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { verifyChain } from '../src/modules/audit-trail/audit.service.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext } from '../src/graphql/context.js';
import { type Graph, seededGraph, tempOrm, type TempOrm } from './support/graph.js';
import { describeWithPostgres } from './support/database.js';

// the machines and CI run a PostgreSQL server; tempOrm('postgres') makes a database of its own and drops it
const QUERIES: Record<string, string> = {
  unitByAlias: `{ unit(name: "省应急厅") { name aliases level kind sector jurisdiction { code } members { name }
    assignments(role: SHARED, first: 7) { totalCount nodes { role mention implicit clause { text start end openEnded } task { path } } pageInfo { hasNextPage } } } }`,
  tasksFiltered: `{ a: tasks(first: 100, filter: { unit: "市应急局" }) { totalCount nodes { path title } }
    b: tasks(first: 20, filter: { text: "煤矿", level: PROVINCE }) { totalCount nodes { path } }
    c: tasks(first: 5, filter: { role: SUPERVISE }) { totalCount nodes { path assignments { role unit { name } basis { text } } } } }`,
  nested: `{ documents { totalCount nodes { number kind date jurisdiction { name } tasks(first: 30) { totalCount nodes { path kind deadline
    children { path } assignments { role mention unit { name members { name } } } } pageInfo { endCursor } } } } }`,
  accountability: `{ accountability(unit: "泽州县人民政府", minScore: 0.2) { total through { name } groups { level role count items { reach task { path } mandatedBy { score } } } } }`,
  gaps: `{ gaps(first: 100, filter: { lowerLevel: CITY }) { totalCount nodes { kind task { path } } } }`,
  overlaps: `{ overlaps(filter: { minScore: 0.3 }) { totalCount nodes { kind task { path } other { path } score } } }`,
  workload: `{ workload(first: 20) { nodes { unit { name counterparts { name } } total byRole { role count } } } }`,
  links: `{ tasks(first: 100, filter: { level: CITY }) { nodes { path implements(minScore: 0) { method score implemented { path } evidence { implementer { start end } } } } } }`,
  units: `{ units(first: 100, filter: { nameContains: "应急" }) { totalCount nodes { name kind level } }
    j: jurisdiction(code: "140500") { children { name } units(first: 10) { totalCount nodes { name } } } }`,
};

describeWithPostgres('the same answers on PostgreSQL as on SQLite', () => {
  let sqlite: Graph;
  let db: TempOrm;
  let pg: TempOrm['orm'];

  // on both passes of the suite: PostgreSQL against SQLite, whichever DUTYGRAPH_TEST_DB says
  beforeAll(async () => {
    db = await tempOrm('postgres');
    pg = db.orm;
    await seedDatabase(pg);
    sqlite = await seededGraph({ dialect: 'sqlite' });
  });

  afterAll(async () => {
    await db?.close();
    await sqlite?.close();
  });

  it('seeding twice on PostgreSQL changes nothing', async () => {
    const reports = await seedDatabase(pg);
    expect(reports.every((r) => r.status === 'unchanged')).toBe(true);
    // the audit trail holds on PostgreSQL too: chained, and refused changes by a trigger
    expect(await verifyChain(pg)).toEqual({ records: 5, broken: null });
    await expect(pg.em.getConnection().execute(`update audit_record set actor = 'someone'`)).rejects.toThrow(/cannot be changed or deleted/);
  });

  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name} returns exactly what SQLite returns, in as many statements`, async () => {
      const server = await createApolloServer({ traceSql: true });
      const res = await server.executeOperation({ query }, { contextValue: createContext(pg) });
      await server.stop();
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      const onPg = res.body.singleResult;
      const onSqlite = await sqlite.execute(query);
      expect(onPg.errors).toBeUndefined();
      expect(onPg.data).toEqual(onSqlite.data);
      expect(onPg.extensions?.sqlStatements).toBe(onSqlite.extensions?.sqlStatements);
    });
  }
});
