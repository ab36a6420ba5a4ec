import type { ApolloServer } from '@apollo/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext, type Context } from '../src/graphql/context.js';
import { Sql } from '../src/graphql/sql.js';
import type { Auth } from '../src/modules/auth/auth.service.js';
import { tempOrm, type TempOrm } from './support/graph.js';
import { describeWithPostgres } from './support/database.js';

/**
 * The execution time limit, on a clock the test moves: a clock that jumps STEP ms each time a read
 * statement finishes ("every statement takes ten seconds"), or one that jumps each time it is read.
 * Real time adds a few milliseconds, far below the half-STEP margins used here.
 */
const STEP = 10_000;

let db: TempOrm;
const servers: ApolloServer<Context>[] = [];
const editor: Auth = { actor: 'alice', role: 'editor' };

beforeAll(async () => {
  db = await tempOrm();
  await seedDatabase(db.orm);
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db.close();
});

async function serverWith(timeoutMs: number) {
  const server = await createApolloServer({ traceSql: true, timeoutMs });
  servers.push(server);
  return server;
}

async function run(server: ApolloServer<Context>, query: string, variables: Record<string, unknown> = {}, auth: Auth | null = null) {
  const res = await server.executeOperation({ query, variables }, { contextValue: createContext(db.orm, auth) });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return { status: res.http.status ?? 200, ...(res.body.singleResult as { data?: any; errors?: any[]; extensions?: any }) };
}

function statementsTakeTenSeconds() {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  const all = Sql.prototype.all;
  vi.spyOn(Sql.prototype, 'all').mockImplementation(async function (this: Sql, ...args: Parameters<Sql['all']>) {
    const rows = await all.apply(this, args);
    offset += STEP;
    return rows;
  });
}

function clockJumpsWhenRead() {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + (offset += STEP));
}

// every document, its tasks, their units and their units' other duties: loader batches level by level
const WALK = `{ documents { nodes { title tasks(first: 100) { nodes { title assignments { role unit { name jurisdiction { name }
  assignments(first: 5) { nodes { task { title document { number } } } } } } } } } } }`;

describe('the execution time limit', () => {
  it('stops a query that crosses many statements at the deadline, with one TIMEOUT error and a 400', async () => {
    const limit = 2 * STEP + STEP / 2;
    const server = await serverWith(limit);
    const whole = await run(server, WALK);
    expect(whole.errors).toBeUndefined();
    const statements = whole.extensions.sqlStatements;
    expect(statements).toBeGreaterThanOrEqual(8);

    statementsTakeTenSeconds();
    const stopped = await run(server, WALK);
    expect(stopped.status).toBe(400);
    expect(stopped.data).toBeNull();
    expect(stopped.errors).toEqual([{ message: expect.stringContaining(`limit of ${limit} ms`), extensions: { code: 'TIMEOUT', timeoutMs: limit } }]);
    // the deadline held between statements: the three that began before it ran, and not the rest
    expect(stopped.extensions.sqlStatements).toBeGreaterThanOrEqual(3);
    expect(stopped.extensions.sqlStatements).toBeLessThan(statements);
  });

  it('refuses an operation whose deadline passed before it could execute, even one that runs no SQL', async () => {
    const server = await serverWith(STEP / 2);
    clockJumpsWhenRead();
    const res = await run(server, '{ node(id: "bm90aGluZzox") { id } }');
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['TIMEOUT']);
    expect(res.data).toBeUndefined();
  });

  const REVIEW = `mutation ($id: ID!, $v: Int!) { reviewAssignment(input: { assignment: $id, version: $v, status: CONFIRMED }) {
    assignment { version review task { title document { tasks(first: 100) { nodes { assignments { unit { name } } } } } } } } }`;
  async function anAssignment(server: ApolloServer<Context>) {
    const res = await run(server, '{ tasks(first: 1, filter: { role: LEAD }) { nodes { assignments { id version review } } } auditLog { totalCount } }');
    return { ...res.data.tasks.nodes[0].assignments[0], audits: res.data.auditLog.totalCount };
  }

  it('refuses a mutation that has not begun by the deadline, and it writes nothing', async () => {
    const server = await serverWith(STEP / 2);
    const before = await anAssignment(server);
    clockJumpsWhenRead();
    const res = await run(server, REVIEW, { id: before.id, v: before.version }, editor);
    vi.restoreAllMocks();
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['TIMEOUT']);
    const after = await anAssignment(server);
    expect(after).toEqual(before);
  });

  it('never cuts a mutation that has begun: the write commits whole and its payload is answered', async () => {
    const server = await serverWith(STEP / 2);
    const before = await anAssignment(server);
    statementsTakeTenSeconds();
    const res = await run(server, REVIEW, { id: before.id, v: before.version }, editor);
    vi.restoreAllMocks();
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.data.reviewAssignment.assignment.version).toBe(before.version + 1);
    expect(res.data.reviewAssignment.assignment.task.document.tasks.nodes.length).toBeGreaterThan(0);
    const after = await anAssignment(server);
    expect(after).toMatchObject({ id: before.id, version: before.version + 1, review: 'CONFIRMED', audits: before.audits + 1 });
  });

  it('refuses a limit that is not a positive number of milliseconds', async () => {
    await expect(createApolloServer({ timeoutMs: Number('ten seconds') })).rejects.toThrow(/positive number of milliseconds/);
    await expect(createApolloServer({ timeoutMs: 0 })).rejects.toThrow(/positive number of milliseconds/);
  });
});

describeWithPostgres('on PostgreSQL', () => {
  let pg: TempOrm;
  beforeAll(async () => {
    pg = await tempOrm('postgres');
  });
  afterAll(() => pg.close());

  it('a statement still running at the deadline is cancelled in the server (statement timeout through knex)', async () => {
    const sql = new Sql(pg.orm);
    const started = Date.now();
    sql.setDeadline(started + 300, 300);
    await expect(sql.all("select pg_sleep(20), 'dutygraph-timeout-probe' as probe")).rejects.toMatchObject({ extensions: { code: 'TIMEOUT', timeoutMs: 300 } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sql.timedOut).toBe(true);
    // PostgreSQL is no longer running it
    const running = await new Sql(pg.orm).all<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where state = 'active' and query like '%dutygraph-timeout-probe%' and query not like '%pg_stat_activity%'",
    );
    expect(running[0].n).toBe(0);
    // and the next statement on the pool answers
    expect(await new Sql(pg.orm).one<{ one: number }>('select 1 as one')).toEqual({ one: 1 });
  });
});
