import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph, tempOrm } from './support/graph.js';
import { parseDocument } from '../src/ingest/parse.js';
import { ensureJurisdictions, importDocument, UnitStore } from '../src/ingest/import.js';
import { UnitResolver } from '../src/ingest/resolve-units.js';
import { seedDatabase, SEEDS_DIR } from '../src/ingest/seed.js';
import { DivisionIndex } from '../src/modules/jurisdiction/divisions.js';
import { extractIndicators, extractObservations, metricKey } from '../src/modules/indicator/indicator.extract.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext } from '../src/graphql/context.js';

const PLAN = '004_01e9b07c5e73fa65.txt';
const NEWS = '001_d2e1976ededb1409.txt';
const REPORT = '000_9babb23a9d226355.txt';
const seed = (file: string) => readFileSync(join(SEEDS_DIR, file), 'utf8');

const INDICATOR_FIELDS = `id metric scope unitOfMeasure baseline direction targetValue targetUnit deadline deadlineYear
  owners { name } task { path kind } document { number } observations { value period document { sourceFile } } evidence { text start end }`;

/** a set of documents in a fresh database, served by the real schema */
async function graphOf(docs: { file: string; text: string }[]) {
  const db = await tempOrm();
  const divisions = new DivisionIndex();
  const resolver = new UnitResolver(divisions);
  await db.orm.em.fork().transactional(async (em) => {
    await ensureJurisdictions(em, divisions);
    const units = new UnitStore(em);
    for (const d of docs) await importDocument(em, parseDocument(d.text, divisions), d.file, resolver, divisions, units);
  });
  const server = await createApolloServer({ traceSql: true });
  const execute = async (query: string, variables?: Record<string, unknown>) => {
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext(db.orm as MikroORM) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: readonly any[]; extensions?: Record<string, unknown> };
  };
  return {
    execute,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

// one seeded corpus for the file: seeding is the slow part
let graph: Graph;
beforeAll(async () => (graph = await seededGraph()));
afterAll(() => graph.close());

describe('indicators: the targets 004 sets', () => {
  let plan: { id: string; text: string };
  let indicators: any[];
  const named = (metric: string) => indicators.find((i) => i.metric === metric);

  beforeAll(async () => {
    plan = (await graph.query(`{ document(sourceFile: "${PLAN}") { id text } }`)).document;
    indicators = (await graph.query(`query ($doc: ID!) { indicators(first: 100, filter: { document: $doc }) { totalCount nodes { ${INDICATOR_FIELDS} } } }`, { doc: plan.id }))
      .indicators.nodes;
  });

  it('its four 目标指标: three cuts and a ceiling, against “十三五”期末 where it says so, due “十四五”期末', () => {
    const targets = indicators.filter((i) => i.task.kind === 'TARGET');
    expect(targets.map(({ metric, unitOfMeasure, baseline, direction, targetValue, targetUnit, task }) => ({ path: task.path, metric, unitOfMeasure, baseline, direction, targetValue, targetUnit }))).toEqual([
      { path: '一/（一）/1', metric: '生产安全事故死亡人数', unitOfMeasure: '人', baseline: '“十三五”期末', direction: 'DECREASE', targetValue: 15, targetUnit: '%' },
      { path: '一/（一）/2', metric: '亿元地区生产总值生产安全事故死亡率', unitOfMeasure: '人/亿元', baseline: '“十三五”期末', direction: 'DECREASE', targetValue: 33, targetUnit: '%' },
      { path: '一/（一）/3', metric: '工矿商贸就业人员十万人生产安全事故死亡率', unitOfMeasure: '人/十万人', baseline: null, direction: 'DECREASE', targetValue: 10, targetUnit: '%' },
      // <0.04 is an absolute ceiling, in the metric's own unit
      { path: '一/（一）/4', metric: '年均煤矿百万吨死亡率', unitOfMeasure: '人/百万吨', baseline: null, direction: 'AT_MOST', targetValue: 0.04, targetUnit: '人/百万吨' },
    ]);
    for (const t of targets) {
      expect(t).toMatchObject({ deadline: '“十四五”期末', deadlineYear: 2025, owners: [], document: { number: '晋市安委办发〔2023〕33号' } });
      expect(plan.text.slice(t.evidence.start, t.evidence.end)).toBe(t.evidence.text);
    }
    expect(named('生产安全事故死亡人数').evidence.text).toBe('生产安全事故死亡人数较“十三五”期末下降 15%。');
    expect(named('年均煤矿百万吨死亡率').evidence.text).toBe('年均煤矿百万吨死亡率 <0.04 。');
  });

  it('its four 分项目标, each owned by the units its 责任单位 line makes lead or responsible', () => {
    const goals = indicators.filter((i) => i.task.kind === 'SUB_GOAL');
    expect(goals.map(({ metric, scope, direction, targetValue, targetUnit }) => ({ metric, scope, direction, targetValue, targetUnit }))).toEqual([
      { metric: '行政执法装备配备达标率', scope: '市县两级应急管理部门', direction: 'REACH', targetValue: 80, targetUnit: '%' },
      { metric: '灾害预警信息发布公众覆盖率', scope: null, direction: 'REACH', targetValue: 90, targetUnit: '%' },
      { metric: '专职消防人员占全市总人口的比例', scope: null, direction: 'REACH', targetValue: 0.4, targetUnit: '‰' },
      // 超过60% is a floor
      { metric: '专业人才占比', scope: '市县两级应急管理部门', direction: 'AT_LEAST', targetValue: 60, targetUnit: '%' },
    ]);
    for (const g of goals) expect(plan.text.slice(g.evidence.start, g.evidence.end)).toBe(g.evidence.text);

    // 市应急局牵头 — the 分工负责 (市消防救援支队, 各县…) and 配合 (市财政局) units are not owners
    expect(named('行政执法装备配备达标率').owners).toEqual([{ name: '晋城市应急管理局' }]);
    expect(named('行政执法装备配备达标率').evidence.text).toBe('市县两级应急管理部门行政执法装备配备达标率达到 80%。');
    expect(named('灾害预警信息发布公众覆盖率').owners).toEqual([{ name: '晋城市应急管理局' }]);
    // a 责任单位 list with no role word makes every unit on it responsible
    expect(named('专职消防人员占全市总人口的比例').owners).toEqual([
      { name: '晋城市应急管理局' },
      { name: '晋城市消防救援支队' },
      { name: '晋城市应急救援总指挥部成员单位' },
      { name: '晋城市各县（市、区）人民政府' },
    ]);
    expect(named('专业人才占比').owners.map((u: any) => u.name)).toEqual([
      '晋城市应急管理局',
      '晋城市人力资源和社会保障局',
      '中共晋城市委机构编制委员会办公室',
      '晋城市应急救援总指挥部成员单位',
      '晋城市各县（市、区）人民政府',
    ]);
  });

  it('Task.indicators gives them under their items; no other document sets any', async () => {
    const res = await graph.query(`{ documents(first: 5) { nodes { sourceFile tasks(first: 100) { nodes { path indicators { metric } } } } } }`);
    const byFile = Object.fromEntries(res.documents.nodes.map((d: any) => [d.sourceFile, d.tasks.nodes.flatMap((t: any) => t.indicators.map((i: any) => `${t.path} ${i.metric}`))]));
    expect(byFile[PLAN]).toEqual(indicators.map((i) => `${i.task.path} ${i.metric}`));
    for (const [file, list] of Object.entries(byFile)) if (file !== PLAN) expect({ file, list }).toEqual({ file, list: [] });
  });

  it('no observation matches them in the corpus: the figures reported are Shanxi’s, the targets Jincheng’s', async () => {
    for (const i of indicators) expect({ metric: i.metric, observations: i.observations }).toEqual({ metric: i.metric, observations: [] });
    // the same measure is reported — for the province
    const news = (await graph.query(`{ document(sourceFile: "${NEWS}") { jurisdiction { code } observations { metric } } }`)).document;
    expect(news.jurisdiction.code).toBe('140000');
    expect(news.observations.map((o: any) => metricKey(o.metric))).toContain(metricKey(named('生产安全事故死亡人数').metric));
  });

  it('filters by metric and division, and pages by keyset', async () => {
    const q = `query ($f: IndicatorFilter, $first: Int, $after: String) { indicators(first: $first, after: $after, filter: $f) { totalCount nodes { metric } pageInfo { hasNextPage endCursor } } }`;
    expect((await graph.query(q, { f: { metric: '死亡率' } })).indicators.nodes.map((i: any) => i.metric)).toEqual([
      '亿元地区生产总值生产安全事故死亡率',
      '工矿商贸就业人员十万人生产安全事故死亡率',
      '年均煤矿百万吨死亡率',
    ]);
    expect((await graph.query(q, { f: { jurisdiction: '140500' } })).indicators.totalCount).toBe(8);
    expect((await graph.query(q, { f: { jurisdiction: '晋城市' } })).indicators.totalCount).toBe(8);
    expect((await graph.query(q, { f: { jurisdiction: '140000' } })).indicators.totalCount).toBe(0);

    const first = (await graph.query(q, { first: 3 })).indicators;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await graph.query(q, { first: 100, after: first.pageInfo.endCursor })).indicators;
    expect([...first.nodes, ...second.nodes].map((i: any) => i.metric)).toEqual(indicators.map((i) => i.metric));
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('a document filter naming no document is NOT_FOUND, and the ID of something else BAD_USER_INPUT', async () => {
    const res = await graph.execute(`{ indicators(filter: { document: "bm90LWFuLWlk" }) { totalCount } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'filter.document' });
    const unit = await graph.execute(`{ indicators(filter: { document: "VW5pdDox" }) { totalCount } }`);
    expect(unit.errors?.[0]).toMatchObject({ message: 'filter.document: "VW5pdDox" is the ID of a Unit, not of a Document', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('indicators and observations are Nodes', async () => {
    const { id } = named('专业人才占比');
    const obs = (await graph.query(`{ document(sourceFile: "${NEWS}") { observations { id } } }`)).document.observations[0].id;
    const res = await graph.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Indicator { metric } ... on Observation { metric } } }`, { ids: [id, obs] });
    expect(res.nodes).toEqual([
      { __typename: 'Indicator', metric: '专业人才占比' },
      { __typename: 'Observation', metric: '生产安全亡人事故起数' },
    ]);
  });
});

describe('observations: the figures 001 and 000 report', () => {
  const OBS = `query ($file: String!) { document(sourceFile: $file) { text observations { metric value unit change period task { path } document { sourceFile } evidence { text start end } } } }`;

  it('001’s 2025 results: two accident figures, the two for coal mines, two for disasters', async () => {
    const doc = (await graph.query(OBS, { file: NEWS })).document;
    expect(doc.observations.map(({ metric, value, unit, change, period }: any) => ({ metric, value, unit, change, period }))).toEqual([
      { metric: '生产安全亡人事故起数', value: -12.04, unit: '%', change: '同比下降12.04%', period: '2025' },
      { metric: '生产安全亡人事故死亡人数', value: -11.56, unit: '%', change: '同比下降11.56%', period: '2025' },
      // 尤其是煤矿，同比分别下降…: the same two measures, for coal mines
      { metric: '煤矿生产安全亡人事故起数', value: -31.65, unit: '%', change: '同比下降31.65%', period: '2025' },
      { metric: '煤矿生产安全亡人事故死亡人数', value: -36.96, unit: '%', change: '同比下降36.96%', period: '2025' },
      { metric: '受灾人口', value: -9.1, unit: '%', change: '同比下降9.1%', period: '2025' },
      { metric: '农作物受灾面积', value: -23.32, unit: '%', change: '同比下降23.32%', period: '2025' },
    ]);
    expect([...new Set(doc.observations.map((o: any) => o.evidence.text))]).toEqual([
      '2025年全省各类生产安全亡人事故起数、死亡人数同比分别下降12.04%、11.56%,未发生重大及以上事故。',
      '尤其是煤矿,同比分别下降31.65%、36.96%,未发生较大及以上事故。',
      '全省受灾人口、农作物受灾面积同比分别下降9.1%、23.32%。',
    ]);
    for (const o of doc.observations) {
      expect(doc.text.slice(o.evidence.start, o.evidence.end)).toBe(o.evidence.text);
      // the results paragraph comes before the first —— item
      expect(o.task).toBeNull();
      expect(o.document).toEqual({ sourceFile: NEWS });
    }
  });

  it('000’s 1–11月 figures: levels with their changes, in the 进展情况 of 目标任务四', async () => {
    const doc = (await graph.query(OBS, { file: REPORT })).document;
    expect(doc.observations.map(({ metric, value, unit, change, period, task }: any) => ({ metric, value, unit, change, period, task }))).toEqual([
      { metric: '生产安全亡人事故起数', value: 426, unit: '起', change: '同比减少87起、下降16.96%', period: '2022年1-11月', task: { path: '四/（二）' } },
      { metric: '生产安全亡人事故死亡人数', value: 512, unit: '人', change: '同比减少97人、下降15.93%', period: '2022年1-11月', task: { path: '四/（二）' } },
    ]);
    for (const o of doc.observations) expect(doc.text.slice(o.evidence.start, o.evidence.end)).toBe(o.evidence.text);
  });

  it('re-seeding writes no second copy', async () => {
    const count = async () => Number((await graph.orm.em.getConnection().execute(`select count(*) as n from observation`))[0].n);
    const before = await count();
    await seedDatabase(graph.orm);
    expect(await count()).toBe(before);
    expect(before).toBe(8);
  });
});

describe('re-seeding a changed plan and report', () => {
  it('replaces indicators, owners and observations in place: no duplicates, the same IDs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-indicators-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const db = await tempOrm();
    const conn = () => db.orm.em.getConnection();
    const rows = async () => ({
      indicators: (await conn().execute(`select row_id as "id", metric as "metric", target_value as "value" from indicator order by row_id`)) as any[],
      owners: Number((await conn().execute(`select count(*) as n from indicator_owner`))[0].n),
      observations: (await conn().execute(`select row_id as "id", metric as "metric", obs_value as "value" from observation order by row_id`)) as any[],
    });
    try {
      await seedDatabase(db.orm, dir);
      const before = await rows();
      expect(before.indicators).toHaveLength(8);
      expect(before.owners).toBe(11);
      expect(before.observations).toHaveLength(8);

      const edit = (file: string, from: string, to: string) => writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf8').replace(from, to));
      edit(PLAN, '下降 15%', '下降 20%');
      edit(NEWS, '下降12.04%', '下降12.5%');
      const reports = await seedDatabase(db.orm, dir);
      expect(reports.filter((r) => r.status === 'replaced').map((r) => r.sourceFile).sort()).toEqual([NEWS, PLAN]);
      const after = await rows();
      expect(after.owners).toBe(11);
      expect(after.indicators.map((i) => i.id)).toEqual(before.indicators.map((i) => i.id));
      expect(after.indicators.find((i) => i.metric === '生产安全事故死亡人数').value).toBe(20);
      expect(after.observations.map((o) => o.id)).toEqual(before.observations.map((o) => o.id));
      expect(after.observations.find((o) => o.metric === '生产安全亡人事故起数' && o.value < 0).value).toBe(-12.5);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('matching observations to indicators', () => {
  // not in the corpus: a Jincheng report of the kind the corpus lacks, to show the match
  const JINCHENG_2025 = [
    '晋城市应急管理局',
    '关于2025年全市安全生产工作情况的通报',
    '各县（市、区）应急管理局：',
    '2025年全市生产安全事故死亡人数同比下降20%，未发生较大及以上事故。',
    '晋城市应急管理局',
    '2026年1月10日',
  ].join('\n');

  it('a figure for the same metric in the same division is found under the indicator, whichever was ingested first', async () => {
    for (const order of [
      [PLAN, 'jincheng-2025.txt'],
      ['jincheng-2025.txt', PLAN],
    ]) {
      const g = await graphOf(order.map((file) => ({ file, text: file === PLAN ? seed(PLAN) : JINCHENG_2025 })));
      try {
        const res = await g.execute(`{ indicators(filter: { jurisdiction: "140500" }) { nodes { metric observations { metric value unit period document { sourceFile } } } } }`);
        expect(res.errors).toBeUndefined();
        const matched = res.data.indicators.nodes.filter((i: any) => i.observations.length);
        expect(matched).toEqual([
          {
            metric: '生产安全事故死亡人数',
            observations: [{ metric: '生产安全事故死亡人数', value: -20, unit: '%', period: '2025', document: { sourceFile: 'jincheng-2025.txt' } }],
          },
        ]);
      } finally {
        await g.close();
      }
    }
  });

  it('metric keys drop the report’s scope words, and 亡人事故 deaths are 事故 deaths', () => {
    expect(metricKey('全省各类生产安全亡人事故死亡人数')).toBe('生产安全事故死亡人数');
    expect(metricKey('生产安全亡人事故死亡人数')).toBe(metricKey('生产安全事故死亡人数'));
    // accident counts are not merged: 亡人事故起数 counts only fatal ones
    expect(metricKey('生产安全亡人事故起数')).not.toBe(metricKey('生产安全事故起数'));
    expect(metricKey('年均煤矿百万吨死亡率')).toBe('煤矿百万吨死亡率');
  });
});

describe('the extractors are pure', () => {
  it('read the seed texts without a database', () => {
    const divisions = new DivisionIndex();
    const plan = parseDocument(seed(PLAN), divisions);
    const found = extractIndicators(plan);
    expect(found.map((i) => `${plan.tasks[i.taskIndex].path} ${i.direction} ${i.targetValue}${i.targetUnit}`)).toEqual([
      '一/（一）/1 DECREASE 15%',
      '一/（一）/2 DECREASE 33%',
      '一/（一）/3 DECREASE 10%',
      '一/（一）/4 AT_MOST 0.04人/百万吨',
      '一/（二）/1 REACH 80%',
      '一/（二）/2 REACH 90%',
      '一/（二）/3 REACH 0.4‰',
      '一/（二）/4 AT_LEAST 60%',
    ]);
    // owners come as written, to resolve
    expect(found[4].owners).toEqual([{ name: '市应急局', mention: '市应急局', role: 'LEAD' }]);
    expect(extractObservations(plan)).toEqual([]);
    // a report's figures are results, not targets
    expect(extractIndicators(parseDocument(seed(NEWS), divisions))).toEqual([]);
    expect(extractIndicators(parseDocument(seed(REPORT), divisions))).toEqual([]);
    expect(extractObservations(parseDocument(seed(NEWS), divisions))).toHaveLength(6);
  });
});

describe('SQL statements do not grow with the rows returned', () => {
  const QUERY = `{ documents(first: 5) { nodes { tasks(first: 100) { nodes { progress { status } indicators { metric owners { name } observations { value } } } } } } }`;

  it('progress, indicators, owners and observations of every task: as many statements over one target chapter as over the corpus', async () => {
    // a real excerpt of 004: its header and chapter 一、总体目标 (11 tasks, 8 indicators)
    const text = seed(PLAN);
    const small = await graphOf([{ file: '004-chapter-1.txt', text: text.slice(0, text.indexOf('## 二、工作原则')) }]);
    try {
      const a = await small.execute(QUERY);
      const b = await graph.execute(QUERY);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      const tally = (data: any) => {
        const tasks = data.documents.nodes.flatMap((d: any) => d.tasks.nodes);
        const indicators = tasks.flatMap((t: any) => t.indicators);
        return { tasks: tasks.length, progress: tasks.flatMap((t: any) => t.progress).length, indicators: indicators.length, owners: indicators.flatMap((i: any) => i.owners).length };
      };
      expect(tally(a.data)).toEqual({ tasks: 11, progress: 0, indicators: 8, owners: 11 });
      expect(tally(b.data)).toMatchObject({ progress: 10, indicators: 8, owners: 11 });
      expect(tally(b.data).tasks).toBeGreaterThan(200);
      expect(b.extensions!.sqlStatements).toBe(a.extensions!.sqlStatements);
      // documents, tasks, progress, indicators, owners, observations
      expect(b.extensions!.sqlStatements).toBe(6);
    } finally {
      await small.close();
    }
  });
});
