// Settings, addresses and pages that fail closed: an unknown yes/no value stops the process, the
// server listens on 127.0.0.1 unless told otherwise, token records are for administrators, and
// every response tells browsers not to sniff or frame it.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSettings, envFlag, SettingError } from '../src/env.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { createContext } from '../src/graphql/context.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import type { Auth } from '../src/modules/auth/auth.service.js';
import { tempOrm, type TempOrm } from './support/graph.js';

const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;

/** runs the CLI until it prints a line matching `until` (then stops it) or exits */
function cli(args: string[], env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (until?.test(out)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('yes/no settings fail closed', () => {
  it('reads 1/true/yes/on and 0/false/no/off, the default when unset, and refuses anything else', () => {
    const before = process.env.DUTYGRAPH_REQUIRE_TOKEN;
    try {
      for (const [value, expected] of [['yes', true], ['ON', true], ['0', false], ['off', false]] as const) {
        process.env.DUTYGRAPH_REQUIRE_TOKEN = value;
        expect(envFlag('DUTYGRAPH_REQUIRE_TOKEN')).toBe(expected);
      }
      delete process.env.DUTYGRAPH_REQUIRE_TOKEN;
      expect(envFlag('DUTYGRAPH_REQUIRE_TOKEN')).toBe(false);
      process.env.DUTYGRAPH_REQUIRE_TOKEN = 'required';
      expect(() => checkSettings()).toThrow(SettingError);
      expect(() => envFlag('DUTYGRAPH_REQUIRE_TOKEN')).toThrow(/DUTYGRAPH_REQUIRE_TOKEN="required" is not a yes\/no value/);
    } finally {
      if (before === undefined) delete process.env.DUTYGRAPH_REQUIRE_TOKEN;
      else process.env.DUTYGRAPH_REQUIRE_TOKEN = before;
    }
  });

  it('the CLI refuses to start with a value it does not know, saying which and why', async () => {
    const { code, err } = await cli(['serve', '--port', '0', '--db', '/nonexistent.sqlite'], { DUTYGRAPH_REQUIRE_TOKEN: 'required' });
    expect(code).toBe(2);
    expect(err).toContain('dutygraph: DUTYGRAPH_REQUIRE_TOKEN="required" is not a yes/no value');
  });
});

describe('dutygraph serve listens where it says', () => {
  let db: TempOrm;
  beforeAll(async () => {
    db = await tempOrm();
  });
  afterAll(async () => {
    await db.close();
  });

  it('on 127.0.0.1 unless HOST or --host says otherwise, and prints the address it listens on', async () => {
    const local = await cli(['serve', '--port', '0', ...db.cli.args], db.cli.env, /explorer/);
    expect(local.err).toBe('');
    expect(local.out).toMatch(/ at http:\/\/127\.0\.0\.1:(\d+)\/graphql\nthe graph explorer: http:\/\/127\.0\.0\.1:\1\/explorer\n/);
    const every = await cli(['serve', '--port', '0', '--host', '0.0.0.0', ...db.cli.args], db.cli.env, /serving/);
    expect(every.out).toMatch(/ at http:\/\/0\.0\.0\.0:\d+\/graphql \(every interface\)\n/);
    const bad = await cli(['serve', '--port', '0', '--host', 'example.com', ...db.cli.args], db.cli.env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--host: "example.com" is not an IP address');
  });
});

describe('who holds which token is for administrators', () => {
  let db: TempOrm;
  let server: Server;
  let base: string;
  const apollo = createApolloServer();
  let alice: string;
  beforeAll(async () => {
    db = await tempOrm();
    alice = await createToken(db.orm, 'alice', 'editor');
    server = createHttpServer(await apollo, db.orm);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await (await apollo).stop();
    await db.close();
  });

  const entities = async (auth: Auth | null) => {
    const res = await (await apollo).executeOperation({ query: '{ auditLog { nodes { entity entityKey after } } }' }, { contextValue: createContext(db.orm, auth) });
    const body = res.body as { kind: 'single'; singleResult: { data?: { auditLog: { nodes: { entity: string }[] } } } };
    return body.singleResult.data!.auditLog.nodes.map((n) => n.entity);
  };

  it('auditLog leaves token records out for anonymous callers, viewers and editors, and lists them for an admin', async () => {
    expect(await entities(null)).not.toContain('ApiToken');
    expect(await entities({ actor: 'v', role: 'viewer' })).not.toContain('ApiToken');
    expect(await entities({ actor: 'e', role: 'editor' })).not.toContain('ApiToken');
    expect(await entities({ actor: 'root', role: 'admin' })).toContain('ApiToken');
  });

  it('an editor may send a file larger than a query may be (base64 to ingestDocument); anyone else gets a 413', async () => {
    const text = '某县人民政府办公室关于做好防汛工作的通知\n一、压实责任。（县应急局负责）\n' + '各乡镇要加强值班值守，确保信息畅通。\n'.repeat(20_000);
    const body = JSON.stringify({
      query: 'mutation ($in: IngestDocumentInput!) { ingestDocument(input: $in) { format tasks } }',
      variables: { in: { fileName: 'long.txt', file: Buffer.from(text).toString('base64'), jurisdiction: '140525', dryRun: true } },
    });
    // over the 1 MB any query may be, under the 2 MB file ingestDocument takes in the request
    expect(body.length).toBeGreaterThan(1024 * 1024);
    expect(Buffer.byteLength(text)).toBeLessThan(2 * 1024 * 1024);
    const post = (token?: string) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
    const editor = await post(alice);
    expect(editor.status).toBe(200);
    expect((await editor.json()).data.ingestDocument).toEqual({ format: 'TEXT', tasks: 1 });
    const anonymous = await post();
    expect(anonymous.status).toBe(413);
  });

  it('answers /health and /ready for load balancers', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe('ready');
  });

  it('every response says nosniff and no framing; JSON answers too', async () => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const page = await fetch(`${base}/explorer`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});
