import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDatabase, SEEDS_DIR } from '../src/ingest/seed.js';
import { tempOrm } from './support/graph.js';

const TABLES = ['jurisdiction', 'unit', 'unit_alias', 'unit_member', 'document', 'noise', 'task', 'assignment'];

async function counts(orm: Awaited<ReturnType<typeof tempOrm>>['orm']) {
  const conn = orm.em.getConnection();
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await conn.execute(`select count(*) as n from ${t}`))[0].n);
  return out;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('seeding', () => {
  it('builds the graph of the five seed documents, and running it twice gives the same graph', async () => {
    const db = await tempOrm();
    cleanup = db.close;
    const first = await seedDatabase(db.orm);
    expect(first.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created']);
    const once = await counts(db.orm);
    expect(once.document).toBe(5);
    // 241 numbered items and the seven lines of the city plan’s 专栏2
    expect(once.task).toBe(248);
    expect(once.jurisdiction).toBeGreaterThan(3000);

    const again = await seedDatabase(db.orm);
    expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await counts(db.orm)).toEqual(once);
  });

  it('a changed seed replaces that document’s tasks without duplicating anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-seeds-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const db = await tempOrm();
    cleanup = db.close;
    await seedDatabase(db.orm, dir);
    const before = await counts(db.orm);
    const file = join(dir, '003_de92b7dc7b209498.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('（省住建厅牵头，', '（省应急厅牵头，'));
    const reports = await seedDatabase(db.orm, dir);
    expect(reports.find((r) => r.sourceFile === '003_de92b7dc7b209498.txt')!.status).toBe('replaced');
    expect(await counts(db.orm)).toMatchObject({ document: before.document, task: before.task, assignment: before.assignment });
    const lead = await db.orm.em
      .getConnection()
      .execute(`select u.name from assignment a join unit u on u.row_id = a.unit_id join task t on t.row_id = a.task_id where t.path = '三/（十五）' and a.role = 'LEAD'`);
    expect(lead).toEqual([{ name: '山西省应急管理厅' }]);
  });

  it('is one transaction: a failure part-way leaves the database as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-seeds-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    // a document with no issuer and no place named cannot be placed in any jurisdiction
    writeFileSync(join(dir, '999_unplaceable.txt'), '关于做好工作的通知\n\n一、总体要求\n\n（一）做好工作。（有关部门负责）\n');
    const db = await tempOrm();
    cleanup = db.close;
    await expect(seedDatabase(db.orm, dir)).rejects.toThrow(/999_unplaceable\.txt: cannot tell which province/);
    expect(await counts(db.orm)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  });
});
