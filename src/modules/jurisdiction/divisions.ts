import { areaList } from '@vant/area-data';
import type { Level } from '../../ingest/types.js';

/** the whole country: the jurisdiction of the State Council's documents (not a GB/T 2260 code) */
export const NATIONAL_CODE = '000000';

/** a division contains another when it is the country, or the other's code starts with its own */
export function contains(outer: string, inner: string): boolean {
  if (outer === NATIONAL_CODE) return true;
  const prefix = outer.endsWith('0000') ? outer.slice(0, 2) : outer.endsWith('00') ? outer.slice(0, 4) : outer;
  return inner.startsWith(prefix);
}

export interface Division {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

/**
 * China's GB/T 2260 divisions from @vant/area-data. Codes whose digits 5–6 start with 7
 * are statistical zones (经济开发区 and the like), not divisions, and are left out.
 */
export function loadDivisions(): Division[] {
  const out: Division[] = [{ code: NATIONAL_CODE, name: '全国', level: 'NATIONAL', parentCode: null }];
  for (const [code, name] of Object.entries(areaList.province_list)) {
    out.push({ code, name, level: 'PROVINCE', parentCode: NATIONAL_CODE });
  }
  for (const [code, name] of Object.entries(areaList.city_list)) {
    out.push({ code, name, level: 'CITY', parentCode: code.slice(0, 2) + '0000' });
  }
  for (const [code, name] of Object.entries(areaList.county_list)) {
    if (code[4] === '7' || /(开发区|高新区|园区|风景名胜区)$/.test(name)) continue;
    out.push({ code, name, level: 'COUNTY', parentCode: code.slice(0, 4) + '00' });
  }
  return out;
}

/** lookups over the division tree, built once */
export class DivisionIndex {
  readonly byCode = new Map<string, Division>();
  readonly children = new Map<string, Division[]>();
  private readonly names: Division[];
  /** what a place can be called when nothing before it narrows it down */
  private readonly standalone: Division[];
  /** 山西, 内蒙古, 广西: provinces as running text names them */
  readonly provinceShortNames: { short: string; division: Division }[];
  private readonly nameCount = new Map<string, number>();

  constructor(readonly all: Division[] = loadDivisions()) {
    for (const d of all) {
      this.byCode.set(d.code, d);
      if (d.parentCode) {
        const list = this.children.get(d.parentCode) ?? [];
        list.push(d);
        this.children.set(d.parentCode, list);
      }
      this.nameCount.set(d.name, (this.nameCount.get(d.name) ?? 0) + 1);
    }
    // longest names first so 晋城市 wins over a shorter name it starts with
    // 重庆's "县" groups its counties and names nothing by itself
    this.names = all.filter((d) => d.name.length > 1 && d.level !== 'NATIONAL').sort((a, b) => b.name.length - a.name.length);
    this.standalone = this.names.filter((d) => !this.isGrouping(d) && (d.level !== 'COUNTY' || ((this.nameCount.get(d.name) ?? 0) === 1 && d.name.length >= 3)));
    this.provinceShortNames = all
      .filter((d) => d.level === 'PROVINCE')
      .map((d) => ({ short: d.name.replace(/(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, ''), division: d }));
  }

  /** the province a code lies in; the country itself for the national code */
  province(code: string): Division {
    return this.byCode.get(code === NATIONAL_CODE ? code : code.slice(0, 2) + '0000')!;
  }

  /** the division whose name a text starts with, searched near `near` first (山西省…, 晋城市…, 泽州县…) */
  prefixOf(text: string, near?: string): Division | null {
    const inScope = (d: Division) => !near || d.code.startsWith(near.slice(0, 2));
    for (const d of this.names) if (inScope(d) && text.startsWith(d.name)) return d;
    // a county of another province is never meant by its bare name (every province has a 城区)
    for (const d of this.names) if (d.level !== 'COUNTY' && text.startsWith(d.name)) return d;
    return null;
  }

  /**
   * The 市辖区 and 县 groupings of the four municipalities (北京市 under 北京市, 重庆's 县) and the
   * 省直辖县 groupings name no government of their own: the province stands for them.
   */
  isGrouping(d: Division): boolean {
    if (d.level !== 'CITY') return false;
    const province = this.byCode.get(d.parentCode!);
    return d.name === province?.name || /^(县|省直辖县|自治区直辖县级行政区划)$/.test(d.name);
  }

  /** the division that governs: a grouping's province, else the division itself */
  canonical(d: Division): Division {
    return this.isGrouping(d) ? this.byCode.get(d.parentCode!)! : d;
  }

  /** the parent that governs a division (a municipality's district answers to the municipality) */
  governingParent(d: Division): Division | null {
    const parent = d.parentCode ? this.byCode.get(d.parentCode) : undefined;
    return parent ? this.canonical(parent) : null;
  }

  /** a division's children, a grouping's looked through (重庆市 → 渝中区 …, not 县) */
  governedChildren(d: Division): Division[] {
    return (this.children.get(d.code) ?? []).flatMap((c) => (this.isGrouping(c) ? (this.children.get(c.code) ?? []) : [c]));
  }

  /**
   * The division a text starts with, read down the tree as far as it goes: 四川省成都市武侯区… →
   * 武侯区, 重庆市渝中区… → 渝中区, 西宁市关于… → 西宁市. A county is only recognised alone when its
   * name is unique in the country.
   */
  placeAt(text: string, from = 0): { division: Division; length: number } | null {
    let found: Division | null = null;
    let at = from;
    for (;;) {
      const candidates: Division[] = found ? this.governedChildren(found).sort((a, b) => b.name.length - a.name.length) : this.standalone;
      const next: Division | undefined = candidates.find((d) => text.startsWith(d.name, at));
      if (!next) break;
      found = next;
      at += next.name.length;
    }
    return found ? { division: found, length: at - from } : null;
  }

  /** every division named in a text by its full name (a county only by a name unique in the country), with how often */
  namedIn(text: string): Map<Division, number> {
    const counts = new Map<Division, number>();
    for (const d of this.standalone) {
      let n = 0;
      for (let at = text.indexOf(d.name); at >= 0; at = text.indexOf(d.name, at + d.name.length)) n++;
      if (n) counts.set(d, (counts.get(d) ?? 0) + n);
    }
    return counts;
  }

  /** a name a reader can tell apart: 城区 exists in many cities, so it is written 晋城市城区 */
  distinctName(d: Division): string {
    if (d.level !== 'COUNTY' || (this.nameCount.get(d.name) ?? 0) <= 1) return d.name;
    const city = this.governingParent(d);
    return (city && city.name !== d.name ? city.name : '') + d.name;
  }
}
