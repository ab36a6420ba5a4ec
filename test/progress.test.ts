import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph, tempOrm } from './support/graph.js';
import { parseDocument } from '../src/ingest/parse.js';
import { seedDatabase, SEEDS_DIR } from '../src/ingest/seed.js';
import { DivisionIndex } from '../src/modules/jurisdiction/divisions.js';
import { extractProgress, statusOf } from '../src/modules/progress/progress.extract.js';

const REPORT = '000_9babb23a9d226355.txt';
const seed = (file: string) => readFileSync(join(SEEDS_DIR, file), 'utf8');

// 000 answers 能否按时完成 for each 目标任务 in its section (三), and item by item under 目标任务四
const SECTION_STATUSES = [
  { path: '一', status: 'DONE', evidence: '已完成。' },
  { path: '二', status: 'DONE', evidence: '已完成。' },
  { path: '三', status: 'DONE', evidence: '已完成。' },
  { path: '五', status: 'DONE', evidence: '已完成。' },
];
const ITEM_STATUSES = [
  { path: '四/（三）/1', status: 'DONE', evidence: '“百日攻坚”行动接报问题线索清零行动已经完成。' },
  { path: '四/（三）/2', status: 'DONE', evidence: '安全生产专项整治三年行动已完成。' },
  { path: '四/（三）/3', status: 'MOSTLY_DONE', evidence: '全省安全生产大检查大整治大提升行动已基本完成。' },
  { path: '四/（三）/4', status: 'MOSTLY_DONE', evidence: '四个专项治理已基本完成。' },
  { path: '四/（三）/5', status: 'MOSTLY_DONE', evidence: '重点行业领域安全计划任务基本完成。' },
  {
    path: '四/（三）/6',
    status: 'IN_PROGRESS',
    evidence: '全省安全生产隐患排查整治行动正在推进(该项工作为11月下旬安排部署的工作,至2023年3月底前结束)。',
  },
];

const REPORT_QUERY = `query ($file: String!) { document(sourceFile: $file) { text tasks(first: 100) { nodes { path kind
  progress { id status date year reportingUnit { name } task { path kind } document { sourceFile } evidence { text start end } } } } } }`;

describe('progress reports: the status 000 gives each 目标任务 and item', () => {
  let graph: Graph;
  let doc: { text: string; tasks: { nodes: any[] } };
  const at = (path: string) => doc.tasks.nodes.find((t) => t.path === path);

  beforeAll(async () => {
    graph = await seededGraph();
    doc = (await graph.query(REPORT_QUERY, { file: REPORT })).document;
  });
  afterAll(() => graph.close());

  it('目标任务一、二、三、五 are 已完成, each stated in its section （三）能否按时完成', () => {
    for (const expected of SECTION_STATUSES) {
      const task = at(expected.path);
      expect(task.kind).toBe('TARGET_TASK');
      expect(task.progress).toHaveLength(1);
      const [p] = task.progress;
      expect({ path: expected.path, status: p.status, evidence: p.evidence.text }).toEqual(expected);
      // the evidence is the sentence inside the task's own （三） section
      expect(doc.text.slice(p.evidence.start, p.evidence.end)).toBe(p.evidence.text);
      expect(at(`${expected.path}/（三）`).progress).toEqual([]);
    }
  });

  it('under 目标任务四 each of the six items has its own status, with its sentence', () => {
    for (const expected of ITEM_STATUSES) {
      const task = at(expected.path);
      expect(task.kind).toBe('PROGRESS_ITEM');
      expect(task.progress).toHaveLength(1);
      const [p] = task.progress;
      expect({ path: expected.path, status: p.status, evidence: p.evidence.text }).toEqual(expected);
      expect(doc.text.slice(p.evidence.start, p.evidence.end)).toBe(p.evidence.text);
      expect(p.task).toEqual({ path: expected.path, kind: 'PROGRESS_ITEM' });
    }
  });

  it('目标任务四 itself gets no status: the report states none, only its items’', () => {
    expect(at('四').progress).toEqual([]);
    expect(at('四/（三）').progress).toEqual([]);
  });

  it('every report is made by the issuer, for the document’s year; 000 carries no date', () => {
    const all = doc.tasks.nodes.flatMap((t) => t.progress);
    expect(all).toHaveLength(SECTION_STATUSES.length + ITEM_STATUSES.length);
    for (const p of all) {
      expect(p.reportingUnit).toEqual({ name: '山西省应急管理厅' });
      expect(p.year).toBe(2022);
      expect(p.date).toBeNull();
      expect(p.document).toEqual({ sourceFile: REPORT });
    }
  });

  it('the 进展情况 narrative (第二阶段任务已全面完成，第三阶段任务正在有序推进) is not read as a status, nor are the other documents', async () => {
    expect(at('一/（二）').progress).toEqual([]);
    const others = await graph.query(`{ documents(first: 5) { nodes { sourceFile tasks(first: 100) { nodes { progress { status } } } } } }`);
    for (const d of others.documents.nodes) {
      const n = d.tasks.nodes.flatMap((t: any) => t.progress).length;
      expect({ file: d.sourceFile, n }).toEqual({ file: d.sourceFile, n: d.sourceFile === REPORT ? 10 : 0 });
    }
  });

  it('a report is a Node: node(id) gives it back', async () => {
    const id = at('四/（三）/6').progress[0].id;
    const res = await graph.query(`query ($id: ID!) { node(id: $id) { __typename ... on ProgressReport { id status task { path } } } }`, { id });
    expect(res.node).toEqual({ __typename: 'ProgressReport', id, status: 'IN_PROGRESS', task: { path: '四/（三）/6' } });
  });
});

describe('extractProgress (pure)', () => {
  const parsed = parseDocument(seed(REPORT), new DivisionIndex());

  it('reads 000 without a database: ten statuses, in text order, each the exact sentence', () => {
    const found = extractProgress(parsed);
    expect(found.map((p) => [parsed.tasks[p.taskIndex].path, p.status])).toEqual(
      [...SECTION_STATUSES.slice(0, 3), ...ITEM_STATUSES, SECTION_STATUSES[3]].map((s) => [s.path, s.status]),
    );
    for (const p of found) expect(parsed.text.slice(p.evidence.start, p.evidence.end)).toBe(p.evidence.text);
  });

  it('tells the statuses apart, the partial ones before the complete (已基本完成 is not 已完成)', () => {
    expect(statusOf('已完成。')).toBe('DONE');
    expect(statusOf('清零行动已经完成。')).toBe('DONE');
    expect(statusOf('大提升行动已基本完成。')).toBe('MOSTLY_DONE');
    expect(statusOf('计划任务基本完成。')).toBe('MOSTLY_DONE');
    expect(statusOf('整治行动正在推进。')).toBe('IN_PROGRESS');
    expect(statusOf('修订工作正在进行。')).toBe('IN_PROGRESS');
    expect(statusOf('项目建设推进中。')).toBe('IN_PROGRESS');
    expect(statusOf('年度任务未完成。')).toBe('NOT_DONE');
    expect(statusOf('印发了工作方案。')).toBeNull();
  });

  it('documents that are not progress reports give none', () => {
    for (const file of ['001_d2e1976ededb1409.txt', '002_a282cddb69117384.txt', '003_de92b7dc7b209498.txt', '004_01e9b07c5e73fa65.txt']) {
      expect(extractProgress(parseDocument(seed(file), new DivisionIndex()))).toEqual([]);
    }
  });
});

describe('re-seeding', () => {
  it('a changed report replaces its statuses in place: no duplicates, the same IDs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-progress-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const db = await tempOrm();
    try {
      const statuses = async () =>
        (await db.orm.em.getConnection().execute(`select p.row_id as "id", t.path as "path", p.status as "status", p.evidence_text as "evidence"
          from progress_report p join task t on t.row_id = p.task_id order by p.row_id`)) as { id: number; path: string; status: string; evidence: string }[];
      await seedDatabase(db.orm, dir);
      const before = await statuses();
      expect(before).toHaveLength(10);

      await seedDatabase(db.orm, dir);
      expect(await statuses()).toEqual(before);

      const file = join(dir, REPORT);
      writeFileSync(file, readFileSync(file, 'utf8').replace('全省安全生产隐患排查整治行动正在推进', '全省安全生产隐患排查整治行动已完成'));
      const reports = await seedDatabase(db.orm, dir);
      expect(reports.find((r) => r.sourceFile === REPORT)!.status).toBe('replaced');
      const after = await statuses();
      expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
      expect(after.find((p) => p.path === '四/（三）/6')).toMatchObject({ status: 'DONE', evidence: expect.stringMatching(/^全省安全生产隐患排查整治行动已完成/) });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
