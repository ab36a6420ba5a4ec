import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Graph, seededGraph } from './support/graph.js';
import { createContext } from '../src/graphql/context.js';

// the benchmark's nested graph: a unit → its assignments → tasks → every unit on those tasks
const NESTED = `query ($first: Int!) { unit(name: "省应急厅") { name assignments(first: $first) { totalCount
  nodes { role task { path title assignments { role unit { name level } } } } } } }`;

let g: Graph;
beforeAll(async () => (g = await seededGraph({ traceSql: true })));
afterAll(() => g.close());

describe('loaders without batching (the benchmark’s naive variant)', () => {
  async function run(batch: boolean, first: number) {
    const res = await g.server.executeOperation({ query: NESTED, variables: { first } }, { contextValue: createContext(g.orm, null, { batch }) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors, extensions } = res.body.singleResult as { data: any; errors?: unknown[]; extensions: { sqlStatements: number } };
    expect(errors).toBeUndefined();
    return { data, statements: extensions.sqlStatements };
  }

  it('answer exactly what the batching loaders answer', async () => {
    const batched = await run(true, 20);
    const naive = await run(false, 20);
    expect(batched.data.unit.assignments.nodes).toHaveLength(20);
    expect(naive.data).toEqual(batched.data);
  });

  it('run statements per parent, where batching runs a fixed number', async () => {
    const [b5, b20, n5, n20] = [await run(true, 5), await run(true, 20), await run(false, 5), await run(false, 20)];
    expect(b20.statements).toBe(b5.statements);
    expect(n20.statements).toBeGreaterThan(n5.statements);
    expect(n20.statements).toBeGreaterThan(3 * b20.statements);
  });

  it('answer a repeated key once per request, as DataLoader does with batch: false', async () => {
    const ctx = createContext(g.orm, null, { batch: false });
    const [a, b] = await Promise.all([ctx.loaders.unitById.load(1), ctx.loaders.unitById.load(1)]);
    expect(a).toBe(b);
    expect(ctx.sql.statements).toBe(1);
    await ctx.loaders.unitById.loadMany([2, 3]);
    expect(ctx.sql.statements).toBe(3);
  });
});

describe('the request context', () => {
  it('makes no ORM context for a read, though Apollo copies the context for every request', async () => {
    const fork = vi.spyOn(g.orm.em, 'fork');
    try {
      const res = await g.server.executeOperation({ query: NESTED, variables: { first: 3 } }, { contextValue: createContext(g.orm) });
      expect(res.body.kind === 'single' && res.body.singleResult.errors).toBeFalsy();
      expect(fork).not.toHaveBeenCalled();
      const ctx = createContext(g.orm);
      expect(ctx.em).toBe(ctx.em);
      expect(fork).toHaveBeenCalledTimes(1);
    } finally {
      fork.mockRestore();
    }
  });

  it('makes only the loaders a request asks for, each once', () => {
    const ctx = createContext(g.orm);
    expect(ctx.loaders.unitById).toBe(ctx.loaders.unitById);
    expect(createContext(g.orm).loaders.unitById).not.toBe(ctx.loaders.unitById);
  });
});
