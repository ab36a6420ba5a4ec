import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import { verifyChain } from '../src/modules/audit-trail/audit.service.js';
import { tempOrm, type TempOrm } from './support/graph.js';
import { describeWithPostgres } from './support/database.js';

// two `dutygraph serve` processes on one PostgreSQL database, as behind a load balancer;
// on both passes of the suite, since it is about PostgreSQL whichever the suite runs on
const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;
const run = promisify(execFile);

interface Instance {
  child: ChildProcess;
  url: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serve(db: TempOrm): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], { env: db.cli.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the instance did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('dutygraph serving PostgreSQL')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the instance exited with ${code}:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

async function gql(instance: Instance, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(instance.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...(await res.json()) };
}

const ASSIGNMENTS = `{ unit(name: "省应急厅") { assignments(first: 30) { nodes { id role version } } } }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on Assignment { role version review history { actor operation } } } }`;
const REVIEW = `mutation ($id: ID!, $v: Int!, $status: ReviewStatus!) { reviewAssignment(input: { assignment: $id, version: $v, status: $status }) { assignment { review version } } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $role: Role!) { updateAssignment(input: { assignment: $id, version: $v, role: $role }) { assignment { role version } } }`;

describeWithPostgres('two API instances on one PostgreSQL database', () => {
  let db: TempOrm;
  let a: Instance;
  let b: Instance;
  let token: string;
  let assignments: { id: string; role: string; version: number }[];

  beforeAll(async () => {
    db = await tempOrm('postgres');
    await seedDatabase(db.orm);
    token = await createToken(db.orm, 'two-instances', 'editor');
    // started together: they take turns over the schema check instead of racing each other
    [a, b] = await Promise.all([serve(db), serve(db)]);
    assignments = (await gql(b, ASSIGNMENTS)).data.unit.assignments.nodes;
  });

  afterAll(async () => {
    for (const instance of [a, b]) {
      if (!instance || instance.child.exitCode !== null) continue;
      instance.child.kill('SIGTERM');
      await new Promise((resolve) => instance.child.once('exit', resolve));
    }
    await db?.close();
  });

  it('a write through one is read back through the other at once', async () => {
    const target = assignments.find((x) => x.role !== 'COOPERATE')!;
    // B reads it first, so anything B kept from that read would show here
    expect((await gql(b, READ, { id: target.id })).data.node).toMatchObject({ role: target.role, version: 1 });
    const written = await gql(a, UPDATE, { id: target.id, v: 1, role: 'COOPERATE' }, token);
    expect(written.errors).toBeUndefined();
    expect(written.data.updateAssignment.assignment).toEqual({ role: 'COOPERATE', version: 2 });
    const read = await gql(b, READ, { id: target.id });
    expect(read.data.node).toMatchObject({ role: 'COOPERATE', version: 2, review: 'CONFIRMED' });
    expect(read.data.node.history.at(-1)).toEqual({ actor: 'two-instances', operation: 'UPDATE_ASSIGNMENT' });
    // and B knows the version A wrote: the old one is a CONFLICT there
    const stale = await gql(b, UPDATE, { id: target.id, v: 1, role: 'LEAD' }, token);
    expect(stale.errors[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('writes through both at the same time keep one unbroken audit chain', async () => {
    const others = assignments.slice(1, 13);
    const results = await Promise.all(others.map((x, i) => gql(i % 2 ? a : b, REVIEW, { id: x.id, v: x.version, status: 'REJECTED' }, token)));
    expect(results.map((r) => r.errors)).toEqual(others.map(() => undefined));
    const chain = await verifyChain(db.orm);
    expect(chain.broken).toBeNull();
    expect(chain.records).toBe(5 + 1 + 1 + others.length); // seeds, the token, the first test's write, these
  });

  it('the same version written through both at once: one succeeds, the other is a CONFLICT', async () => {
    const target = assignments[13];
    const results = await Promise.all([a, b].map((instance, i) => gql(instance, REVIEW, { id: target.id, v: target.version, status: i ? 'CONFIRMED' : 'REJECTED' }, token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['CONFLICT']);
    expect((await gql(a, READ, { id: target.id })).data.node.version).toBe(target.version + 1);
  });

  it('a token revoked through the CLI is refused by both instances at once', async () => {
    const viewer = await createToken(db.orm, 'short-lived', 'viewer');
    for (const instance of [a, b]) expect((await gql(instance, '{ __typename }', {}, viewer)).status).toBe(200);
    await run(process.execPath, [CLI, 'token', 'revoke', '--name', 'short-lived'], { env: db.cli.env });
    for (const instance of [a, b]) {
      const refused = await gql(instance, '{ __typename }', {}, viewer);
      expect(refused.status).toBe(401);
      expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});
