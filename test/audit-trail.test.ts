import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, SEEDS_DIR } from '../src/ingest/seed.js';
import { ingestFiles } from '../src/ingest/ingest.js';
import { verifyChain } from '../src/modules/audit-trail/audit.service.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext } from '../src/graphql/context.js';
import { tempOrm } from './support/graph.js';

const run = promisify(execFile);
const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;

let db: Awaited<ReturnType<typeof tempOrm>>;
beforeAll(async () => {
  db = await tempOrm();
  await seedDatabase(db.orm);
});
afterAll(() => db.close());

const conn = () => db.orm.em.getConnection();

describe('the audit trail', () => {
  it('seeding writes one record per document, in the same transaction; seeding again writes none', async () => {
    const rows = await conn().execute(`select actor, operation, entity, before, after from audit_record order by row_id`);
    expect(rows).toHaveLength(5);
    expect(rows[3]).toMatchObject({ actor: 'cli', operation: 'SEED', entity: 'Document', before: null });
    expect(JSON.parse(rows[3].after)).toMatchObject({ sourceFile: '003_de92b7dc7b209498.txt', number: '晋政发〔2024〕1号', tasks: 43, assignments: 148 });
    await seedDatabase(db.orm);
    expect(Number((await conn().execute(`select count(*) as n from audit_record`))[0].n)).toBe(5);
  });

  it('a changed document ingested again records its state before and after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-audit-'));
    const file = join(dir, '003_de92b7dc7b209498.txt');
    copyFileSync(join(SEEDS_DIR, '003_de92b7dc7b209498.txt'), file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('煤矿领域专项整治', '煤矿安全专项整治'));
    await ingestFiles(db.orm, [file]);
    const [last] = await conn().execute(`select actor, operation, before, after from audit_record order by row_id desc limit 1`);
    expect(last).toMatchObject({ actor: 'cli', operation: 'INGEST' });
    expect(JSON.parse(last.before).contentHash).not.toBe(JSON.parse(last.after).contentHash);
    expect((await verifyChain(db.orm)).broken).toBeNull();
  });

  it('the database refuses to change or delete a record', async () => {
    await expect(conn().execute(`update audit_record set actor = 'someone' where row_id = 1`)).rejects.toThrow(/cannot be changed or deleted/);
    await expect(conn().execute(`delete from audit_record where row_id = 1`)).rejects.toThrow(/cannot be changed or deleted/);
  });

  it('auditLog lists the records by entity, actor and operation', async () => {
    const server = await createApolloServer();
    const res = await server.executeOperation(
      { query: `{ auditLog(filter: { operation: "SEED", entity: "Document" }, first: 2) { totalCount nodes { actor operation entity after prevHash hash } pageInfo { hasNextPage } } }` },
      { contextValue: createContext(db.orm) },
    );
    await server.stop();
    const log = res.body.kind === 'single' ? (res.body.singleResult.data as any).auditLog : null;
    expect(log.totalCount).toBe(5);
    expect(log.nodes[0].prevHash).toBe('0'.repeat(64));
    expect(log.nodes[1].prevHash).toBe(log.nodes[0].hash);
    expect(log.pageInfo.hasNextPage).toBe(true);
  });

  it('`dutygraph audit verify` finds a record altered behind the application’s back', async () => {
    const ok = await run(process.execPath, [CLI, 'audit', 'verify', ...db.cli.args], { env: db.cli.env });
    expect(ok.stdout).toMatch(/^6 audit records, chain intact/);
    // only by removing the trigger can a record be altered: the chain still shows it
    await conn().execute(`drop trigger audit_record_no_update${db.dialect === 'postgres' ? ' on audit_record' : ''}`);
    await conn().execute(`update audit_record set actor = 'someone' where row_id = 2`);
    const broken = await run(process.execPath, [CLI, 'audit', 'verify', ...db.cli.args], { env: db.cli.env }).catch((e) => e);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('the audit chain breaks at record 2 of 6: its content does not match its hash');
  });
});
