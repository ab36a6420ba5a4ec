import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOperationAST, parse } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { type Graph, seededGraph } from './support/graph.js';
import { buildGraphQLSchema } from '../src/graphql/schema.js';
import { createContext } from '../src/graphql/context.js';
import { jitCompileAfter, jitExecutor } from '../src/graphql/executor.js';

// what compiled execution must answer exactly as graphql-js does: interfaces, connections counted
// lazily, nested lists, enums, nulls, fragments, aliases, directives, variables and defaults,
// introspection, and errors with their codes and paths
const QUERIES: [string, string, Record<string, unknown>?][] = [
  ['a unit, its aliases and jurisdiction', `{ unit(name: "省应急厅") { id name kind level aliases jurisdiction { code name level parent { name } } } }`],
  [
    'a unit → assignments → tasks → the other units, counted',
    `query ($n: String!, $first: Int = 5) { unit(name: $n) { assignments(first: $first) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { role clause { text start end openEnded } basis { text } task { path title text kind document { number } assignments { role unit { name } } } } } } } }`,
    { n: '省应急厅' },
  ],
  ['node(id:) through the Node interface, with fragments and __typename', `{ tasks(first: 3) { nodes { id } } a: node(id: "VGFzazox") { __typename id ...T } } fragment T on Task { path children { path } }`],
  ['aliases and @include/@skip', `query ($yes: Boolean!) { x: documents(first: 2) { nodes { number t: title @include(if: $yes) s: year @skip(if: $yes) kind } } }`, { yes: true }],
  ['a responsibility chain', `{ tasks(first: 1, filter: { level: PROVINCE }) { nodes { path implementedBy { method score implementer { path } } } } }`],
  ['search, with snippets', `{ search(query: "煤矿", first: 5) { totalCount nodes { kind score field snippet task { path } unit { name } document { title } } } }`],
  ['introspection', `{ __schema { queryType { name } types { name kind } } __type(name: "Role") { enumValues { name description } } }`],
  ['an error: a global ID of no type', `{ node(id: "bm90aGluZzox") { id } tasks(first: 1) { nodes { path } } }`],
  ['an error: a variable of the wrong type', `query ($first: Int) { tasks(first: $first) { nodes { path } } }`, { first: 'many' }],
];

const request = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return { document, operationName: null, operation: getOperationAST(document)!, request: { query, variables } };
};

// what a client sees of an answer
const seen = (r: { data?: unknown; errors?: readonly any[] }) => ({
  data: r.data,
  errors: r.errors?.map((e) => ({ message: e.message, path: e.path, locations: e.locations, code: e.extensions?.code })),
});

describe('execution compiled by graphql-jit', () => {
  let graph: Graph;
  beforeAll(async () => (graph = await seededGraph()));
  afterAll(() => graph.close());

  // a request's document parsed anew, or one parsed before (Apollo keeps one per query text)
  const run = (executor: ReturnType<typeof jitExecutor>, query: string | ReturnType<typeof request>, variables?: Record<string, unknown>) =>
    executor({ ...(typeof query === 'string' ? request(query, variables) : query), context: createContext(graph.orm) } as unknown as GatewayGraphQLRequestContext);

  for (const [name, query, variables] of QUERIES) {
    it(`answers as graphql-js does: ${name}`, async () => {
      const schema = await buildGraphQLSchema();
      const compiled = jitExecutor(schema, 0);
      const interpreted = jitExecutor(schema, Infinity);
      const expected = seen(await run(interpreted, query, variables));
      expect(seen(await run(compiled, query, variables))).toEqual(expected);
      expect(interpreted.compiled).toBe(0);
      expect(compiled.compiled).toBe(1);
    });
  }

  it('runs a query through graphql-js the first time and compiles it the second, once', async () => {
    const executor = jitExecutor(await buildGraphQLSchema(), 1);
    const [, query, variables] = QUERIES[1];
    const parsed = request(query, variables);
    const first = await run(executor, parsed);
    expect(executor.compiled).toBe(0);
    const second = await run(executor, parsed);
    expect(executor.compiled).toBe(1);
    await run(executor, { ...parsed, request: { query, variables: { n: '晋城市应急管理局' } } });
    expect(executor.compiled).toBe(1);
    expect(second).toEqual(first);
    // the same text parsed again is another document: Apollo's cache, not this one, makes them one
    await run(executor, query, variables);
    expect(executor.compiled).toBe(1);
  });

  it('never compiles a mutation', async () => {
    const executor = jitExecutor(await buildGraphQLSchema(), 0);
    const mutation = `mutation { addUnitAlias(input: { unit: "VW5pdDox", alias: "应急厅", version: 1 }) { unit { name } } }`;
    const parsed = request(mutation);
    for (let i = 0; i < 2; i++) {
      // without a token: refused by the mutation itself, which graphql-js ran
      const r = await run(executor, parsed);
      expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(executor.compiled).toBe(0);
  });

  it('through Apollo, a compiled query keeps the codes Apollo gives: BAD_USER_INPUT for a bad variable', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await graph.execute(`query ($first: Int) { tasks(first: $first) { nodes { path } } }`, { first: 'many' });
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('DUTYGRAPH_JIT_AFTER sets the runs before compiling: a number, 0 at once, "off" never; anything else is refused', () => {
    const before = process.env.DUTYGRAPH_JIT_AFTER;
    try {
      const at = (v: string | undefined) => {
        if (v === undefined) delete process.env.DUTYGRAPH_JIT_AFTER;
        else process.env.DUTYGRAPH_JIT_AFTER = v;
        return jitCompileAfter();
      };
      expect(at(undefined)).toBe(1);
      expect(at('0')).toBe(0);
      expect(at('3')).toBe(3);
      expect(at('off')).toBe(Infinity);
      expect(() => at('-1')).toThrow(/DUTYGRAPH_JIT_AFTER/);
      expect(() => at('soon')).toThrow(/DUTYGRAPH_JIT_AFTER/);
    } finally {
      process.env.DUTYGRAPH_JIT_AFTER = before;
    }
  });
});
