import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { tempOrm } from './support/graph.js';

let server: Server;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const db = await tempOrm();
  await seedDatabase(db.orm);
  const apollo = await createApolloServer({ traceSql: true });
  server = createHttpServer(apollo, db.orm);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await apollo.stop();
    await db.close();
  };
});
afterAll(() => close());

describe('the HTTP server', () => {
  it('answers a POSTed query, with the statement count when tracing', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ unit(name: "省应急厅") { name } }' }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.unit.name).toBe('山西省应急管理厅');
    expect(body.extensions.sqlStatements).toBe(1);
  });

  it('serves the explorer page to a browser at GET /graphql, and its offline assets', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('/graphql/assets/graphiql.min.js');
    const asset = await fetch(`${base}/graphql/assets/graphiql.min.js`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await fetch(`${base}/graphql/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('rejects a body that is not JSON with a clear error', async () => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers GET queries too', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ documents { totalCount } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect((await res.json()).data.documents.totalCount).toBe(5);
  });
});
