import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrm } from '../src/orm.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import { admin, describeWithPostgres, tempDatabase, type TempDatabase } from './support/database.js';

// The PostgreSQL server stops taking this database's connections for a while: every request says
// so (503, Retry-After), none as a bad token or an internal error, and all is well once it is back.
describeWithPostgres('when PostgreSQL goes away and comes back', () => {
  let db: TempDatabase;
  let orm: MikroORM;
  let server: Server;
  let base: string;
  let token: string;
  const name = () => new URL((db.target as { databaseUrl: string }).databaseUrl).pathname.slice(1);

  beforeAll(async () => {
    db = await tempDatabase('postgres');
    orm = await createOrm(db.target);
    token = await createToken(orm, 'outage-reader', 'viewer');
    server = createHttpServer(await createApolloServer(), orm);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await admin(`alter database ${name()} allow_connections true`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await orm.close(true);
    await db.drop();
  });

  const query = (auth?: string) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify({ query: '{ units(first: 1) { totalCount } }' }),
    });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After to reads, token holders and exports, then recovers', async () => {
    expect((await query(token)).status).toBe(200);

    await admin(`alter database ${name()} allow_connections false`);
    await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name()}'`);

    for (const response of [await query(), await query(token)]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors[0].message).not.toMatch(/ECONNREFUSED|5432|pg_|terminat/);
    }
    const exported = await fetch(`${base}/export?format=csv`);
    expect(exported.status).toBe(503);
    // a load balancer's view: alive, not ready
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('retry-after')).toBe('5');
    expect(await notReady.json()).toEqual({ status: 'unavailable', database: 'postgresql', code: 'SERVICE_UNAVAILABLE' });

    await admin(`alter database ${name()} allow_connections true`);
    let recovered = 0;
    for (let attempt = 0; attempt < 20 && recovered !== 200; attempt++) {
      recovered = (await query(token)).status;
      if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(200);
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'ready', database: 'postgresql' });
  });
});
