import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from '../support/graph.js';

let g: Graph;
beforeAll(async () => (g = await seededGraph()));
afterAll(() => g.close());

const UNIT = `query ($name: String!) {
  unit(name: $name) {
    id name aliases level kind sector jurisdiction { code name level }
    assignments(first: 100) { totalCount nodes { id role mention clause { text } task { path document { number } } } }
  }
}`;

describe('finding a unit by any of its names', () => {
  it('省应急厅 and 山西省应急管理厅 are the same unit with the same assignments', async () => {
    const short = (await g.query(UNIT, { name: '省应急厅' })).unit;
    const full = (await g.query(UNIT, { name: '山西省应急管理厅' })).unit;
    expect(short).toEqual(full);
    expect(full).toMatchObject({ name: '山西省应急管理厅', level: 'PROVINCE', kind: 'DEPARTMENT', sector: '应急管理', jurisdiction: { code: '140000', name: '山西省' } });
    expect(full.aliases).toEqual(expect.arrayContaining(['省应急厅', '省应急管理厅']));
    expect(full.assignments.totalCount).toBeGreaterThanOrEqual(20);
    expect(full.assignments.nodes.every((a: any) => a.mention === '省应急厅')).toBe(true);
  });

  it('市应急局 in Jincheng’s documents is 晋城市应急管理局, and leads sub-goal 1 of 004', async () => {
    const u = (await g.query(UNIT, { name: '市应急局' })).unit;
    expect(u.name).toBe('晋城市应急管理局');
    expect(u.assignments.nodes).toContainEqual(expect.objectContaining({ role: 'LEAD', task: { path: '一/（二）/1', document: { number: '晋市安委办发〔2023〕33号' } } }));
  });

  it('a half-width bracket form finds the collective, which lists Jincheng’s six county governments', async () => {
    const data = await g.query(`{ unit(name: "各县(市、区)人民政府") { name kind level members { name level jurisdiction { code } memberOf { name } } } }`);
    expect(data.unit).toMatchObject({ name: '晋城市各县（市、区）人民政府', kind: 'COLLECTIVE', level: 'COUNTY' });
    expect(data.unit.members.map((m: any) => m.jurisdiction.code)).toEqual(['140502', '140521', '140522', '140524', '140525', '140581']);
    // a county government is reached by the province's collective and by its city's
    expect(data.unit.members[4]).toMatchObject({ name: '泽州县人民政府', level: 'COUNTY', memberOf: [{ name: '山西省各市、县人民政府' }, { name: '晋城市各县（市、区）人民政府' }] });
  });

  it('is null with a NOT_FOUND error, and the nearest names, for a name no unit has', async () => {
    const { data, errors } = await g.execute(UNIT, { name: '月球应急管理局' });
    expect(data?.unit ?? null).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'name' });
    expect(errors?.[0].extensions.suggestions.length).toBeGreaterThan(0);
    const doc = await g.execute(`{ document(number: "晋政发〔2099〕9号") { id } }`);
    expect(doc.data?.document ?? null).toBeNull();
    expect(doc.errors?.[0]).toMatchObject({ message: 'number: no document has the number "晋政发〔2099〕9号"', extensions: { code: 'NOT_FOUND', argumentName: 'number' } });
  });

  it('filters units by level, kind, sector, jurisdiction and any part of any name', async () => {
    const data = await g.query(`{
      emergency: units(filter: { sector: "应急管理" }) { nodes { name level } }
      jincheng: units(first: 100, filter: { jurisdiction: "140500", kind: DEPARTMENT }) { totalCount nodes { name } }
      byAlias: units(filter: { nameContains: "应急厅" }) { nodes { name } }
      counties: units(first: 5, filter: { level: COUNTY, kind: GOVERNMENT }) { totalCount }
    }`);
    expect(data.emergency.nodes).toEqual([
      { name: '山西省应急管理厅', level: 'PROVINCE' },
      { name: '晋城市应急管理局', level: 'CITY' },
    ]);
    expect(data.jincheng.nodes.map((n: any) => n.name)).toEqual(expect.arrayContaining(['晋城市应急管理局', '晋城市财政局', '晋城市水务局']));
    expect(data.byAlias.nodes).toEqual([{ name: '山西省应急管理厅' }]);
    expect(data.counties.totalCount).toBe(117);
  });

  it('pages a unit’s assignments by role with keyset cursors', async () => {
    const page = `query ($after: String) { unit(name: "省应急厅") { assignments(role: SHARED, first: 5, after: $after) { totalCount edges { cursor node { id role } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await g.query(page)).unit.assignments;
    const second = (await g.query(page, { after: first.pageInfo.endCursor })).unit.assignments;
    expect(first.edges).toHaveLength(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges.every((e: any) => e.node.role === 'SHARED')).toBe(true);
    const ids = [...first.edges, ...second.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.totalCount).toBe(first.totalCount);
  });
});

describe('units and jurisdictions', () => {
  it('a jurisdiction lists its children from the divisions data and its units', async () => {
    const data = await g.query(`{ jurisdiction(code: "140500") { id name level parent { code name } children { code name level } units(first: 100, kind: GOVERNMENT) { nodes { name } } } }`);
    expect(data.jurisdiction).toMatchObject({ name: '晋城市', level: 'CITY', parent: { code: '140000', name: '山西省' } });
    expect(data.jurisdiction.children.map((c: any) => c.name)).toEqual(['城区', '沁水县', '阳城县', '陵川县', '泽州县', '高平市']);
    expect(data.jurisdiction.units.nodes).toEqual([{ name: '晋城市人民政府' }]);
    const shanxi = await g.query(`{ jurisdiction(code: "140000") { children { code } } }`);
    expect(shanxi.jurisdiction.children).toHaveLength(11);
  });
});

describe('a unit name that matches nothing', () => {
  const TASKS = `query ($unit: String!) { tasks(filter: { unit: $unit }, first: 5) { totalCount nodes { path } } }`;

  it('is NOT_FOUND in a filter, with the nearest names as suggestions, never an empty page', async () => {
    const { data, errors } = await g.execute(TASKS, { unit: '省应急局' });
    expect(data?.tasks ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'filter.unit' });
    // 省应急厅 is one character away: an alias, given with its unit's canonical name
    expect(errors![0].extensions.suggestions[0]).toBe('省应急厅（山西省应急管理厅）');
    expect(errors![0].message).toMatch(/no unit has the name or alias "省应急局"; did you mean 省应急厅（山西省应急管理厅）/);
  });

  it('suggests canonical names too, and nothing when nothing is near', async () => {
    const near = await g.execute(TASKS, { unit: '山西省应急管理局' });
    expect(near.errors![0].extensions.suggestions).toContain('山西省应急管理厅');
    const far = await g.execute(TASKS, { unit: '月球基地' });
    expect(far.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', suggestions: [] });
    expect(far.errors![0].message).not.toMatch(/did you mean/);
  });

  it('still finds every unit an alias shared by several means', async () => {
    const shared = await g.query(TASKS, { unit: '市应急局' });
    expect(shared.tasks.totalCount).toBeGreaterThan(0);
  });
});
