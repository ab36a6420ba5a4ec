import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../../src/orm.js';
import { seedDatabase, SEEDS_DIR, seedFiles } from '../../src/ingest/seed.js';

const run = promisify(execFile);
const CLI = new URL('../../bin/dutygraph.js', import.meta.url).pathname;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/** everything a user can see of the graph, without row ids */
async function dump(dbPath: string): Promise<Record<string, unknown[]>> {
  const orm = await createOrm({ dbPath });
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

const tmp = () => mkdtempSync(join(tmpdir(), 'dutygraph-cli-'));

describe('dutygraph ingest', () => {
  let seeds: string[];
  beforeAll(async () => (seeds = (await seedFiles()).map((f) => join(SEEDS_DIR, f))));

  it('ingesting the corpus through the CLI gives the same graph as dutygraph seed', async () => {
    const dir = tmp();
    const seeded = join(dir, 'seeded.sqlite');
    const ingested = join(dir, 'ingested.sqlite');
    expect((await cli(['seed', '--db', seeded])).code).toBe(0);
    const res = await cli(['ingest', ...seeds, '--db', ingested]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('晋政发〔2024〕1号');
    expect(await dump(ingested)).toEqual(await dump(seeded));
  });

  it('--dry-run reports what it would write and writes nothing', async () => {
    const db = join(tmp(), 'dry.sqlite');
    const res = await cli(['ingest', seeds[3], '--db', db, '--dry-run']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/would be created/);
    expect(res.stdout).toMatch(/assignments: 148 — .*LEAD 2/);
    expect(res.stdout).toContain('dry run: nothing was written');
    const after = await dump(db);
    expect(after.documents).toEqual([]);
    expect(after.units).toEqual([]);
  });

  it('--json prints the parsed document with resolved units and the report', async () => {
    const res = await cli(['ingest', seeds[3], '--db', join(tmp(), 'j.sqlite'), '--dry-run', '--json']);
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
    const db = join(dir, 'x.sqlite');
    const res = await cli(['ingest', seeds[2], bin, join(dir, 'missing.txt'), '--db', db]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${bin}: a binary file, not a text document`);
    expect(res.stderr).toContain('missing.txt: no such file');
    expect((await dump(db)).documents).toHaveLength(1);
  });

  it('refuses a file larger than the limit with a clear message', async () => {
    const res = await cli(['ingest', seeds[0], '--db', join(tmp(), 'big.sqlite'), '--max-bytes', '1000']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/000_9babb23a9d226355\.txt: \d+ bytes is larger than the limit of 1000 bytes/);
    expect((await cli(['ingest', seeds[0], '--max-bytes', 'lots'])).code).toBe(2);
  });

  it('re-ingesting a changed document replaces it in place; tasks whose path is unchanged keep their IDs', async () => {
    const dir = tmp();
    const db = join(dir, 'r.sqlite');
    const file = join(dir, '003.txt');
    copyFileSync(seeds[3], file);
    await cli(['ingest', file, '--db', db]);
    const ids = async () => {
      const orm = await createOrm({ dbPath: db });
      const rows = await orm.em.getConnection().execute(`select row_id, path, title from task order by ordinal`);
      const count = await orm.em.getConnection().execute(`select count(*) as n from document`);
      await orm.close();
      return { rows: rows as { row_id: number; path: string; title: string }[], documents: Number(count[0].n) };
    };
    const before = await ids();
    writeFileSync(file, readFileSync(file, 'utf8').replace('(十)煤矿领域专项整治。', '(十)煤矿安全专项整治。'));
    const res = await cli(['ingest', file, '--db', db]);
    expect(res.stdout).toContain('replaced');
    const after = await ids();
    expect(after.documents).toBe(1);
    expect(after.rows.map((r) => [r.row_id, r.path])).toEqual(before.rows.map((r) => [r.row_id, r.path]));
    expect(after.rows.find((r) => r.path === '三/（十）')!.title).toBe('煤矿安全专项整治');
  });

  it('a killed ingest leaves the database exactly as it was', async () => {
    const dir = tmp();
    const db = join(dir, 'k.sqlite');
    const orm = await createOrm({ dbPath: db });
    await seedDatabase(orm);
    await orm.close();
    const before = await dump(db);
    // forty new documents (copies under other names and numbers), so the run is still writing when killed
    const files = Array.from({ length: 40 }, (_, i) => {
      const f = join(dir, `copy-${i}.txt`);
      writeFileSync(f, readFileSync(seeds[4], 'utf8').replace('晋市安委办发〔2023〕33号', `晋市安委办发〔2023〕${100 + i}号`));
      return f;
    });
    const child = spawn(process.execPath, [CLI, 'ingest', ...files, '--db', db], { stdio: 'ignore' });
    // kill once the transaction has begun writing (SQLite's rollback journal exists)
    const started = Date.now();
    while (!existsSync(`${db}-journal`) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(`${db}-journal`)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(await dump(db)).toEqual(before);
    const after = await createOrm({ dbPath: db });
    expect(await after.em.getConnection().execute('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    await after.close();
    const verify = await cli(['audit', 'verify', '--db', db]);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^5 audit records, chain intact/) });
  });
});
