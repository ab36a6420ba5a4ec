// Expensive reads do not hold the server (issue 16, point 1): on SQLite they run on the read
// pool's threads, a statement past its deadline — or whose client has gone — ends with its thread,
// they are priced in the cost limit, and one client may only run a few of them at once.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { ReadPool } from '../src/graphql/read-pool.js';
import { Sql } from '../src/graphql/sql.js';
import { LIMITS, maskError } from '../src/graphql/limits.js';
import type { GraphQLError } from 'graphql';
import { tempOrm, type TempOrm } from './support/graph.js';
import { onPostgres } from './support/database.js';

// a statement that runs for many seconds on SQLite: count to five hundred million
const SLOW = `with recursive n(i) as (select 1 union all select i + 1 from n where i < 500000000) select count(*) as "count" from n`;

/** the longest the event loop went without running a 5 ms timer while `work` ran */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work().catch(() => undefined);
    longest = Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(timer);
  }
  return longest;
}

describe.skipIf(onPostgres)('SQLite reads off the event loop', () => {
  let db: TempOrm;
  let pool: ReadPool;
  beforeAll(async () => {
    db = await tempOrm();
    await seedDatabase(db.orm);
    pool = new ReadPool(db.orm.config.get('dbName'), 2);
  }, 60_000);
  afterAll(async () => {
    await pool.close();
    await db.close();
  });

  it('a statement past the deadline is ended within 10 % of the limit, the event loop never stalls meanwhile, and the pool answers again at once', async () => {
    const sql = new Sql(db.orm, { readPool: pool });
    sql.offload();
    sql.setDeadline(Date.now() + 500, 500);
    const started = performance.now();
    let error: unknown;
    const stall = await longestStall(() => sql.all(SLOW).catch((e) => (error = e)));
    const took = performance.now() - started;
    expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('TIMEOUT');
    expect(took).toBeLessThan(550);
    expect(stall).toBeLessThan(100);
    // a new thread took the ended one's place
    const quick = new Sql(db.orm, { readPool: pool });
    quick.offload();
    expect(await quick.all<{ n: number }>(`select count(*) as "n" from document`)).toEqual([{ n: 5 }]);
  });

  it('a statement whose client has gone is ended too, with an error the operator’s log does not report as a fault', async () => {
    const gone = new AbortController();
    const sql = new Sql(db.orm, { readPool: pool, gone: gone.signal });
    sql.offload();
    const started = performance.now();
    setTimeout(() => gone.abort(), 200);
    const error = await sql.all(SLOW).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(400);
    expect(error).toMatchObject({ extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
    expect(maskError({ message: (error as Error).message, extensions: (error as GraphQLError).extensions }, error).extensions?.code).toBe('CLIENT_CLOSED_REQUEST');
  });

  it('the same statement on the main thread holds the event loop for as long as it runs (why the pool exists)', async () => {
    const sql = new Sql(db.orm);
    sql.setDeadline(Date.now() + 300, 300);
    const stall = await longestStall(() => sql.all(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000000) select count(*) as "count" from n`));
    expect(stall).toBeGreaterThan(100);
  });
});

describe('expensive requests over HTTP: priced, and capped per client', () => {
  let db: TempOrm;
  let url: string;
  let server: Server;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    db = await tempOrm();
    await seedDatabase(db.orm);
    const apollo = await createApolloServer();
    server = createHttpServer(apollo, db.orm);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    stop = async () => {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    };
  }, 60_000);
  afterAll(async () => {
    await stop();
    await db.close();
  });
  const post = (query: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('a search answers through the pool as it does on the main thread', async () => {
    const body = await (await post(`{ search(query: "燃气", first: 3) { totalCount nodes { task { path } } } }`)).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.search.totalCount).toBeGreaterThan(3);
  });

  it('each expensive field is priced: ten searches fit in a query, twelve do not', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: search(query: "安", first: 1) { totalCount }`).join(' ')} }`;
    expect((await (await post(aliases(10))).json()).errors).toBeUndefined();
    const refused = await post(aliases(12));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('past its cap of concurrent expensive requests a client gets RATE_LIMITED (429, Retry-After); cheap requests are not capped', async () => {
    const cap = LIMITS.expensivePerClient;
    LIMITS.expensivePerClient = 0;
    try {
      const refused = await post(`{ workload(first: 1) { totalCount } }`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      // a list filtered by text scans too, also inside a fragment, also when the text comes in a variable
      expect((await post(`{ ... on Query { tasks(filter: { text: "燃气" }) { totalCount } } }`)).status).toBe(429);
      const byVariable = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query ($f: TaskFilter) { tasks(filter: $f) { totalCount } }', variables: { f: { text: '煤矿' } } }) });
      expect(byVariable.status).toBe(429);
      const cheap = await post(`{ documents { totalCount } tasks(filter: { level: CITY }) { totalCount } }`);
      expect(cheap.status).toBe(200);
    } finally {
      LIMITS.expensivePerClient = cap;
    }
    // the refused request gave its place back: with the cap restored, requests pass again
    expect((await post(`{ workload(first: 1) { totalCount } }`)).status).toBe(200);
  });
});
