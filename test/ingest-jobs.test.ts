// A large document sent to startIngest is ingested by a worker thread while the API keeps
// answering: the request returns at once, cheap lookups stay quick, the job reports its progress
// and its outcome; ingestDocument refuses what is too large to do in the request.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import { IngestJobs } from '../src/modules/ingest-job/ingest-job.service.js';
import { seedDatabase } from '../src/ingest/seed.js';
import { tempOrm, type TempOrm } from './support/graph.js';

// a county plan of 6,000 numbered items in eight parts, each item with its clause: 480 KB, minutes of writing before jobs existed
const PARTS = ['一', '二', '三', '四', '五', '六', '七', '八'];
const LARGE = ['泽州县人民政府办公室关于印发2024年重点工作任务分解方案的通知', '泽政办发〔2024〕9号', '各乡镇人民政府，县直各有关单位：']
  .concat(PARTS.flatMap((part) => [`${part}、加强重点领域工作`, ...Array.from({ length: 750 }, (_, i) => `${i + 1}．推进重点项目建设，确保按期完成。（县发展改革局牵头，县财政局配合）`)]))
  .concat(['泽州县人民政府办公室', '2024年3月1日'])
  .join('\n');

describe('ingest jobs', () => {
  let db: TempOrm;
  let server: Server;
  let base: string;
  let editor: string;
  let viewer: string;
  const apollo = createApolloServer();

  beforeAll(async () => {
    db = await tempOrm();
    await seedDatabase(db.orm);
    editor = await createToken(db.orm, 'jobs-editor', 'editor');
    viewer = await createToken(db.orm, 'jobs-viewer', 'viewer');
    server = createHttpServer(await apollo, db.orm);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await IngestJobs.of(db.orm).close();
    await new Promise((resolve) => server.close(resolve));
    await (await apollo).stop();
    await db.close();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] } };
  };
  const START = `mutation ($in: IngestDocumentInput!) { startIngest(input: $in) { id status progress } }`;
  const JOB = `query ($id: ID!) { ingestJob(id: $id) { id status stage progress error errorCode finishedAt result { status tasks assignments document { number } } } }`;
  const until = async (id: string) => {
    for (;;) {
      const job = (await gql(JOB, { id }, editor)).body.data.ingestJob;
      if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('answers at once; cheap lookups stay quick while a worker writes 6,000 items; the job ends with its report', async () => {
    const sent = Date.now();
    const started = await gql(START, { in: { fileName: 'large-plan.txt', text: LARGE } }, editor);
    expect(Date.now() - sent).toBeLessThan(3000);
    const job = started.body.data.startIngest;
    expect(job.status).toMatch(/QUEUED|RUNNING/);

    // while it runs: lookups from another client, each timed
    const slowest: number[] = [];
    const seen = new Set<string>();
    for (;;) {
      const t = Date.now();
      const { body } = await gql(`{ unit(name: "省应急厅") { name } }`);
      slowest.push(Date.now() - t);
      expect(body.data.unit.name).toBe('山西省应急管理厅');
      const state = (await gql(JOB, { id: job.id }, editor)).body.data.ingestJob;
      seen.add(state.stage ?? state.status);
      if (state.status === 'SUCCEEDED' || state.status === 'FAILED') break;
      expect(state.progress).toBeGreaterThanOrEqual(0);
      expect(state.progress).toBeLessThan(1);
      await new Promise((r) => setTimeout(r, 50));
    }
    // before jobs, one such lookup waited 20–54 s
    expect(Math.max(...slowest)).toBeLessThan(2000);
    expect(seen.has('WRITING')).toBe(true);
    const done = await until(job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, stage: null, error: null, result: { status: 'CREATED', tasks: 6008, assignments: 12000, document: { number: '泽政办发〔2024〕9号' } } });
    const { body } = await gql(`{ document(number: "泽政办发〔2024〕9号") { tasks(first: 1) { totalCount } } }`);
    expect(body.data.document.tasks.totalCount).toBe(6008);
  });

  it('a job whose document cannot be placed fails with the refusal ingestDocument would give, writing nothing', async () => {
    const { body } = await gql(START, { in: { fileName: 'nowhere.txt', text: '关于做好安全生产工作的通知\n一、加强组织领导。（县应急局负责）\n' } }, editor);
    const done = await until(body.data.startIngest.id);
    expect(done).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT', result: null });
    expect(done.error).toMatch(/cannot tell which province, city or county issued it/);
  });

  it('ingestDocument refuses a document too large for the request, pointing to startIngest', async () => {
    const { body } = await gql(`mutation ($in: IngestDocumentInput!) { ingestDocument(input: $in) { tasks } }`, { in: { fileName: 'large-plan.txt', text: LARGE, dryRun: true } }, editor);
    expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].message).toMatch(/too large to ingest in the request .* send it to startIngest/);
  });

  it('needs an editor token to start or follow a job; an unknown ID is null', async () => {
    expect((await gql(START, { in: { fileName: 'x.txt', text: 'x' } }, viewer)).body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await gql(JOB, { id: 'no-such-job' }, viewer)).body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await gql(JOB, { id: 'no-such-job' }, editor)).body.data.ingestJob).toBeNull();
  });
});
