import type { Level, UnitKind } from './types.js';
import { toFullWidthPunct } from './lexicon.js';
import { type Division, DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { formsOf, sectorBody } from '../modules/unit/sectors.js';
import { nationalBody } from '../modules/unit/national-bodies.js';
import { NATIONAL_CODE } from '../modules/jurisdiction/divisions.js';

export type UnitLevel = Level | 'NATIONAL';

/** what a mention stands for: the unit to find or create, with everything known of it */
export interface UnitSpec {
  name: string;
  kind: UnitKind;
  sector: string | null;
  level: UnitLevel;
  jurisdiction: string | null;
  aliases: string[];
  parent?: UnitSpec;
  /** for collectives: the units they stand for, where the divisions data tells */
  members?: UnitSpec[];
  /** the name followed a known pattern; a unit made from an unknown one is unverified */
  known: boolean;
}

/** 各县（市、区）人民政府 → the same text with brackets full-width and no spaces */
export function normalizeName(s: string): string {
  return toFullWidthPunct(s.replace(/\s+/g, ''));
}

const LEVEL_CHAR: Record<Level, string> = { NATIONAL: '', PROVINCE: '省', CITY: '市', COUNTY: '县' };

/**
 * Resolves a unit name as written in a document of jurisdiction `where` to the unit it
 * means: 省应急厅 in a Shanxi document is 山西省应急管理厅, 市应急局 in a Jincheng one
 * 晋城市应急管理局, 各县（市、区）人民政府 the six county governments of Jincheng.
 */
export class UnitResolver {
  constructor(private readonly divisions: DivisionIndex) {}

  resolve(written: string, where: Division, mention = written): UnitSpec {
    const name = normalizeName(written);
    const spec = this.collective(name, where) ?? this.national(name, where) ?? this.local(name, where);
    addAlias(spec, normalizeName(mention));
    addAlias(spec, name);
    // a collective as written, placed: 长治市各县（区）人民政府 for 各县（区）人民政府
    if (spec.kind === 'COLLECTIVE' && where.level !== 'NATIONAL' && !name.startsWith(where.name)) addAlias(spec, this.divisions.distinctName(where) + name);
    return spec;
  }

  government(d: Division): UnitSpec {
    const distinct = this.divisions.distinctName(d);
    const spec: UnitSpec = {
      name: `${distinct}人民政府`,
      kind: 'GOVERNMENT',
      sector: '政府',
      level: d.level,
      jurisdiction: d.code,
      aliases: [],
      known: true,
    };
    for (const a of [`${d.name}人民政府`, `${distinct}政府`, `${d.name}政府`]) addAlias(spec, a);
    return spec;
  }

  /** a body (人民政府, 党委, 应急局 …) of one division */
  bodyOf(d: Division, body: string): UnitSpec {
    return this.bodyIn(d, body, false);
  }

  private collective(name: string, where: Division): UnitSpec | null {
    const province = this.divisions.province(where.code);
    // the division whose county-level divisions 各县（市、区） means: a city, the city of a county, or a municipality
    const countyParent =
      where.level === 'CITY' ? where : where.level === 'COUNTY' ? this.divisions.governingParent(where) : where.level === 'PROVINCE' && isMunicipality(where) ? where : null;
    // 各县（市、区）人民政府: the county-level bodies of a city
    let m = /^各?县(?:（市、区）|（区、市）|（市区）|（区）|（市）|区|、区|（市、区、旗）)(.+)$/.exec(name);
    if (m && countyParent) {
      const body = bodyName(m[1]);
      const counties = this.divisions.governedChildren(countyParent);
      return collectiveSpec(`${countyParent.name}各县（市、区）${body}`, 'COUNTY', countyParent, counties.map((c) => this.bodyOf(c, body)));
    }
    // 各区县（自治县）政府, 各区、县级市人民政府, 各有关区、县级市: written otherwise, the same county-level bodies
    m = /^各(有关)?(区县（自治县）|区县|区、县级市|区、县（市）|区、县|区（县、市）|区（县）|旗县（市、区）|县、市、区|县、区、市|县市区|县、市|区)(.*)$/.exec(name);
    if (m && countyParent && (m[2] !== '区' || m[3])) {
      const body = bodyName(m[3] || '人民政府');
      const counties = this.divisions.governedChildren(countyParent);
      return collectiveSpec(`${countyParent.name}各${m[1] ?? ''}${m[2]}${m[3] ? body : ''}`, 'COUNTY', countyParent, counties.map((c) => this.bodyOf(c, body)));
    }
    // 各省级人民政府, 各（有关）省级人民政府: the provincial governments of the country
    m = /^各?(?:（有关）|有关)?省级(人民政府|政府)$/.exec(name);
    if (m && where.level === 'NATIONAL') return this.collective('各省、自治区、直辖市人民政府', where);
    // 市、县级人民政府 in a national document: every local government below the provinces
    m = /^(?:各|地方各级)?市、?县(?:级|两级)?(人民政府|政府)$/.exec(name);
    if (m && where.level === 'NATIONAL') return collectiveSpec('各市、县人民政府', 'CITY', where);
    // 各市、县人民政府 / 市、县人民政府: the city and county bodies of a province
    m = /^各?市、?县(?:级|两级)?(.+)$/.exec(name);
    if (m && where.level === 'PROVINCE' && !isMunicipality(where)) {
      const body = bodyName(m[1]);
      const cities = this.divisions.children.get(province.code) ?? [];
      const members = cities.flatMap((c) => [c, ...(this.divisions.children.get(c.code) ?? [])]).map((d) => this.bodyOf(d, body));
      return collectiveSpec(`${province.name}各市、县${body}`, 'CITY', province, members);
    }
    // 各市（州）人民政府, 各设区市, 各盟市, 各地级以上市: the city-level bodies of a province
    m = /^各(市（州）|州、市|市、州|盟市|盟、市|地级以上市|设区市|设区的市|地市|市)(人民政府|政府|党委|.{2,12}?(?:局|委|厅|办))$/.exec(name);
    if (m && where.level === 'PROVINCE' && !isMunicipality(where)) {
      const body = bodyName(m[2]);
      const cities = this.divisions.governedChildren(province);
      return collectiveSpec(`${province.name}各${m[1]}${body}`, 'CITY', province, cities.map((c) => this.bodyOf(c, body)));
    }
    // 各省、自治区、直辖市人民政府: the provincial bodies of the country
    m = /^各省(?:、自治区、直辖市|（区、市）|、区、市)(.+)$/.exec(name);
    if (m) {
      const body = bodyName(m[1]);
      const provinces = this.divisions.all.filter((d) => d.level === 'PROVINCE');
      return collectiveSpec(`各省、自治区、直辖市${body}`, 'PROVINCE', this.divisions.byCode.get(NATIONAL_CODE)!, provinces.map((p) => this.bodyOf(p, body)));
    }
    if (/^国务院各部委(、各直属机构)?$|^国务院有关部门$|^中央和国家机关有关部门$/.test(name)) {
      return collectiveSpec(name.replace(/^国务院各部委$/, '国务院各部委、各直属机构'), 'NATIONAL', this.divisions.byCode.get(NATIONAL_CODE)!);
    }
    if (/^各(地区|地|有关地区)$/.test(name) && where.level === 'NATIONAL') return this.collective('各省、自治区、直辖市人民政府', where);
    if (/^各(地区|地|有关地区|有关方面)$/.test(name)) return collectiveSpec(`${where.name}${name}`, where.level, where);
    // townships are below the divisions data: a collective without members
    m = /^各(乡镇|乡、镇|镇|乡镇（街道）|乡镇\(街道\)|街道)(.*)$/.exec(name);
    if (m) return collectiveSpec(`${this.divisions.distinctName(where)}各${m[1]}${bodyName(m[2])}`, 'COUNTY', where);
    m = /^各?(省级|市级|县级|各级)?(负有安全(?:生产)?监管职责的部门)$/.exec(name);
    if (m) {
      const scope = m[1] && m[1] !== '各级' ? '' : '各级';
      return collectiveSpec(`${where.name}${scope}负有安全监管职责的部门`, where.level, where, undefined, '安全监管');
    }
    m = /^各?(省|市|县)?(?:各)?(有关|相关)(部门|单位)$/.exec(name);
    if (m && where.level === 'NATIONAL') return this.collective('国务院有关部门', where);
    if (m) return collectiveSpec(`${where.name}有关${m[3]}`, where.level, where);
    m = /^各级(.+)$/.exec(name);
    if (m) return collectiveSpec(`${where.name}各级${bodyName(m[1])}`, where.level, where);
    m = /^(.+?)(?:有关)?成员单位$/.exec(name);
    if (m && !/^各/.test(m[1])) {
      const committee = this.resolve(m[1], where);
      const spec = collectiveSpec(`${committee.name}成员单位`, committee.level as Level, where, undefined, committee.sector);
      spec.parent = committee;
      return spec;
    }
    // any other 各… phrase stands for many units: 各项目牵头单位, 各成员单位, 各有关单位
    if (/^各[^、]{2,}$/.test(name)) return collectiveSpec(`${this.divisions.distinctName(where)}${name}`, where.level, where);
    return null;
  }

  private national(name: string, where: Division): UnitSpec | null {
    const central = nationalBody(name, where.level === 'NATIONAL');
    if (central) {
      return { name: central.name, kind: central.kind ?? 'DEPARTMENT', sector: central.sector, level: 'NATIONAL', jurisdiction: NATIONAL_CODE, aliases: central.forms.filter((f) => f !== central.name), known: true };
    }
    // a central agency stationed in a province: 国家矿山安全监察局山西局(监察执法九处)
    const m = /^(国家矿山安全监察局)(.{2,3}?局)(.*)$/.exec(name);
    if (m) {
      const province = this.divisions.all.find((d) => d.level === 'PROVINCE' && d.name.startsWith(m[2].replace(/局$/, ''))) ?? this.divisions.province(where.code);
      const bureau: UnitSpec = {
        name: m[1] + m[2],
        kind: 'VERTICAL_AGENCY',
        sector: '矿山安全',
        level: 'PROVINCE',
        jurisdiction: province.code,
        aliases: [],
        known: true,
      };
      if (!m[3]) return bureau;
      return { name, kind: 'VERTICAL_AGENCY', sector: '矿山安全', level: where.level, jurisdiction: where.code, aliases: [], parent: bureau, known: true };
    }
    if (/^(国家|国务院|中共中央|中央)|^[^省市县区]{2,8}部$/.test(name)) {
      return { name, kind: guessKind(name), sector: null, level: 'NATIONAL', jurisdiction: NATIONAL_CODE, aliases: [], known: false };
    }
    return null;
  }

  private local(name: string, where: Division): UnitSpec {
    let j: Division = where;
    let rest = name;
    let party = false;
    const explicit = /^中共(.+)$/.exec(name);
    if (explicit) {
      party = true;
      rest = explicit[1];
    }
    const named = this.divisions.prefixOf(rest, where.code);
    if (named) {
      j = this.divisions.canonical(named);
      rest = rest.slice(named.name.length);
    } else if (/^省/.test(rest)) {
      j = this.divisions.province(where.code);
      rest = rest.slice(1);
    } else if (/^自治区/.test(rest) && this.divisions.province(where.code).name.endsWith('自治区')) {
      // 自治区农牧厅 in a document of an autonomous region: the region's own department
      j = this.divisions.province(where.code);
      rest = rest.slice(3);
    } else if (/^市(?!场)/.test(rest) && (where.level === 'CITY' || where.level === 'COUNTY' || isMunicipality(where))) {
      j = where.level === 'COUNTY' ? (this.divisions.governingParent(where) ?? where) : where;
      rest = rest.slice(1);
    } else if (/^[县区](?!域)/.test(rest) && where.level === 'COUNTY') {
      rest = rest.slice(1);
    }
    return this.bodyIn(j, rest, party);
  }

  /** a body (人民政府, 党委, 应急局 …) of division j */
  private bodyIn(j: Division, body: string, party: boolean): UnitSpec {
    let rest = body;
    if (party && !/^委/.test(rest)) rest = '委' + rest;
    const jName = this.divisions.distinctName(j);

    if (rest === '委' || rest === '党委' || rest === '委员会') {
      return { name: `中共${jName}委员会`, kind: 'PARTY_ORGAN', sector: '党委', level: j.level, jurisdiction: j.code, aliases: aliasesFor(j, ['党委', '委']), known: true };
    }
    if (rest === '人民政府' || rest === '政府') return this.government(j);
    if (/^(经济技术)?开发区管委会$|^经济技术开发区管理委员会$/.test(rest)) {
      const zone = `${j.name.replace(/市$/, '')}经济技术开发区管理委员会`;
      return { name: zone, kind: 'ZONE_ADMINISTRATION', sector: '开发区', level: j.level, jurisdiction: j.code, aliases: [rest], known: true };
    }
    const hit = sectorBody(rest);
    if (hit) {
      const full = hit.body.format ? hit.body.format(jName, hit.full) : `${jName}${hit.full}`;
      const spec: UnitSpec = {
        name: full,
        kind: hit.body.kind,
        sector: hit.body.sector,
        level: j.level,
        jurisdiction: j.code,
        aliases: aliasesFor(j, formsOf(hit.full)),
        known: true,
      };
      if (hit.body.parent) spec.parent = this.bodyIn(j, hit.body.parent, false);
      return spec;
    }
    return { name: `${party ? '中共' : ''}${jName}${rest}`, kind: guessKind(rest), sector: null, level: j.level, jurisdiction: j.code, aliases: [], known: false };
  }
}

/** 北京, 天津, 上海, 重庆: provinces whose government is a 市人民政府 */
function isMunicipality(d: Division): boolean {
  return d.level === 'PROVINCE' && d.name.endsWith('市');
}

function bodyName(s: string): string {
  return s === '政府' ? '人民政府' : s;
}

function collectiveSpec(name: string, level: UnitLevel, where: Division, members?: UnitSpec[], sector: string | null = null): UnitSpec {
  return { name, kind: 'COLLECTIVE', sector, level, jurisdiction: where.code, aliases: [], members, known: true };
}

function aliasesFor(j: Division, forms: string[]): string[] {
  const prefix = j.level === 'COUNTY' ? j.name.slice(-1) : LEVEL_CHAR[j.level];
  return forms.flatMap((f) => [prefix + f, j.name + f]);
}

function addAlias(spec: UnitSpec, alias: string): void {
  if (alias && alias !== spec.name && !spec.aliases.includes(alias)) spec.aliases.push(alias);
}

function guessKind(name: string): UnitKind {
  if (/(公司|集团|企业)$/.test(name)) return 'ENTERPRISE';
  if (/(救援队|救护队|支队|总队|大队)$/.test(name)) return 'RESCUE_TEAM';
  if (/(委员会|指挥部|领导小组)$/.test(name)) return 'COMMITTEE';
  if (/办公室$/.test(name)) return 'OFFICE';
  if (/(中心|院|站|所|学校|医院)$/.test(name)) return 'PUBLIC_INSTITUTION';
  if (/(厅|局|委|办|部|处)$/.test(name)) return 'DEPARTMENT';
  return 'OTHER';
}
