import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';
import { createContext } from '../../src/graphql/context.js';

// Each query is answered twice: with reads planned from the query (the default), and with every
// field read through its loader. The answers must be the same; planning only saves statements.
const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'a unit, its aliases and its division': { query: `{ unit(name: "省应急厅") { id name kind aliases jurisdiction { code name level } } }` },
  'a unit → a page of assignments → task → every unit, with totalCount, edges and cursors': {
    query: `query ($first: Int!) { unit(name: "省应急厅") { assignments(first: $first) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id role mention implicit review task { id path title kind document { number title } assignments { role unit { id name level aliases jurisdiction { name } } } } } } } } }`,
    variables: { first: 7 },
  },
  'assignments in one role': { query: `{ unit(name: "省应急厅") { assignments(role: LEAD, first: 5) { totalCount nodes { role task { title } } } } }` },
  'a document’s tasks through fragments': {
    query: `{ document(number: "晋政发〔2024〕1号") { title tasks(first: 12) { totalCount nodes { ...TaskLine } } } }
      fragment TaskLine on Task { path ... on Task { assignments { role unit { ...UnitName } } } }
      fragment UnitName on Unit { name aliases __typename }`,
  },
  'a page of every task → its document': { query: `{ tasks(first: 30) { pageInfo { endCursor } nodes { path document { number year } } edges { node { id title } } } }` },
  'one field asked twice under other arguments': {
    query: `{ unit(name: "省应急厅") { a: assignments(first: 2) { nodes { role task { path } } } b: assignments(first: 3, role: LEAD) { totalCount nodes { role } } } }`,
  },
  'fields under directives': {
    query: `query ($with: Boolean!) { unit(name: "省应急厅") { aliases @include(if: $with) jurisdiction @skip(if: $with) { name } assignments(first: 3) { nodes { task @include(if: $with) { path } unit { name } } } } }`,
    variables: { with: true },
  },
  'one response key for two fields of a brought row (each is then read through its loader, from what the row carries)': {
    query: `{ unit(name: "省应急厅") { assignments(first: 4) { nodes { x: task { title } } edges { node { x: unit { name } role } } } } }`,
  },
  'fields no relation brings (they are read as before)': {
    query: `{ unit(name: "省应急厅") { counterparts { name } assignments(first: 3) { nodes { clause { text start } task { text children { path } parent { title } } unit { members { name } } } } } }`,
  },
  'a wrong page size is the same error': { query: `{ unit(name: "省应急厅") { assignments(first: 1000) { nodes { role } } } }` },
};

let g: Graph;
beforeAll(async () => (g = await seededGraph({ traceSql: true })));
afterAll(() => g.close());

async function run(query: string, variables: Record<string, unknown> | undefined, planReads: boolean) {
  const res = await g.server.executeOperation({ query, variables }, { contextValue: createContext(g.orm, null, { planReads }) });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors, extensions } = res.body.singleResult as { data: unknown; errors?: { message: string; path?: unknown }[]; extensions: { sqlStatements: number } };
  return { data, errors: errors?.map((e) => ({ message: e.message, path: e.path })), statements: extensions.sqlStatements };
}

describe('reads planned from the query', () => {
  for (const [name, { query, variables }] of Object.entries(QUERIES)) {
    it(`answer what the loaders answer: ${name}`, async () => {
      const planned = await run(query, variables, true);
      const loaded = await run(query, variables, false);
      expect(planned.data).toEqual(loaded.data);
      expect(planned.errors).toEqual(loaded.errors);
      expect(planned.statements).toBeLessThanOrEqual(loaded.statements);
    });
  }

  it('answer a responsibility chain as the loaders do, its tasks in one statement with what each role asks of them', async () => {
    const docs = (await run(`{ documents { nodes { id sourceFile } } }`, {}, true)).data as any;
    const doc = docs.documents.nodes.find((d: { sourceFile: string }) => d.sourceFile.startsWith('003')).id;
    const task = ((await run(`query ($d: ID!) { tasks(filter: { document: $d, path: "四/（二十一）" }) { nodes { id } } }`, { d: doc }, true)).data as any).tasks.nodes[0].id;
    const chain = `query ($t: ID!) { responsibilityChain(task: $t, depth: 3, minScore: 0) { truncated root { path d: document { number } }
      hops { depth task { path assignments { role unit { name } } d: parent { title } } parent { path document { title } } link { method } } } }`;
    const planned = await run(chain, { t: task }, true);
    const loaded = await run(chain, { t: task }, false);
    expect((planned.data as any).responsibilityChain.hops.length).toBeGreaterThan(1);
    expect(planned.data).toEqual(loaded.data);
    expect(planned.statements).toBeLessThan(loaded.statements);
  });

  it('page on with the cursor a planned page gave', async () => {
    const page = `query ($after: String) { unit(name: "省应急厅") { assignments(first: 4, after: $after) { pageInfo { endCursor hasNextPage } nodes { task { path } } } } }`;
    const first = await run(page, {}, true);
    const after = (first.data as any).unit.assignments.pageInfo.endCursor;
    const planned = await run(page, { after }, true);
    expect(planned.data).toEqual((await run(page, { after }, false)).data);
    expect((planned.data as any).unit.assignments.nodes[0]).not.toEqual((first.data as any).unit.assignments.nodes[0]);
  });

  it('answer a unit → assignments → task → every unit in one statement, whatever the page size', async () => {
    const nested = `query ($first: Int!) { unit(name: "省应急厅") { name assignments(first: $first) { totalCount nodes { role task { path title assignments { role unit { name level } } } } } } }`;
    for (const first of [1, 5, 20]) {
      const planned = await run(nested, { first }, true);
      expect((planned.data as any).unit.assignments.nodes).toHaveLength(first);
      expect(planned.statements).toBe(1);
    }
    expect((await run(nested, { first: 20 }, false)).statements).toBeGreaterThan(1);
  });

  it('answer a document’s page of tasks with their units, and a page of tasks with their documents, in one statement each', async () => {
    expect((await run(QUERIES['a document’s tasks through fragments'].query, undefined, true)).statements).toBe(1);
    expect((await run(QUERIES['a page of every task → its document'].query, undefined, true)).statements).toBe(1);
  });
});
