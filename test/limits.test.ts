import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { LIMITS } from '../src/graphql/limits.js';
import { tempOrm } from './support/graph.js';

let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const db = await tempOrm();
  await seedDatabase(db.orm);
  const apollo = await createApolloServer();
  const server: Server = createHttpServer(apollo, db.orm);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await apollo.stop();
    await db.close();
  };
});
afterAll(() => close());

async function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(base, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // some refusals are not JSON
  }
  return { status: res.status, json, text };
}

/** after every hostile request, the server still answers a normal one */
async function stillAnswers() {
  const res = await post({ query: '{ unit(name: "省应急厅") { name } }' });
  expect(res.status).toBe(200);
  expect(res.json.data.unit.name).toBe('山西省应急管理厅');
}

const deep = (n: number) => `{ tasks(first: 1) { nodes { ${'parent { '.repeat(n)}id${' }'.repeat(n)} } } }`;

describe('requests written to hurt the server are refused with a 4xx and a stable code', () => {
  const cases: [name: string, body: unknown, status: number, code: string][] = [
    ['nesting deeper than the limit', { query: deep(LIMITS.maxDepth) }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['an alias flood', { query: `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: documents { totalCount }`).join(' ')} }` }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['a directive flood', { query: `{ documents ${'@include(if: true) '.repeat(30)} { totalCount } }` }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['a page of 100 of a page of 100 of lists', { query: '{ units(first: 100) { nodes { assignments(first: 100) { nodes { task { children { assignments { unit { name } } } } } } } } }' }, 400, 'COST_LIMIT_EXCEEDED'],
    ['more tokens than the parser takes', { query: `{ ${'__typename '.repeat(LIMITS.maxTokens + 10)} }` }, 400, 'GRAPHQL_PARSE_FAILED'],
    ['a syntax error', { query: '{ documents { ' }, 400, 'GRAPHQL_PARSE_FAILED'],
    ['a field that does not exist', { query: '{ documnts { totalCount } }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['a page larger than 100', { query: '{ tasks(first: 1000) { totalCount } }' }, 200, 'BAD_USER_INPUT'],
    ['a global ID of another type', { query: '{ tasks(filter: { document: "VW5pdDox" }) { totalCount } }' }, 200, 'BAD_USER_INPUT'],
    ['an ID that is not base64', { query: '{ tasks(filter: { document: "%%%\'; drop table task; --" }) { totalCount } }' }, 200, 'BAD_USER_INPUT'],
    ['a variable of the wrong type', { query: 'query ($n: Int) { tasks(first: $n) { totalCount } }', variables: { n: 'lots' } }, 400, 'BAD_USER_INPUT'],
    ['a batch of operations', [{ query: '{ documents { totalCount } }' }, { query: '{ documents { totalCount } }' }], 400, 'BAD_REQUEST'],
    ['a circular fragment', { query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
  ];
  for (const [name, body, status, code] of cases) {
    it(name, async () => {
      const res = await post(body);
      expect(res.status).toBe(status);
      expect(res.json.errors[0].extensions.code).toBe(code);
      await stillAnswers();
    });
  }

  it('a body over the size limit is refused with 413', async () => {
    const res = await post({ query: `{ documents { totalCount } }`, variables: { pad: 'x'.repeat(LIMITS.maxBodyBytes + 10) } });
    expect(res.status).toBe(413);
    expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    await stillAnswers();
  });

  it('a body that is not JSON, and a wrong content type', async () => {
    expect((await post('{ not json')).status).toBe(400);
    const plain = await post('{ documents { totalCount } }', { 'content-type': 'text/plain' });
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    await stillAnswers();
  });

  it('a GET that could be a cross-site request is blocked (CSRF prevention)', async () => {
    const res = await fetch(`${base}?query=${encodeURIComponent('{ documents { totalCount } }')}`);
    expect(res.status).toBe(400);
    await stillAnswers();
  });

  it('injection-looking and overlong strings in filters are plain text', async () => {
    for (const text of ["'; drop table task; --", '%_\\', '" or 1=1 --', '煤矿'.repeat(500)]) {
      const res = await post({ query: 'query ($t: String!) { tasks(filter: { text: $t }) { totalCount } units(filter: { nameContains: $t }) { totalCount } unit(name: $t) { name } }', variables: { t: text } });
      expect(res.status).toBe(200);
      expect(res.json.errors).toBeUndefined();
      expect(res.json.data.tasks.totalCount).toBe(0);
    }
    await stillAnswers();
  });

  it('field suggestions are hidden', async () => {
    const res = await post({ query: '{ documnts { totalCount } }' });
    expect(res.json.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('the real queries of the README and the auditor views are within the limits', async () => {
    const walk = `{ tasks(filter: { path: "五/（二十二）", level: PROVINCE }) { nodes { title assignments { role mention } implementedBy { method score evidence { implemented { text } implementer { text } }
      implementer { path title document { number } assignments { role unit { name } clause { text } coveredUnits { reach unit { name } } } } } } } }`;
    const res = await post({ query: walk });
    expect(res.json.errors).toBeUndefined();
  });
});

describe('introspection', () => {
  it('is on by default for analysts, and can be switched off', async () => {
    const on = await createApolloServer();
    const off = await createApolloServer({ introspection: false });
    const q = { query: '{ __schema { queryType { name } } }' };
    const a = await on.executeOperation(q);
    const b = await off.executeOperation(q);
    expect(a.body.kind === 'single' && a.body.singleResult.errors).toBeFalsy();
    expect(b.body.kind === 'single' && b.body.singleResult.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await on.stop();
    await off.stop();
  });
});

describe('GraphQL over HTTP', () => {
  it('passes the graphql-http server audits with no failure', async () => {
    const { auditServer } = await import('graphql-http');
    const results = await auditServer({ url: base });
    const failures = results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failures).toEqual([]);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(50);
  });
});
