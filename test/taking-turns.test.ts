// A CLI ingest while another process writes to the same SQLite file (the server taking
// mutations): they take turns — both writes land, nothing is lost — and when the file stays busy
// past the patience the error says so without SQL or the document's text.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { createOrm } from '../src/orm.js';
import { ingestFiles } from '../src/ingest/ingest.js';
import { TEST_DIALECT } from './support/database.js';

const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;
const FIXTURES = new URL('./fixtures/ingest/', import.meta.url).pathname;
const BETTER_SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** another process holding the file's write lock for `ms` (then committing), as a long mutation would; resolves once it holds it, with its end and a way to end it early */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void>; kill: () => void }> {
  const script = `const Database = require(${JSON.stringify(BETTER_SQLITE)}); const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE'); db.exec("insert into dataset_state (key, value) values ('holder', 'x') on conflict (key) do update set value = 'y'");
    process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); process.exit(0); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve) => child.stdout.once('data', () => resolve({ released, kill: () => child.kill('SIGKILL') })));
}

describe.skipIf(TEST_DIALECT === 'postgres')('SQLite with several writers', () => {
  let dir: string;
  let file: string;
  let orm: MikroORM;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dutygraph-turns-'));
    file = join(dir, 'shared.sqlite');
    orm = await createOrm({ dbPath: file });
  });
  afterAll(async () => {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a CLI ingest and the server’s writes take turns while another process holds the write lock: both land', async () => {
    const { released } = await holdWriteLock(file, 1500);
    const started = Date.now();
    const [cli, server] = await Promise.all([run(['ingest', FIXTURES + 'county-notice.txt', '--db', file]), ingestFiles(orm, [FIXTURES + 'province-task-list.txt'])]);
    await released;
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    expect(server.ingested.map((i) => i.report.status)).toEqual(['created']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const rows = await orm.em.fork().getConnection().execute<{ source_file: string }[]>('select source_file from document order by source_file');
    expect(rows.map((r) => r.source_file)).toEqual(['county-notice.txt', 'province-task-list.txt']);
  });

  it('past its patience, a write says the database is busy — no SQL, no document text — and writes nothing', async () => {
    // held until the CLI has given up
    const { released, kill } = await holdWriteLock(file, 60_000);
    const cli = await run(['ingest', FIXTURES + 'open-ended.txt', '--db', file], { DUTYGRAPH_WRITE_WAIT_MS: '500' });
    kill();
    await released;
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/the database is busy: another process has been writing to it for \d+ s; nothing was written/);
    expect(cli.err).not.toMatch(/insert|select|update /i);
    expect(cli.err.length).toBeLessThan(300);
    const rows = await orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*) as n from document where source_file = 'open-ended.txt'`);
    expect(Number(rows[0].n)).toBe(0);
  });
});
