import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';
import { ingestFiles } from '../../src/ingest/ingest.js';

// a county notice that says which provincial notice it carries out, taking up its item （十五）
const COUNTY = `泽州县人民政府关于做好2024年安全生产工作的通知

泽政发〔2024〕3号

各乡镇人民政府，县直各有关单位：

为贯彻落实《山西省人民政府关于做好2024年安全生产工作的通知》，现就做好我县2024年安全生产工作通知如下。

一、开展经营性自建房领域专项整治

（一）经营性自建房领域专项整治。加强安全管理，强化日常检查，深入推进隐患整治。经营性自建房新改扩建必须依法办理审批手续。严禁违规加层加盖。（县住建局牵头，县公安局、县应急局等部门分工负责）

泽州县人民政府

2024年2月20日
`;

let g: Graph;
beforeAll(async () => {
  g = await seededGraph();
  const dir = mkdtempSync(join(tmpdir(), 'dutygraph-links-'));
  writeFileSync(join(dir, 'zezhou-2024.txt'), COUNTY);
  const result = await ingestFiles(g.orm, [join(dir, 'zezhou-2024.txt')]);
  expect(result.failed).toEqual([]);
});
afterAll(() => g.close());

describe('links a document states', () => {
  it('records the documents a plan says it carries out, resolved when they are in the graph', async () => {
    const data = await g.query(`{
      plan: document(number: "晋市安委办发〔2023〕33号") { references { title document { number } evidence { text } } }
      county: document(number: "泽政发〔2024〕3号") { references { title document { number } } }
    }`);
    expect(data.plan.references.map((r: any) => r.title)).toEqual(expect.arrayContaining(['“十四五”国家应急体系规划', '山西省“十四五”应急管理体系和本质安全能力建设规划']));
    expect(data.plan.references[0].document).toBeNull();
    expect(data.plan.references[0].evidence.text).toMatch(/^为全面贯彻落实《“十四五”国家应急体系规划》/);
    expect(data.county.references).toEqual([{ title: '山西省人民政府关于做好2024年安全生产工作的通知', document: { number: '晋政发〔2024〕1号' } }]);
  });

  it('a task of a document that states it carries out another is a STATED link to the task it takes up', async () => {
    const data = await g.query(`{ tasks(filter: { path: "一/（一）", text: "经营性自建房" }) { nodes { document { number } implements { method score implemented { path document { number } } evidence { implementer { text } implemented { text } } } } } }`);
    const county = data.tasks.nodes.find((t: any) => t.document.number === '泽政发〔2024〕3号');
    expect(county.implements[0]).toMatchObject({ method: 'STATED', implemented: { path: '三/（十五）', document: { number: '晋政发〔2024〕1号' } } });
    expect(county.implements[0].score).toBeGreaterThan(0.5);
    // the sentence both texts share word for word
    expect(county.implements[0].evidence.implemented.text).toBe(county.implements[0].evidence.implementer.text);
  });
});
