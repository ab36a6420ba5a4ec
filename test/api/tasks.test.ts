import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';

let g: Graph;
beforeAll(async () => (g = await seededGraph()));
afterAll(() => g.close());

const TASK_FIELDS = `id label path title text kind deadline document { number } parent { path } children { path title }
  assignments { role mention implicit clause { text start end openEnded } basis { text } unit { name level } }`;

describe('tasks and their assignments', () => {
  it('003 （十五）: 省住建厅 leads, seven units share, the city and county governments are implied', async () => {
    const data = await g.query(`{ tasks(filter: { path: "三/(十五)" }) { nodes { ${TASK_FIELDS} } } }`);
    const [t] = data.tasks.nodes;
    expect(t).toMatchObject({ label: '（十五）', title: '经营性自建房领域专项整治', kind: 'TASK', document: { number: '晋政发〔2024〕1号' }, parent: { path: '三' } });
    expect(t.assignments.map((a: any) => `${a.role} ${a.unit.name}`)).toEqual([
      'LEAD 山西省住房和城乡建设厅',
      'SHARED 山西省公安厅',
      'SHARED 山西省自然资源厅',
      'SHARED 山西省农业农村厅',
      'SHARED 山西省应急管理厅',
      'SHARED 山西省市场监督管理局',
      'SHARED 山西省消防救援总队',
      'RESPONSIBLE 山西省各市、县人民政府',
    ]);
    expect(t.assignments[0].clause).toMatchObject({ text: '省住建厅牵头，省公安厅、省自然资源厅、省农业农村厅、省应急厅、省市场监管局、省消防救援总队等部门分工负责', openEnded: true });
    const implied = t.assignments.at(-1);
    expect(implied).toMatchObject({ implicit: true, mention: '市、县人民政府', basis: { text: '以下均需市、县人民政府负责,不再一一列出' } });
  });

  it('the clause text is the document’s own text at the clause span', async () => {
    const data = await g.query(`{ document(number: "晋政发〔2024〕1号") { text tasks(first: 100) { nodes { assignments { clause { text start end } } } } } }`);
    const { text } = data.document;
    const clauses = data.document.tasks.nodes.flatMap((t: any) => t.assignments.map((a: any) => a.clause));
    expect(clauses.length).toBeGreaterThan(140);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('filters tasks by unit (any alias) and role, by level and by text', async () => {
    const data = await g.query(`{
      lead: tasks(first: 100, filter: { unit: "省住建厅", role: LEAD }) { totalCount nodes { path } }
      leadFull: tasks(first: 100, filter: { unit: "山西省住房和城乡建设厅", role: LEAD }) { totalCount }
      city: tasks(first: 1, filter: { level: CITY }) { totalCount }
      coal: tasks(first: 100, filter: { text: "煤矿" }) { totalCount nodes { title } }
      doc: tasks(first: 1, filter: { text: "一竞技" }) { totalCount }
    }`);
    expect(data.lead.nodes.map((n: any) => n.path)).toEqual(['三/（十五）']);
    expect(data.leadFull.totalCount).toBe(1);
    expect(data.city.totalCount).toBe(38 + 81);
    expect(data.coal.nodes.map((n: any) => n.title)).toContain('煤矿领域专项整治');
    expect(data.doc.totalCount).toBe(0);
  });

  it('walks a document down its chapters, items and sub-items', async () => {
    const data = await g.query(`{ tasks(filter: { path: "四/(二十一)" }) { nodes { children { path title kind assignments { role unit { name } } } } } }`);
    const subs = data.tasks.nodes[0].children;
    expect(subs.map((s: any) => s.title)).toEqual(['森林草原火灾', '水旱灾害', '地质灾害', '地震灾害', '气象灾害']);
    expect(subs[0].kind).toBe('SUB_TOPIC');
    expect(subs[0].assignments[0]).toEqual({ role: 'LEAD', unit: { name: '山西省林业和草原局' } });
  });

  it('004 item 9: the county party committees and governments are two collectives from one mention', async () => {
    const data = await g.query(`{ tasks(filter: { path: "三/（二）/9" }) { nodes { assignments { role mention unit { name kind members { name } } } } } }`);
    const a = data.tasks.nodes[0].assignments;
    expect(a.map((x: any) => `${x.role} ${x.unit.name}`)).toEqual(['RESPONSIBLE 晋城市应急救援总指挥部', 'RESPONSIBLE 晋城市各县（市、区）党委', 'RESPONSIBLE 晋城市各县（市、区）人民政府']);
    expect(a[1].mention).toBe('各县(市、区)党委、人民政府');
    expect(a[1].unit.members).toHaveLength(6);
  });
});

describe('documents', () => {
  it('lists the five seed documents with their metadata', async () => {
    const data = await g.query(`{ documents { totalCount nodes { sourceFile number kind date jurisdiction { code level } issuer { name } tasks(first: 1) { totalCount } } } }`);
    expect(data.documents.totalCount).toBe(5);
    expect(data.documents.nodes.map((d: any) => [d.sourceFile, d.kind, d.jurisdiction.code])).toEqual([
      ['000_9babb23a9d226355.txt', 'PROGRESS_REPORT', '140000'],
      ['001_d2e1976ededb1409.txt', 'NEWS', '140000'],
      ['002_a282cddb69117384.txt', 'NOTICE', '140500'],
      ['003_de92b7dc7b209498.txt', 'NOTICE', '140000'],
      ['004_01e9b07c5e73fa65.txt', 'PLAN', '140500'],
    ]);
    expect(data.documents.nodes[4]).toMatchObject({ number: '晋市安委办发〔2023〕33号', date: '2023-05-12', issuer: { name: '晋城市安全生产委员会办公室' }, tasks: { totalCount: 81 } });
  });

  it('finds a document by number or source file, and keeps the noise it removed from 001', async () => {
    const data = await g.query(`{
      byNumber: document(number: "晋市政发[2022]1号") { sourceFile }
      news: document(sourceFile: "001_d2e1976ededb1409.txt") { text rawText noise { kind text rawStart cleanOffset reason } }
    }`);
    expect(data.byNumber.sourceFile).toBe('002_a282cddb69117384.txt');
    expect(data.news.text).not.toContain('一竞技');
    expect(data.news.rawText).toContain('责任分析不到一竞技位');
    expect(data.news.noise.filter((n: any) => n.kind === 'ADVERTISING').map((n: any) => n.text)).toContain('一竞技');
  });

  it('pages a document’s tasks in document order', async () => {
    const q = `query ($after: String) { document(sourceFile: "004_01e9b07c5e73fa65.txt") { tasks(first: 30, after: $after) { edges { cursor node { path } } pageInfo { hasNextPage endCursor } } } }`;
    const paths: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await g.query(q, { after })).document.tasks;
      paths.push(...page.edges.map((e: any) => e.node.path));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paths).toHaveLength(81);
    expect(paths.slice(0, 3)).toEqual(['一', '一/（一）', '一/（一）/1']);
    expect(paths.at(-1)).toBe('五/（三）');
  });
});

describe('global IDs and errors', () => {
  it('node(id) returns any object by its global ID', async () => {
    const ids = await g.query(`{ unit(name: "省应急厅") { id } documents(first: 1) { nodes { id } } tasks(first: 1) { nodes { id assignments { id } } } jurisdiction(code: "140500") { id } }`);
    const data = await g.query(
      `query ($u: ID!, $d: ID!, $t: ID!, $j: ID!) {
        u: node(id: $u) { __typename ... on Unit { name } }
        d: node(id: $d) { __typename ... on Document { sourceFile } }
        t: node(id: $t) { __typename id }
        j: node(id: $j) { ... on Jurisdiction { name } }
        missing: node(id: "VW5pdDo5OTk5OTk") { id }
      }`,
      { u: ids.unit.id, d: ids.documents.nodes[0].id, t: ids.tasks.nodes[0].id, j: ids.jurisdiction.id },
    );
    expect(data).toEqual({
      u: { __typename: 'Unit', name: '山西省应急管理厅' },
      d: { __typename: 'Document', sourceFile: '000_9babb23a9d226355.txt' },
      t: { __typename: 'Task', id: ids.tasks.nodes[0].id },
      j: { name: '晋城市' },
      missing: null,
    });
  });

  it('bad arguments get BAD_USER_INPUT with the argument named', async () => {
    const tooMany = await g.execute(`{ tasks(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const badCursor = await g.execute(`{ tasks(after: "nonsense") { totalCount } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const badId = await g.execute(`{ tasks(filter: { document: "VW5pdDox" }) { totalCount } }`);
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.document' });
    const both = await g.execute(`{ document(number: "x", sourceFile: "y") { id } }`);
    expect(both.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('a document named in a filter or an argument', () => {
  const COUNT = `query ($d: ID!) { tasks(filter: { document: $d }, first: 1) { totalCount }
    gaps(filter: { document: $d }) { totalCount } search(query: "安全", filter: { document: $d }, first: 3) { nodes { document { number } task { document { number } } } } }`;

  it('is the same document by its global ID, its number 文号 (brackets as typed) and its source file name', async () => {
    const docs = (await g.query(`{ documents { nodes { id number sourceFile } } }`)).documents.nodes;
    const doc = docs.find((d: any) => d.number === '晋政发〔2024〕1号');
    const byId = await g.query(COUNT, { d: doc.id });
    expect(byId.tasks.totalCount).toBeGreaterThan(40);
    for (const name of ['晋政发〔2024〕1号', '晋政发[2024]1号', doc.sourceFile]) expect(await g.query(COUNT, { d: name })).toEqual(byId);
    const matrix = `query ($d: ID!) { responsibilityMatrix(document: $d) { rows { task { path } } } }`;
    expect(await g.query(matrix, { d: '晋政发〔2024〕1号' })).toEqual(await g.query(matrix, { d: doc.id }));
  });

  it('is NOT_FOUND when no document has that ID, number or file, never an empty page', async () => {
    for (const query of [COUNT, `query ($d: ID!) { responsibilityMatrix(document: $d) { rows { task { path } } } }`]) {
      const { errors } = await g.execute(query, { d: '晋政发〔2099〕9号' });
      expect(errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect(errors?.[0].message).toMatch(/no document has the number, ID or source file "晋政发〔2099〕9号"/);
    }
  });
});
