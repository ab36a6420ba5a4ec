import { describe, expect, it } from 'vitest';
import { UnitResolver } from '../../src/ingest/resolve-units.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

const divisions = new DivisionIndex();
const resolver = new UnitResolver(divisions);
const shanxi = divisions.byCode.get('140000')!;
const jincheng = divisions.byCode.get('140500')!;

describe('resolving a unit as written to the unit it means', () => {
  it('a short provincial form resolves in the issuer’s province, with its sector', () => {
    expect(resolver.resolve('省应急厅', shanxi)).toMatchObject({ name: '山西省应急管理厅', kind: 'DEPARTMENT', level: 'PROVINCE', sector: '应急管理', jurisdiction: '140000' });
    expect(resolver.resolve('省应急厅', shanxi).aliases).toEqual(expect.arrayContaining(['省应急厅', '省应急管理厅']));
  });

  it('a short city form resolves in the issuing city', () => {
    expect(resolver.resolve('市应急局', jincheng)).toMatchObject({ name: '晋城市应急管理局', level: 'CITY', jurisdiction: '140500' });
    expect(resolver.resolve('市水务局', jincheng)).toMatchObject({ name: '晋城市水务局', sector: '水利' });
    expect(resolver.resolve('市公安交警支队', jincheng)).toMatchObject({ name: '晋城市公安局交通警察支队', parent: { name: '晋城市公安局' } });
    expect(resolver.resolve('市委编办', jincheng)).toMatchObject({ name: '中共晋城市委机构编制委员会办公室', kind: 'PARTY_ORGAN' });
  });

  it('各县（市、区）人民政府 in a Jincheng document stands for the six county-level governments', () => {
    const c = resolver.resolve('各县(市、区)人民政府', jincheng);
    expect(c).toMatchObject({ name: '晋城市各县（市、区）人民政府', kind: 'COLLECTIVE', level: 'COUNTY' });
    expect(c.members!.map((m) => [m.jurisdiction, m.name])).toEqual([
      ['140502', '晋城市城区人民政府'],
      ['140521', '沁水县人民政府'],
      ['140522', '阳城县人民政府'],
      ['140524', '陵川县人民政府'],
      ['140525', '泽州县人民政府'],
      ['140581', '高平市人民政府'],
    ]);
  });

  it('各市、县人民政府 and 市、县人民政府 in a Shanxi document are one collective of 11 city and 117 county governments', () => {
    const a = resolver.resolve('各市、县人民政府', shanxi);
    const b = resolver.resolve('市、县人民政府', shanxi);
    expect(a.name).toBe('山西省各市、县人民政府');
    expect(b.name).toBe(a.name);
    expect(a.members).toHaveLength(11 + 117);
  });

  it('a central agency stationed in the province, and its enforcement division', () => {
    expect(resolver.resolve('国家矿山安全监察局山西局', jincheng)).toMatchObject({ kind: 'VERTICAL_AGENCY', jurisdiction: '140000', level: 'PROVINCE' });
    expect(resolver.resolve('国家矿山安全监察局山西局监察执法九处', jincheng)).toMatchObject({ parent: { name: '国家矿山安全监察局山西局' } });
  });

  it('committee members are a collective under the committee', () => {
    expect(resolver.resolve('市安委会成员单位', jincheng)).toMatchObject({ name: '晋城市安全生产委员会成员单位', kind: 'COLLECTIVE', parent: { name: '晋城市安全生产委员会', kind: 'COMMITTEE' } });
  });

  it('a name it does not know is kept, in the issuer’s jurisdiction, and marked unverified', () => {
    expect(resolver.resolve('市某某服务中心', jincheng)).toMatchObject({ name: '晋城市某某服务中心', known: false, kind: 'PUBLIC_INSTITUTION' });
  });
});
