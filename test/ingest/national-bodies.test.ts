import { describe, expect, it } from 'vitest';
import { nationalBodies, nationalBody } from '../../src/modules/unit/national-bodies.js';

/** the full name a form resolves to in a national document */
const inNational = (form: string) => nationalBody(form, true)?.name;
/** the full name a form resolves to in a local (provincial, city, county) document */
const inLocal = (form: string) => nationalBody(form, false)?.name;

describe('the central bodies, by the forms documents write them in', () => {
  it('State Council constituent departments resolve to their full names', () => {
    const cases: [string, string][] = [
      ['外交部', '外交部'],
      ['国防部', '国防部'],
      ['国家发展改革委', '国家发展和改革委员会'],
      ['国家发改委', '国家发展和改革委员会'],
      ['科技部', '科学技术部'],
      ['工信部', '工业和信息化部'],
      ['国家民委', '国家民族事务委员会'],
      ['国家安全部', '国家安全部'],
      ['人力资源社会保障部', '人力资源和社会保障部'],
      ['住房城乡建设部', '住房和城乡建设部'],
      ['文化和旅游部', '文化和旅游部'],
      ['国家卫生健康委', '国家卫生健康委员会'],
      ['退役军人部', '退役军人事务部'],
      ['应急部', '应急管理部'],
      ['人民银行', '中国人民银行'],
      ['审计署', '审计署'],
    ];
    for (const [form, name] of cases) expect(inNational(form), form).toBe(name);
  });

  it('the special, directly affiliated and office bodies, and the institutions, resolve', () => {
    const cases: [string, string][] = [
      ['国务院国资委', '国务院国有资产监督管理委员会'],
      ['海关总署', '海关总署'],
      ['税务总局', '国家税务总局'],
      ['市场监管总局', '国家市场监督管理总局'],
      ['金融监管总局', '国家金融监督管理总局'],
      ['中国证监会', '中国证券监督管理委员会'],
      ['广电总局', '国家广播电视总局'],
      ['体育总局', '国家体育总局'],
      ['国家信访局', '国家信访局'],
      ['国家知识产权局', '国家知识产权局'],
      ['国家国际发展合作署', '国家国际发展合作署'],
      ['国家医保局', '国家医疗保障局'],
      ['国务院参事室', '国务院参事室'],
      ['国管局', '国家机关事务管理局'],
      ['国务院研究室', '国务院研究室'],
      ['新华社', '新华通讯社'],
      ['中国社科院', '中国社会科学院'],
      ['中国工程院', '中国工程院'],
      ['国务院发展研究中心', '国务院发展研究中心'],
      ['中央广播电视总台', '中央广播电视总台'],
      ['国家行政学院', '国家行政学院'],
    ];
    for (const [form, name] of cases) expect(inNational(form), form).toBe(name);
  });

  it('the state bureaus managed by ministries resolve', () => {
    const cases: [string, string][] = [
      ['国家粮食和储备局', '国家粮食和物资储备局'],
      ['国家能源局', '国家能源局'],
      ['国家数据局', '国家数据局'],
      ['国家国防科工局', '国家国防科技工业局'],
      ['国家烟草局', '国家烟草专卖局'],
      ['国家移民局', '国家移民管理局'],
      ['国家林草局', '国家林业和草原局'],
      ['中国民航局', '中国民用航空局'],
      ['国家中医药局', '国家中医药管理局'],
      ['国家疾控局', '国家疾病预防控制局'],
      ['国家矿山安监局', '国家矿山安全监察局'],
      ['国家消防救援局', '国家消防救援局'],
      ['国家外汇局', '国家外汇管理局'],
      ['国家药监局', '国家药品监督管理局'],
      ['国家公务员局', '国家公务员局'],
      ['国家保密局', '国家保密局'],
    ];
    for (const [form, name] of cases) expect(inNational(form), form).toBe(name);
  });

  it('central Party organs and the military organs civil documents name resolve', () => {
    const cases: [string, string][] = [
      ['中办', '中共中央办公厅'],
      ['中央办公厅', '中共中央办公厅'],
      ['中组部', '中共中央组织部'],
      ['中宣部', '中共中央宣传部'],
      ['中央统战部', '中共中央统一战线工作部'],
      ['中联部', '中共中央对外联络部'],
      ['中央政法委', '中共中央政法委员会'],
      ['中央网信办', '中央网络安全和信息化委员会办公室'],
      ['中央外办', '中央外事工作委员会办公室'],
      ['中央编办', '中央机构编制委员会办公室'],
      ['中央金融办', '中央金融委员会办公室'],
      ['中央社会工作部', '中共中央社会工作部'],
      ['中央港澳办', '中共中央港澳工作办公室'],
      ['中央台办', '中共中央台湾工作办公室'],
      ['国务院台办', '国务院台湾事务办公室'],
      ['中央农办', '中央农村工作领导小组办公室'],
      ['中央纪委', '中共中央纪律检查委员会'],
      ['国家监委', '国家监察委员会'],
      ['中央文明办', '中央精神文明建设指导委员会办公室'],
      ['中央军委政治工作部', '中央军事委员会政治工作部'],
      ['中央军委国防动员部', '中央军事委员会国防动员部'],
      ['武警部队', '中国人民武装警察部队'],
    ];
    for (const [form, name] of cases) expect(inNational(form), form).toBe(name);
    expect(nationalBody('中宣部', true)?.kind).toBe('PARTY_ORGAN');
  });

  it('mass organisations, the courts and the procuratorate resolve', () => {
    const cases: [string, string][] = [
      ['全国总工会', '中华全国总工会'],
      ['共青团中央', '中国共产主义青年团中央委员会'],
      ['团中央', '中国共产主义青年团中央委员会'],
      ['全国妇联', '中华全国妇女联合会'],
      ['中国科协', '中国科学技术协会'],
      ['全国工商联', '中华全国工商业联合会'],
      ['中国残联', '中国残疾人联合会'],
      ['中国文联', '中国文学艺术界联合会'],
      ['中国侨联', '中华全国归国华侨联合会'],
      ['中国红十字会总会', '中国红十字会总会'],
      ['供销合作总社', '中华全国供销合作总社'],
      ['中国贸促会', '中国国际贸易促进委员会'],
      ['最高人民法院', '最高人民法院'],
      ['最高检', '最高人民检察院'],
    ];
    for (const [form, name] of cases) expect(inNational(form), form).toBe(name);
  });

  it('deliberative bodies and their offices resolve, a committee apart from its office', () => {
    const cases: [string, string, string][] = [
      ['国务院安委会', '国务院安全生产委员会', 'COMMITTEE'],
      ['国务院安委办', '国务院安全生产委员会办公室', 'OFFICE'],
      ['国家减灾委', '国家减灾委员会', 'COMMITTEE'],
      ['国家防总', '国家防汛抗旱总指挥部', 'COMMITTEE'],
      ['国家防总办公室', '国家防汛抗旱总指挥部办公室', 'OFFICE'],
      ['国务院食安办', '国务院食品安全委员会办公室', 'OFFICE'],
      ['国务院妇儿工委', '国务院妇女儿童工作委员会', 'COMMITTEE'],
      ['全国爱卫会', '全国爱国卫生运动委员会', 'COMMITTEE'],
      ['全国爱卫办', '全国爱国卫生运动委员会办公室', 'OFFICE'],
      ['国务院抗震救灾指挥部', '国务院抗震救灾指挥部', 'COMMITTEE'],
      ['国家森防指', '国家森林草原防灭火指挥部', 'COMMITTEE'],
    ];
    for (const [form, name, kind] of cases) expect(nationalBody(form, true), form).toMatchObject({ name, kind });
  });

  it('the entries other code relies on keep their names and sectors', () => {
    expect(nationalBody('发展改革委', true)).toMatchObject({ name: '国家发展和改革委员会', sector: '发展改革' });
    expect(nationalBody('市场监管总局', true)).toMatchObject({ name: '国家市场监督管理总局', sector: '市场监管' });
    expect(nationalBody('国家减灾委办公室', true)).toMatchObject({ name: '国家减灾委员会办公室', sector: '防灾减灾', kind: 'OFFICE' });
    expect(nationalBody('中国气象局', true)).toMatchObject({ name: '中国气象局', sector: '气象', kind: 'VERTICAL_AGENCY' });
    expect(nationalBody('应急管理部', true)).toMatchObject({ name: '应急管理部', sector: '应急管理' });
    expect(nationalBody('国务院', true)).toMatchObject({ name: '国务院', kind: 'GOVERNMENT' });
  });
});

describe('which forms are national in which documents', () => {
  it('bare forms shared with local bodies are national only in a national document', () => {
    for (const form of ['发展改革委', '发改委', '能源局', '统计局', '气象局', '国资委', '卫生健康委', '林草局', '妇联', '总工会']) {
      expect(inNational(form), form).toBeTruthy();
      expect(inLocal(form), form).toBeUndefined();
    }
    expect(inNational('统计局')).toBe('国家统计局');
    expect(inNational('气象局')).toBe('中国气象局');
  });

  it('forms only the centre has are national in any document', () => {
    const cases: [string, string][] = [
      ['最高人民法院', '最高人民法院'],
      ['共青团中央', '中国共产主义青年团中央委员会'],
      ['全国总工会', '中华全国总工会'],
      ['中央网信办', '中央网络安全和信息化委员会办公室'],
      ['税务总局', '国家税务总局'],
      ['市场监管总局', '国家市场监督管理总局'],
      ['人民银行', '中国人民银行'],
      ['国家发展改革委', '国家发展和改革委员会'],
      ['财政部', '财政部'],
      ['审计署', '审计署'],
      ['中组部', '中共中央组织部'],
      ['团中央', '中国共产主义青年团中央委员会'],
      ['中华全国妇女联合会', '中华全国妇女联合会'],
    ];
    for (const [form, name] of cases) {
      expect(inLocal(form), form).toBe(name);
      expect(inNational(form), form).toBe(name);
    }
  });

  it('the lookup is of the whole name: a local body that merely contains a central form is not central', () => {
    for (const name of ['省委组织部', '省发展改革委', '市统计局', '晋城市气象局', '国家税务总局山西省税务局', '人民银行辽宁省分行', '县人武部']) {
      expect(nationalBody(name, true), name).toBeNull();
      expect(nationalBody(name, false), name).toBeNull();
    }
  });
});

describe('the table as a whole', () => {
  const bodies = nationalBodies();

  it('is large enough to cover the central level', () => {
    expect(bodies.length).toBeGreaterThan(150);
  });

  it('every full name maps to itself, in a local document too (no local body bears a central full name)', () => {
    for (const body of bodies) {
      expect(body.forms, body.name).toContain(body.name);
      expect(nationalBody(body.name, true)?.name, body.name).toBe(body.name);
      expect(nationalBody(body.name, false)?.name, body.name).toBe(body.name);
    }
  });

  it('no two bodies share a full name', () => {
    const names = bodies.map((b) => b.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('no form is listed for two different bodies', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const body of bodies) {
      for (const form of new Set(body.forms)) {
        const other = owner.get(form);
        if (other !== undefined) clashes.push(`${form}: ${other} / ${body.name}`);
        else owner.set(form, body.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('no body lists a form twice, and every form resolves to its own body', () => {
    for (const body of bodies) {
      expect(new Set(body.forms).size, body.name).toBe(body.forms.length);
      for (const form of body.forms) expect(nationalBody(form, true)?.name, form).toBe(body.name);
    }
  });

  it('every entry has a sector, and a kind the schema knows', () => {
    const kinds = ['GOVERNMENT', 'PARTY_ORGAN', 'COMMITTEE', 'OFFICE', 'DEPARTMENT', 'VERTICAL_AGENCY', 'PUBLIC_INSTITUTION', 'ENTERPRISE', 'RESCUE_TEAM', 'OTHER'];
    for (const body of bodies) {
      expect(body.sector, body.name).toMatch(/^\S+$/);
      if (body.kind) expect(kinds, body.name).toContain(body.kind);
    }
  });

  it('the resolved forms, less the full name, are what becomes the unit’s aliases', () => {
    const hit = nationalBody('发展改革委', true)!;
    expect(hit.forms.filter((f) => f !== hit.name)).toEqual(expect.arrayContaining(['国家发展改革委', '发展改革委', '国家发改委']));
  });
});

describe('former bodies keep their own names', () => {
  it('an old document resolves to the body it names, not to its successor', () => {
    const cases: [string, string][] = [
      ['农业部', '农业部'],
      ['国土资源部', '国土资源部'],
      ['环保部', '环境保护部'],
      ['环境保护部', '环境保护部'],
      ['国家卫生计生委', '国家卫生和计划生育委员会'],
      ['国家工商总局', '国家工商行政管理总局'],
      ['国家质检总局', '国家质量监督检验检疫总局'],
      ['国家食品药品监管总局', '国家食品药品监督管理总局'],
      ['安全监管总局', '国家安全生产监督管理总局'],
      ['国家安全监管总局', '国家安全生产监督管理总局'],
      ['国家旅游局', '国家旅游局'],
      ['文化部', '文化部'],
      ['银监会', '中国银行业监督管理委员会'],
      ['保监会', '中国保险监督管理委员会'],
      ['银保监会', '中国银行保险监督管理委员会'],
      ['国家林业局', '国家林业局'],
      ['国务院扶贫办', '国务院扶贫开发领导小组办公室'],
      ['国家粮食局', '国家粮食局'],
      ['国家煤矿安监局', '国家煤矿安全监察局'],
      ['中央军民融合办', '中央军民融合发展委员会办公室'],
    ];
    for (const [form, name] of cases) expect(inNational(form), form).toBe(name);
    // and each stays apart from today's body
    expect(inNational('农业部')).not.toBe(inNational('农业农村部'));
    expect(inNational('银保监会')).not.toBe(inNational('金融监管总局'));
    expect(inNational('国家减灾委')).not.toBe(inNational('国家防减救灾委'));
    expect(inNational('林业局')).toBe('国家林业局');
    expect(inNational('林草局')).toBe('国家林业和草原局');
  });

  it('keeps the sector of the line of work it shares with its successor', () => {
    expect(nationalBody('安全监管总局', true)?.sector).toBe(nationalBody('应急管理部', true)?.sector);
    expect(nationalBody('环保部', true)?.sector).toBe(nationalBody('生态环境部', true)?.sector);
    expect(nationalBody('国家卫生计生委', true)?.sector).toBe(nationalBody('国家卫生健康委', true)?.sector);
  });
});
