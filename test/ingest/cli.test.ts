import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, type DatabaseTarget } from '../../src/orm.js';
import { seedDatabase, SEEDS_DIR, seedFiles } from '../../src/ingest/seed.js';
import { type TempDatabase, tempDatabase } from '../support/database.js';
import Database from 'better-sqlite3';

const run = promisify(execFile);
const CLI = new URL('../../bin/dutygraph.js', import.meta.url).pathname;

/** runs the CLI; given a database, it is added to the arguments (SQLite) or the environment (PostgreSQL) */
async function cli(args: string[], db?: TempDatabase): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, ...(db?.cli.args ?? [])], { maxBuffer: 64 * 1024 * 1024, env: db?.cli.env });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/** everything a user can see of the graph, without row ids */
async function dump(target: DatabaseTarget): Promise<Record<string, unknown[]>> {
  const orm = await createOrm(target);
  const conn = orm.em.getConnection();
  const out = {
    documents: await conn.execute(`select source_file, doc_number, title, kind, issued_on, jurisdiction_code, text from document order by source_file`),
    tasks: await conn.execute(`select d.source_file, t.ordinal, t.path, t.label, t.title, t.kind, t.text, t.deadline, t.target from task t join document d on d.row_id = t.document_id order by 1, 2`),
    assignments: await conn.execute(
      `select d.source_file, t.path, u.name, a.role, a.mention, a.implicit, a.clause_start, a.clause_end from assignment a join task t on t.row_id = a.task_id
       join document d on d.row_id = t.document_id join unit u on u.row_id = a.unit_id order by 1, 2, 3, 4`,
    ),
    units: await conn.execute(`select name, kind, level, sector, jurisdiction_code, verified from unit order by name`),
    aliases: await conn.execute(`select u.name, a.alias from unit_alias a join unit u on u.row_id = a.unit_id order by 1, 2`),
    noise: await conn.execute(`select d.source_file, n.kind, n.raw_start from noise n join document d on d.row_id = n.document_id order by 1, 3, 2`),
  };
  await orm.close();
  return out;
}

/** whether another connection is inside a transaction that has written tasks (it holds their table's write lock until it ends) */
async function writing(db: TempDatabase): Promise<boolean> {
  if (db.dialect === 'sqlite') {
    // in WAL mode a writer is seen by its lock: another connection cannot begin a write
    const probe = new Database(db.target.dbPath!, { timeout: 0 });
    try {
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
      return false;
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
      throw error;
    } finally {
      probe.close();
    }
  }
  const client = new pg.Client({ connectionString: db.target.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
       where c.relname = 'task' and l.mode = 'RowExclusiveLock' and l.granted and l.pid <> pg_backend_pid()`,
    );
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'dutygraph-cli-'));

let databases: TempDatabase[] = [];
/** an empty database of the suite's dialect, removed after the test */
async function database(): Promise<TempDatabase> {
  const db = await tempDatabase();
  databases.push(db);
  return db;
}
afterEach(async () => {
  for (const db of databases) await db.drop();
  databases = [];
});

describe('dutygraph ingest', () => {
  let seeds: string[];
  beforeAll(async () => (seeds = (await seedFiles()).map((f) => join(SEEDS_DIR, f))));

  it('ingesting the corpus through the CLI gives the same graph as dutygraph seed', async () => {
    const seeded = await database();
    const ingested = await database();
    expect((await cli(['seed'], seeded)).code).toBe(0);
    const res = await cli(['ingest', ...seeds], ingested);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('晋政发〔2024〕1号');
    expect(await dump(ingested.target)).toEqual(await dump(seeded.target));
  });

  it('--dry-run reports what it would write and writes nothing', async () => {
    const db = await database();
    const res = await cli(['ingest', seeds[3], '--dry-run'], db);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/would be created/);
    expect(res.stdout).toMatch(/assignments: 148 — .*LEAD 2/);
    expect(res.stdout).toContain('dry run: nothing was written');
    const after = await dump(db.target);
    expect(after.documents).toEqual([]);
    expect(after.units).toEqual([]);
  });

  it('--json prints the parsed document with resolved units and the report', async () => {
    const res = await cli(['ingest', seeds[3], '--dry-run', '--json'], await database());
    const out = JSON.parse(res.stdout);
    expect(out.document).toMatchObject({ number: '晋政发〔2024〕1号', kind: 'NOTICE', jurisdiction: '140000', sourceFile: '003_de92b7dc7b209498.txt' });
    const t = out.tasks.find((x: any) => x.path === '三/（十五）');
    expect(t).toMatchObject({ label: '（十五）', title: '经营性自建房领域专项整治', kind: 'TASK' });
    expect(t.assignments[0]).toMatchObject({ role: 'LEAD', mention: '省住建厅', unit: '山西省住房和城乡建设厅', implicit: false, clause: { text: expect.stringContaining('省住建厅牵头') } });
    expect(out.report).toMatchObject({ status: 'created', tasks: 43, assignments: 148, implicitAssignments: 30, problems: [] });
  });

  it('a file that cannot be read is named, with a non-zero exit; the others are still written', async () => {
    const dir = tmp();
    const bin = join(dir, 'scan.pdf');
    writeFileSync(bin, Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0, 255, 254, 7, 7, 7]));
    const db = await database();
    const res = await cli(['ingest', seeds[2], bin, join(dir, 'missing.txt')], db);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${bin}: a binary file, not a text document`);
    expect(res.stderr).toContain('missing.txt: no such file');
    expect((await dump(db.target)).documents).toHaveLength(1);
  });

  it('refuses a file larger than the limit with a clear message', async () => {
    const res = await cli(['ingest', seeds[0], '--max-bytes', '1000'], await database());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/000_9babb23a9d226355\.txt: \d+ bytes is larger than the limit of 1000 bytes/);
    expect((await cli(['ingest', seeds[0], '--max-bytes', 'lots'])).code).toBe(2);
  });

  it('re-ingesting a changed document replaces it in place; tasks whose path is unchanged keep their IDs', async () => {
    const dir = tmp();
    const db = await database();
    const file = join(dir, '003.txt');
    copyFileSync(seeds[3], file);
    await cli(['ingest', file], db);
    const ids = async () => {
      const orm = await createOrm(db.target);
      const rows = await orm.em.getConnection().execute(`select row_id, path, title from task order by ordinal`);
      const count = await orm.em.getConnection().execute(`select count(*) as n from document`);
      await orm.close();
      return { rows: rows as { row_id: number; path: string; title: string }[], documents: Number(count[0].n) };
    };
    const before = await ids();
    writeFileSync(file, readFileSync(file, 'utf8').replace('(十)煤矿领域专项整治。', '(十)煤矿安全专项整治。'));
    const res = await cli(['ingest', file], db);
    expect(res.stdout).toContain('replaced');
    const after = await ids();
    expect(after.documents).toBe(1);
    expect(after.rows.map((r) => [r.row_id, r.path])).toEqual(before.rows.map((r) => [r.row_id, r.path]));
    expect(after.rows.find((r) => r.path === '三/（十）')!.title).toBe('煤矿安全专项整治');
  });

  it('a killed ingest leaves the database exactly as it was', async () => {
    const dir = tmp();
    const db = await database();
    const orm = await createOrm(db.target);
    await seedDatabase(orm);
    await orm.close();
    const before = await dump(db.target);
    // forty new documents (copies under other names and numbers), so the run is still writing when killed
    const files = Array.from({ length: 40 }, (_, i) => {
      const f = join(dir, `copy-${i}.txt`);
      writeFileSync(f, readFileSync(seeds[4], 'utf8').replace('晋市安委办发〔2023〕33号', `晋市安委办发〔2023〕${100 + i}号`));
      return f;
    });
    const child = spawn(process.execPath, [CLI, 'ingest', ...files, ...db.cli.args], { stdio: 'ignore', env: db.cli.env });
    // kill once the transaction has begun writing: SQLite's write lock is taken, or PostgreSQL's task table is locked for
    // writing (reading forty files comes first: a minute allows for a loaded machine)
    const started = Date.now();
    while (!(await writing(db)) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 5));
    expect(await writing(db)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(await dump(db.target)).toEqual(before);
    if (db.dialect === 'sqlite') {
      const after = await createOrm(db.target);
      expect(await after.em.getConnection().execute('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      await after.close();
    } else {
      // the server notices the dead client and rolls its transaction back
      const gone = Date.now();
      while ((await writing(db)) && Date.now() - gone < 20_000) await new Promise((r) => setTimeout(r, 20));
      expect(await writing(db)).toBe(false);
    }
    const verify = await cli(['audit', 'verify'], db);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^5 audit records, chain intact/) });
  });
});
