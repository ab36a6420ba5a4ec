import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';

let g: Graph;
const id: Record<string, string> = {};
beforeAll(async () => {
  g = await seededGraph();
  const docs = await g.query(`{ documents { nodes { id sourceFile } } }`);
  for (const d of docs.documents.nodes) id[d.sourceFile.slice(0, 3)] = d.id;
  const data = await g.query(
    `query ($d: ID!) {
      a: tasks(filter: { document: $d, path: "四/（二十一）" }) { nodes { id } }
      b: tasks(filter: { document: $d, path: "一/（三）" }) { nodes { id } }
    }`,
    { d: id['003'] },
  );
  id.hazards = data.a.nodes[0].id;
  id.enterprise = data.b.nodes[0].id;
});
afterAll(() => g.close());

describe('across levels', () => {
  it('counterparts come from the sector: 省应急厅 ↔ 市应急局, 省水利厅 ↔ 市水务局, 省审批服务管理局 ↔ 市行政审批局', async () => {
    const data = await g.query(`{
      a: unit(name: "省应急厅") { counterparts { name level } }
      b: unit(name: "市水务局") { counterparts { name level } }
      c: unit(name: "省审批服务管理局") { counterparts { name } }
      d: unit(name: "省安委办") { counterparts { name kind } }
    }`);
    expect(data.a.counterparts).toEqual([{ name: '晋城市应急管理局', level: 'CITY' }]);
    expect(data.b.counterparts).toEqual([{ name: '山西省水利厅', level: 'PROVINCE' }]);
    expect(data.c.counterparts).toEqual([{ name: '晋城市行政审批服务管理局' }]);
    expect(data.d.counterparts).toEqual([{ name: '晋城市安全生产委员会办公室', kind: 'OFFICE' }]);
  });

  it('a collective assignment covers the county governments of Jincheng by expansion', async () => {
    const data = await g.query(`{ tasks(filter: { path: "一/（二）/1" }) { nodes { assignments { unit { name } coveredUnits { reach unit { name jurisdiction { code } } } } } } }`);
    const [lead, , counties] = data.tasks.nodes[0].assignments;
    expect(lead.coveredUnits).toEqual([{ reach: 'DIRECT', unit: { name: '晋城市应急管理局', jurisdiction: { code: '140500' } } }]);
    expect(counties.unit.name).toBe('晋城市各县（市、区）人民政府');
    expect(counties.coveredUnits.map((c: any) => [c.reach, c.unit.jurisdiction.code])).toEqual(
      ['140502', '140521', '140522', '140524', '140525', '140581'].map((code) => ['EXPANSION', code]),
    );
  });

  it('links the city’s tasks to the provincial tasks that take up the same work, with the matched sentences and the relation dates give them', async () => {
    const data = await g.query(
      `query ($t: ID!) { node(id: $t) { ... on Task { implementedBy { id } related(parts: false) { relation method score implementer { path document { sourceFile } } evidence { implementer { text } implemented { text } } } } } }`,
      { t: id.hazards },
    );
    // the city's notice of March 2022 came before the province's of January 2024: the same work (CORRESPONDS), not carried out (IMPLEMENTS)
    expect(data.node.implementedBy).toEqual([]);
    const best = data.node.related.find((l: any) => l.implementer.document.sourceFile === '002_a282cddb69117384.txt');
    expect(best).toMatchObject({ relation: 'CORRESPONDS', method: 'INFERRED', implementer: { path: '四/14' } });
    expect(best.score).toBeGreaterThan(0.6);
    expect(best.evidence).toEqual({ implementer: { text: '加强重点灾害防范' }, implemented: { text: '加强重点灾种防范' } });
  });

  it('a link never runs backwards in time: IMPLEMENTS and REPORTS_ON point to no later document, CONTINUES joins one government’s later document to its earlier one', async () => {
    const data = await g.query(`{ documents { nodes { sourceFile tasks(first: 100) { nodes { path related(minScore: 0) { relation implementer { document { sourceFile date year jurisdiction { code level } } } implemented { document { sourceFile date year jurisdiction { code level } } } } } } } } }`);
    const links = data.documents.nodes.flatMap((d: any) => d.tasks.nodes.flatMap((t: any) => t.related));
    const when = (doc: any) => doc.date ?? String(doc.year);
    const rank = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY'];
    const relations = new Set<string>();
    for (const l of links) {
      const [from, to] = [l.implementer.document, l.implemented.document];
      relations.add(`${l.relation} ${from.sourceFile.slice(0, 3)}→${to.sourceFile.slice(0, 3)}`);
      if (l.relation === 'CONTINUES') expect(from.jurisdiction.code).toBe(to.jurisdiction.code);
      if (l.relation !== 'CORRESPONDS') expect(when(from).slice(0, 4) >= when(to).slice(0, 4)).toBe(true);
      if (l.relation === 'IMPLEMENTS' || l.relation === 'CORRESPONDS') expect(rank.indexOf(from.jurisdiction.level)).toBeGreaterThan(rank.indexOf(to.jurisdiction.level));
      if (l.relation === 'CORRESPONDS') expect(when(from) < when(to)).toBe(true);
    }
    // the 2026 conference continues the 2024 notice; the city's 2023 plan continues its 2022 notice and carries out the province's 2022 targets
    expect([...relations]).toEqual(expect.arrayContaining(['CONTINUES 001→003', 'CONTINUES 004→002', 'CORRESPONDS 002→003', 'CORRESPONDS 004→003', 'IMPLEMENTS 004→000', 'CONTINUES 003→000']));
  });

  it('the lines of the city plan’s 专栏2 are parts that link on their own', async () => {
    const data = await g.query(`query ($d: ID!) { tasks(filter: { document: $d, path: "三/（一）/8/燃气" }) { totalCount } box: tasks(first: 20, filter: { document: $d, text: "老旧小区" }) { nodes { path kind related(minScore: 0) { implemented { path } implementer { path } } } } }`, { d: id['004'] });
    const fire = data.box.nodes.find((n: any) => n.path === '三/（一）/8/消防');
    expect(fire).toMatchObject({ kind: 'SUB_TOPIC' });
    expect(fire.related.map((l: any) => l.implemented.path)).toContain('三/（十七）');
    // on the item the box belongs to, the parts' links show too, unless asked not to
    const item = await g.query(`query ($d: ID!) { tasks(filter: { document: $d, path: "三/（一）/8" }) { nodes { all: related(minScore: 0) { id implementer { path } } own: related(minScore: 0, parts: false) { id implementer { path } } } } }`, { d: id['004'] });
    const { all, own } = item.tasks.nodes[0];
    expect(all.map((l: any) => l.implementer.path)).toContain('三/（一）/8/消防');
    expect(own.every((l: any) => !l.implementer.path.startsWith('三/（一）/8/'))).toBe(true);
    expect(all.length).toBeGreaterThan(own.length);
  });

  it('hides weak inferred links unless asked for', async () => {
    const q = `query ($t: ID!, $min: Float) { node(id: $t) { ... on Task { implementedBy(minScore: $min) { score } } } }`;
    const shown = (await g.query(q, { t: id.enterprise })).node.implementedBy;
    const all = (await g.query(q, { t: id.enterprise, min: 0 })).node.implementedBy;
    expect(shown.every((l: any) => l.score >= 0.2)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(shown.length);
    expect((await g.execute(`query ($t: ID!) { node(id: $t) { ... on Task { implementedBy(minScore: 2) { score } } } }`, { t: id.enterprise })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'minScore' });
  });

  it('a responsibility chain runs from a provincial task down to the city task that carries it, as a tree', async () => {
    const data = await g.query(`query ($t: ID!) { responsibilityChain(task: $t, depth: 3) { truncated root { path } hops { depth task { path document { sourceFile } } parent { path } link { method } } } }`, { t: id.hazards });
    const chain = data.responsibilityChain;
    expect(chain.root.path).toBe('四/（二十一）');
    expect(chain.hops[0]).toEqual({ depth: 0, task: { path: '四/（二十一）', document: { sourceFile: '003_de92b7dc7b209498.txt' } }, parent: null, link: null });
    expect(chain.hops).toContainEqual({ depth: 1, task: { path: '四/14', document: { sourceFile: '002_a282cddb69117384.txt' } }, parent: { path: '四/（二十一）' }, link: { method: 'INFERRED' } });
    const tasks = chain.hops.map((h: any) => `${h.task.document.sourceFile}#${h.task.path}`);
    expect(new Set(tasks).size).toBe(tasks.length);
    expect(chain.truncated).toBe(false);
  });

  it('a chain is bounded by the request', async () => {
    const data = await g.query(`query ($t: ID!) { responsibilityChain(task: $t, depth: 2, maxNodes: 1, minScore: 0) { truncated hops { depth } } }`, { t: id.enterprise });
    expect(data.responsibilityChain.hops).toHaveLength(1);
    expect(data.responsibilityChain.truncated).toBe(true);
    expect((await g.execute(`query ($t: ID!) { responsibilityChain(task: $t, depth: 50) { truncated } }`, { t: id.enterprise })).errors![0].extensions.argumentName).toBe('depth');
  });

  it('accountability: 泽州县人民政府 carries the provincial items through the province’s collective and the city’s through Jincheng’s', async () => {
    const data = await g.query(`{ accountability(unit: "泽州县人民政府") { unit { name } through { name } total groups { level role count items { reach through { name } task { path } assignment { clause { text } } } } } }`);
    const a = data.accountability;
    expect(a.through.map((u: any) => u.name)).toEqual(['山西省各市、县人民政府', '晋城市各县（市、区）人民政府']);
    const province = a.groups.find((x: any) => x.level === 'PROVINCE' && x.role === 'RESPONSIBLE');
    expect(province.count).toBe(31);
    expect(province.items[0]).toMatchObject({ reach: 'EXPANSION', through: { name: '山西省各市、县人民政府' }, task: { path: '一/（一）' } });
    const city = a.groups.filter((x: any) => x.level === 'CITY').reduce((s: number, x: any) => s + x.count, 0);
    expect(city).toBeGreaterThan(40);
    expect(a.total).toBe(a.groups.reduce((s: number, x: any) => s + x.count, 0));
  });

  it('accountability of 市应急局 lists its duties by role with the tasks that mandate them', async () => {
    const data = await g.query(`{ accountability(unit: "市应急局", minScore: 0.2) { unit { name } groups { level role count items { task { path } mandatedBy { relation implemented { path document { sourceFile } } } } } } }`);
    const groups = data.accountability.groups;
    expect(groups.map((x: any) => x.role)).toEqual(['LEAD', 'RESPONSIBLE', 'SHARED']);
    expect(groups[0].items.map((i: any) => i.task.path)).toContain('一/（二）/1');
    const mandated = groups.flatMap((x: any) => x.items).filter((i: any) => i.mandatedBy.length);
    // the province's 2022 targets mandate the city's 2023 plan; its 2024 notice came later and mandates nothing of it
    expect(mandated.map((i: any) => i.task.path)).toEqual(expect.arrayContaining(['三/（六）/24', '四/（六）']));
    for (const m of mandated.flatMap((i: any) => i.mandatedBy)) expect(m.implemented.document.sourceFile).toBe('000_9babb23a9d226355.txt');
  });
});

describe('analysis', () => {
  it('the responsibility matrix of 004 has the roles in each cell', async () => {
    const data = await g.query(`query ($d: ID!) { responsibilityMatrix(document: $d) { columns { name } rows { task { path } cells { column unit { name } roles } } } }`, { d: id['004'] });
    const m = data.responsibilityMatrix;
    expect(m.rows).toHaveLength(81);
    const row = m.rows.find((r: any) => r.task.path === '一/（二）/1');
    expect(row.cells.map((c: any) => [c.unit.name, c.roles])).toEqual([
      ['晋城市应急管理局', ['LEAD']],
      ['晋城市消防救援支队', ['SHARED']],
      ['晋城市各县（市、区）人民政府', ['SHARED']],
      ['晋城市财政局', ['COOPERATE']],
    ]);
    for (const r of m.rows) for (const c of r.cells) expect(m.columns[c.column].name).toBe(c.unit.name);
  });

  it('gaps: tasks nobody answers for, tasks only collectives or open lists answer for, provincial tasks no city task takes up', async () => {
    const data = await g.query(`query ($d3: ID!, $d2: ID!) {
      open: gaps(first: 100, filter: { document: $d3, kinds: [ONLY_COLLECTIVE_OR_OPEN] }) { totalCount nodes { task { path } } }
      none: gaps(first: 100, filter: { document: $d2, kinds: [NO_LEAD_OR_RESPONSIBLE] }) { totalCount nodes { task { path } } }
      up: gaps(first: 100, filter: { document: $d3, kinds: [NOT_IMPLEMENTED], lowerLevel: CITY }) { totalCount nodes { task { path } } }
    }`, { d3: id['003'], d2: id['002'] });
    const open = data.open.nodes.map((n: any) => n.task.path);
    expect(open).toContain('三/（十）');
    expect(open).not.toContain('三/（十五）');
    const none = data.none.nodes.map((n: any) => n.task.path);
    expect(none).toContain('一/4');
    expect(none).not.toContain('一/2');
    const up = data.up.nodes.map((n: any) => n.task.path);
    // provincial items whose work no city task carries out or did first; the rest, 四/（二十一） among them, have city counterparts
    expect(up).toEqual(['三/（十一）', '三/（十五）', '五/（二十四）', '七/（三十）']);
    expect((await g.execute(`{ gaps(filter: { kinds: [NOT_IMPLEMENTED] }) { totalCount } }`)).errors![0].extensions.argumentName).toBe('filter.lowerLevel');
  });

  it('overlaps: the co-led task of 004 and the near-duplicate hazard items of 002 and 003', async () => {
    const data = await g.query(`{ overlaps(first: 100) { totalCount nodes { kind task { path } other { path } units { name } score } } }`);
    expect(data.overlaps.nodes).toContainEqual({ kind: 'MULTIPLE_LEADS', task: { path: '三/（四）/15' }, other: null, units: [{ name: '晋城市应急管理局' }, { name: '晋城市消防救援支队' }], score: null });
    expect(data.overlaps.nodes.filter((n: any) => n.kind === 'NEAR_DUPLICATE')).toContainEqual(expect.objectContaining({ task: { path: '四/14' }, other: { path: '四/（二十一）' } }));
  });

  it('overlaps are every overlap the assignments and similarities hold, in task order, paged across both sources without a repeat or a gap', async () => {
    const q = `query ($after: String, $first: Int, $filter: OverlapFilter) { overlaps(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } nodes { kind task { id } other { id } units { id } score } } }`;
    const walk = async (first: number) => {
      const nodes: any[] = [];
      let after: string | null = null;
      let totalCount = 0;
      do {
        const page: any = (await g.query(q, { first, after, filter: { minScore: 0.3 } })).overlaps;
        nodes.push(...page.nodes);
        totalCount = page.totalCount;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return { nodes, totalCount };
    };
    const whole = await walk(100);
    expect(new Set(whole.nodes.map((n: any) => n.kind))).toEqual(new Set(['MULTIPLE_LEADS', 'NEAR_DUPLICATE']));
    expect(whole.totalCount).toBe(whole.nodes.length);
    // what the tables say, derived here without the stored rows
    const rows = (sql: string) => g.orm.em.fork().getConnection().execute(sql) as Promise<any[]>;
    const multiple = await rows(`select task_id as "t" from assignment where role = 'LEAD' group by task_id having count(*) > 1`);
    const both = await rows(`select a.task_id as "t", a.unit_id as "u" from assignment a join assignment c on c.task_id = a.task_id and c.unit_id = a.unit_id where a.role = 'LEAD' and c.role = 'COOPERATE'`);
    const similar = await rows(`select a_id as "t" from task_similarity where score >= 0.3`);
    expect(whole.nodes.filter((n: any) => n.kind === 'MULTIPLE_LEADS')).toHaveLength(multiple.length);
    expect(whole.nodes.filter((n: any) => n.kind === 'LEAD_AND_COOPERATE')).toHaveLength(both.length);
    expect(whole.nodes.filter((n: any) => n.kind === 'NEAR_DUPLICATE')).toHaveLength(similar.length);
    const taskOrder = whole.nodes.map((n: any) => Number(Buffer.from(n.task.id, 'base64url').toString().split(':')[1]));
    expect(taskOrder).toEqual([...taskOrder].sort((a, b) => a - b));
    const walked = (await walk(7)).nodes;
    expect(walked).toEqual(whole.nodes);
  });

  it('workload counts assignments by role and level, busiest first, and pages', async () => {
    const q = `query ($after: String) { workload(first: 2, after: $after) { totalCount nodes { unit { name } total byRole { role count } byLevel { level count } } pageInfo { endCursor hasNextPage } } }`;
    const first = (await g.query(q)).workload;
    expect(first.nodes[0]).toEqual({
      unit: { name: '晋城市各县（市、区）人民政府' },
      total: 51,
      byRole: [{ role: 'RESPONSIBLE', count: 35 }, { role: 'SHARED', count: 16 }],
      byLevel: [{ level: 'CITY', count: 51 }],
    });
    const second = (await g.query(q, { after: first.pageInfo.endCursor })).workload;
    expect(second.nodes[0].total).toBeLessThanOrEqual(first.nodes[1].total);
    expect(second.nodes.map((n: any) => n.unit.name)).not.toContain(first.nodes[1].unit.name);
    const emergency = await g.query(`{ workload(filter: { sector: "应急管理" }) { nodes { unit { name } total } } }`);
    expect(emergency.workload.nodes).toEqual([{ unit: { name: '晋城市应急管理局' }, total: 37 }, { unit: { name: '山西省应急管理厅' }, total: 23 }]);
  });
});

describe('statements do not grow with the rows returned', () => {
  const count = async (query: string, variables?: Record<string, unknown>) => (await g.execute(query, variables)).extensions!.sqlStatements as number;

  it('a chain of many hops costs one statement per level', async () => {
    const q = `query ($t: ID!, $n: Int!) { responsibilityChain(task: $t, depth: 3, minScore: 0, maxNodes: $n) { hops { task { path document { title } } link { score } } } }`;
    expect(await count(q, { t: id.enterprise, n: 3 })).toBe(await count(q, { t: id.enterprise, n: 200 }));
  });

  it('accountability, workload and the matrix', async () => {
    const acc = (u: string) => `{ accountability(unit: "${u}", minScore: 0.2) { groups { items { task { path document { number } } assignment { clause { text } } mandatedBy { implemented { path } } } } } }`;
    expect(await count(acc('市应急局'))).toBe(await count(acc('泽州县人民政府')));
    const mat = `query ($d: ID!) { responsibilityMatrix(document: $d) { rows { task { path } cells { unit { name } } } } }`;
    expect(await count(mat, { d: id['001'] })).toBeLessThanOrEqual(await count(mat, { d: id['004'] }));
    expect(await count(mat, { d: id['004'] })).toBeLessThanOrEqual(4);
    const wl = (n: number) => `{ workload(first: ${n}) { nodes { unit { name aliases } total } } }`;
    expect(await count(wl(1))).toBe(await count(wl(100)));
  });
});
