import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';

let g: Graph;
beforeAll(async () => (g = await seededGraph()));
afterAll(() => g.close());

interface Page {
  edges: { cursor: string; node: { key: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** a connection of the API: how to ask for one page of it, and where the page is in the answer */
interface List {
  name: string;
  /** the operation, with $first $after $last $before declared and passed to the connection */
  query: string;
  variables?: Record<string, unknown>;
  page(data: any): Page;
}

const PAGE = `edges { cursor node { key: id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`;
const ARGS = `$first: Int, $after: String, $last: Int, $before: String`;
const PASS = `first: $first, after: $after, last: $last, before: $before`;

const LISTS: List[] = [
  { name: 'tasks', query: `query (${ARGS}) { tasks(${PASS}, filter: { document: "晋市安委办发〔2023〕33号" }) { ${PAGE} } }`, page: (d) => d.tasks },
  { name: 'units', query: `query (${ARGS}) { units(${PASS}, filter: { level: CITY }) { ${PAGE} } }`, page: (d) => d.units },
  { name: 'documents', query: `query (${ARGS}) { documents(${PASS}) { ${PAGE} } }`, page: (d) => d.documents },
  { name: 'indicators', query: `query (${ARGS}) { indicators(${PASS}) { ${PAGE} } }`, page: (d) => d.indicators },
  { name: 'auditLog', query: `query (${ARGS}) { auditLog(${PASS}) { ${PAGE} } }`, page: (d) => d.auditLog },
  // planned into the document's statement (document(number:)) and loaded per parent (documents.nodes)
  { name: 'Document.tasks (planned)', query: `query (${ARGS}) { document(number: "晋政发〔2024〕1号") { tasks(${PASS}) { ${PAGE} } } }`, page: (d) => d.document.tasks },
  { name: 'Document.tasks (loaded)', query: `query (${ARGS}) { documents(first: 1) { nodes { tasks(${PASS}) { ${PAGE} } } } }`, page: (d) => d.documents.nodes[0].tasks },
  { name: 'Unit.assignments', query: `query (${ARGS}) { unit(name: "省应急厅") { assignments(${PASS}) { ${PAGE} } } }`, page: (d) => d.unit.assignments },
  { name: 'Jurisdiction.units', query: `query (${ARGS}) { jurisdiction(code: "140500") { units(${PASS}) { ${PAGE} } } }`, page: (d) => d.jurisdiction.units },
  // lists whose items are no nodes: their keys are what identifies an item in them
  { name: 'gaps', query: `query (${ARGS}) { gaps(${PASS}) { edges { cursor node { kind task { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`, page: (d) => keyed(d.gaps, (n) => `${n.kind}:${n.task.id}`) },
  { name: 'overlaps', query: `query (${ARGS}) { overlaps(${PASS}, filter: { minScore: 0.3 }) { edges { cursor node { kind task { id } other { id } units { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`, page: (d) => keyed(d.overlaps, (n) => JSON.stringify(n)) },
  { name: 'workload', query: `query (${ARGS}) { workload(${PASS}, filter: { level: CITY }) { edges { cursor node { unit { id } total } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`, page: (d) => keyed(d.workload, (n) => n.unit.id) },
  { name: 'search', query: `query (${ARGS}) { search(query: "安全", ${PASS}) { edges { cursor node { kind score task { id } unit { id } document { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`, page: (d) => keyed(d.search, (n) => n.kind + (n.task ?? n.unit ?? n.document).id) },
];

function keyed(page: any, key: (node: any) => string): Page {
  return { ...page, edges: page.edges.map((e: any) => ({ cursor: e.cursor, node: { key: key(e.node) } })) };
}

const keysOf = (page: Page) => page.edges.map((e) => e.node.key);

async function pageOf(list: List, args: Record<string, unknown>): Promise<Page> {
  return list.page(await g.query(list.query, { ...list.variables, ...args }));
}

/** every item, reading forward `size` at a time */
async function forward(list: List, size: number): Promise<{ keys: string[]; pages: Page[] }> {
  const keys: string[] = [];
  const pages: Page[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await pageOf(list, { first: size, after });
    pages.push(page);
    keys.push(...keysOf(page));
    if (!page.pageInfo.hasNextPage) return { keys, pages };
    after = page.pageInfo.endCursor;
  }
}

/** every item, reading backward from the end `size` at a time */
async function backward(list: List, size: number): Promise<{ keys: string[]; pages: Page[] }> {
  const chunks: string[][] = [];
  const pages: Page[] = [];
  let before: string | null = null;
  for (;;) {
    const page = await pageOf(list, { last: size, before });
    pages.push(page);
    chunks.unshift(keysOf(page));
    if (!page.pageInfo.hasPreviousPage) return { keys: chunks.flat(), pages };
    before = page.pageInfo.startCursor;
  }
}

describe('every connection pages forward with first/after and backward with last/before', () => {
  for (const list of LISTS) {
    it(`${list.name}: read backward, the same items in the same order as read forward`, async () => {
      const all = await forward(list, 100);
      expect(all.keys.length, 'the list has items to page through').toBeGreaterThan(3);
      expect(new Set(all.keys).size, 'no item twice').toBe(all.keys.length);
      expect(all.keys.length).toBe(all.pages[0].totalCount);
      const size = Math.max(2, Math.floor(all.keys.length / 3) - 1);
      const ahead = await forward(list, size);
      const behind = await backward(list, size);
      expect(ahead.keys).toEqual(all.keys);
      expect(behind.keys).toEqual(all.keys);
      // the last page read backward is the list's end, and says so
      const last = behind.pages[0];
      expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(keysOf(last)).toEqual(all.keys.slice(-size));
      expect(behind.pages.at(-1)!.pageInfo.hasNextPage).toBe(true);
    });
  }

  it('a page between two cursors: after one item and before another, from either end', async () => {
    const list = LISTS[0];
    const all = await pageOf(list, { first: 100 });
    const [from, to] = [all.edges[2].cursor, all.edges[9].cursor];
    const middle = all.edges.slice(3, 9).map((e) => e.node.key);
    expect(keysOf(await pageOf(list, { first: 50, after: from, before: to }))).toEqual(middle);
    expect(keysOf(await pageOf(list, { last: 50, after: from, before: to }))).toEqual(middle);
    expect(keysOf(await pageOf(list, { last: 2, after: from, before: to }))).toEqual(middle.slice(-2));
  });
});

describe('paging arguments that cannot be honoured are refused, naming the argument', () => {
  const TASKS = `query ($first: Int, $after: String, $last: Int, $before: String) { tasks(first: $first, after: $after, last: $last, before: $before) { totalCount } }`;
  const refusal = async (query: string, variables: Record<string, unknown>) => (await g.execute(query, variables)).errors?.[0];

  it('first and last together', async () => {
    const error = await refusal(TASKS, { first: 5, last: 5 });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'last' });
    expect(error?.message).toMatch(/first or last/);
  });

  it('a page size outside 0–100, for last as for first', async () => {
    expect((await refusal(TASKS, { last: 101 }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'last' });
    expect((await refusal(TASKS, { first: -1 }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it('a cursor of another connection, as after or before: it names the list it came from', async () => {
    const units = (await g.query(`{ units(first: 2) { pageInfo { endCursor } } }`)).units.pageInfo.endCursor;
    const assignments = (await g.query(`{ unit(name: "省应急厅") { assignments(first: 2) { pageInfo { endCursor } } } }`)).unit.assignments.pageInfo.endCursor;
    const after = await refusal(TASKS, { after: units });
    expect(after?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(after?.message).toMatch(/a cursor of units, not of tasks/);
    expect((await refusal(TASKS, { before: assignments }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'before' });
    // a document's tasks are keyed by their place in the document, all tasks by when they were read: never mixed
    const docTasks = (await g.query(`{ document(number: "晋政发〔2024〕1号") { tasks(first: 2) { pageInfo { endCursor } } } }`)).document.tasks.pageInfo.endCursor;
    expect((await refusal(TASKS, { after: docTasks }))?.message).toMatch(/a cursor of Document.tasks, not of tasks/);
    const search = (await g.query(`{ search(query: "安全", first: 2) { pageInfo { endCursor } } }`)).search.pageInfo.endCursor;
    expect((await refusal(TASKS, { after: search }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect((await refusal(`query ($c: String) { search(query: "安全", before: $c) { totalCount } }`, { c: units }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'before' });
  });
});
