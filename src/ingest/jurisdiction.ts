import type { JurisdictionEvidence, JurisdictionSource } from './types.js';
import type { Paragraph } from './paragraphs.js';
import { nationalBody } from '../modules/unit/national-bodies.js';
import { contains, type Division, type DivisionIndex, NATIONAL_CODE } from '../modules/jurisdiction/divisions.js';

/** where a document was placed, and what in its text says so; `refused` when nothing says it firmly */
export interface Placement {
  code: string | null;
  evidence: JurisdictionEvidence[];
  refused?: string;
}

// 国发, 国办发, 国办函, 国函: the State Council's own numbers
const NATIONAL_NUMBER = /^(国发|国办发|国办函|国函|国令|中发|中办发|厅字)[〔[［(（]/;
// 粤府〔2021〕22号, 渝府办发, 豫政, 辽政发: a provincial government's numbers start with the province's short name
const PROVINCE_BY_ABBREVIATION: Record<string, string> = {
  京: '110000', 津: '120000', 冀: '130000', 晋: '140000', 蒙: '150000', 辽: '210000', 吉: '220000', 黑: '230000',
  沪: '310000', 苏: '320000', 浙: '330000', 皖: '340000', 闽: '350000', 赣: '360000', 鲁: '370000', 豫: '410000',
  鄂: '420000', 湘: '430000', 粤: '440000', 桂: '450000', 琼: '460000', 渝: '500000', 川: '510000', 黔: '520000',
  贵: '520000', 云: '530000', 滇: '530000', 藏: '540000', 陕: '610000', 甘: '620000', 青: '630000', 宁: '640000', 新: '650000',
};
const PROVINCIAL_NUMBER = /^(.)(?:政|府|政办|府办|政发|政办发|府发|府办发|政规|府规|政办规|政办函|政函|府函)/;
// bodies of the centre that issue documents: 国务院, 中共中央办公厅, 国务院安委会, 应急管理部, joint issuers
const NATIONAL_ISSUER = /^(国务院|中共中央|中央|全国|国家|中华人民共和国|最高人民)/;
const SIGNATURE_DATE = /^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九〇○零]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;

/**
 * Places a document from what its own text says — the issuer line, the place or body at the
 * head of its title, its signature, its number, place names in its body — and keeps each piece
 * of evidence. Firm sources that disagree, or nothing but weak ones, are a refusal: the caller
 * asks for --jurisdiction rather than guess.
 */
export function placeDocument(
  text: string,
  paragraphs: Paragraph[],
  head: { title: string; issuer: string | null; number: string | null },
  divisions: DivisionIndex,
  assigned: string[] = [],
): Placement {
  const firm: JurisdictionEvidence[] = [];
  const add = (source: JurisdictionSource, written: string, d: Division | null) => {
    if (d) firm.push({ source, text: written, code: d.code, name: d.name });
  };
  if (head.issuer) add('ISSUER', head.issuer, placeOfBody(head.issuer, divisions));
  // 西宁市关于…的若干措施; 关于印发《成都市…方案》的通知
  const titleHead = /^(.{2,40}?)(?:关于|印发|转发)/.exec(head.title)?.[1] ?? /^关于印发《(.{2,40})/.exec(head.title)?.[1];
  if (titleHead && titleHead !== head.issuer) add('TITLE', titleHead, placeOfBody(titleHead, divisions));
  const signature = signatureOf(paragraphs);
  if (signature) add('SIGNATURE', signature, placeOfBody(signature, divisions));
  // 国发, 国办函 are the State Council's alone; a province's short name is shared with its cities
  // (苏府 is Suzhou's, 苏政发 Jiangsu's; 宁 is Ningxia and Nanjing): it agrees, or places a text that speaks as a province
  const byNumber = head.number ? numberPlace(head.number, divisions) : null;
  const speaksAsProvince = ownLevel(text) === '省';
  if (byNumber && (firm.length ? firm.every((e) => contains(byNumber.code, e.code)) : byNumber.code === NATIONAL_CODE || speaksAsProvince)) {
    firm.push({ source: 'NUMBER', text: head.number!, code: byNumber.code, name: byNumber.name });
  }

  if (firm.length) {
    // every firm source must lie on one line of the tree; the deepest of them is the issuer's place
    const deepest = firm.reduce((a, b) => (depth(b.code) > depth(a.code) ? b : a));
    const against = firm.find((e) => !contains(e.code, deepest.code));
    if (against) {
      return { code: null, evidence: firm, refused: `its text points to two places: ${describe(against)} and ${describe(deepest)}` };
    }
    return { code: deepest.code, evidence: firm };
  }

  const named = bodyPlaces(text, divisions);
  if (named) return { code: named.code, evidence: [named] };
  // 国家知识产权局、司法部负责 …: a document that assigns only central bodies speaks for the country
  const central = assigned.filter((name) => nationalBody(name, true) || NATIONAL_ISSUER.test(name));
  const local = assigned.filter((name) => !nationalBody(name, true) && /^(省|市|县|区|各)/.test(name));
  if (central.length >= 3 && central.length >= 0.8 * assigned.length && !local.length) {
    return { code: NATIONAL_CODE, evidence: [{ source: 'BODY', text: `${central.length} of the ${assigned.length} units it assigns are central bodies (${[...new Set(central)].slice(0, 3).join('、')} …)`, code: NATIONAL_CODE, name: '全国' }] };
  }
  return { code: null, evidence: [], refused: 'cannot tell which province, city or county issued it (no issuer, signature or place named in its title, and no place named often enough in its body)' };
}

function numberPlace(number: string, divisions: DivisionIndex): Division | null {
  if (NATIONAL_NUMBER.test(number)) return divisions.byCode.get(NATIONAL_CODE)!;
  const province = PROVINCE_BY_ABBREVIATION[PROVINCIAL_NUMBER.exec(number)?.[1] ?? ''];
  return province ? divisions.byCode.get(province)! : null;
}

/** the division an issuing body belongs to: 成都市人民政府办公厅 → 成都市, 应急管理部 财政部 → the country */
export function placeOfBody(body: string, divisions: DivisionIndex): Division | null {
  const compact = body.replace(/\s+/g, ' ').trim();
  const first = compact.split(/[ 、，,]/)[0].replace(/^中共/, '');
  if (NATIONAL_ISSUER.test(first) || nationalBody(first, true) || /^[^省市县区州盟旗]{2,10}(部|署|总局)$/.test(first)) return divisions.byCode.get(NATIONAL_CODE)!;
  const place = divisions.placeAt(first);
  return place ? divisions.canonical(place.division) : null;
}

/** the signing body at the end: an organisation's name alone on a line, followed by the date */
function signatureOf(paragraphs: Paragraph[]): string | null {
  const lines = paragraphs.map((p) => p.text.trim()).filter(Boolean);
  for (let i = lines.length - 1; i > 0 && i >= lines.length - 12; i--) {
    if (!SIGNATURE_DATE.test(lines[i])) continue;
    const name = lines[i - 1];
    if (name.length <= 40 && !/[，,。；：:]/.test(name) && /(人民政府|政府|办公厅|办公室|委员会|厅|局|委|办|部|署|中心|国务院|中央)$/.test(name)) return name;
  }
  return null;
}

/**
 * Weak evidence, used only when nothing firm exists: a division named at least three times in
 * the text and not outnumbered by a place elsewhere — 北京 mentioned once in
 * passing places nothing.
 */
function bodyPlaces(text: string, divisions: DivisionIndex): JurisdictionEvidence | null {
  const counts = new Map<string, number>();
  const count = (d: Division, n: number) => {
    const c = divisions.canonical(d).code;
    counts.set(c, (counts.get(c) ?? 0) + n);
  };
  // the titles of cited documents (《昆明市人民政府关于…》) name their issuers, not this one
  const body = text.slice(0, 20_000).replace(/《[^《》]*》/g, (m) => ' '.repeat(m.length));
  const scan = (s: string, weight: number) => {
    for (const [d, n] of divisions.namedIn(s)) count(d, weight * n);
    // 山西 as running text writes it (考察山西); 山西省 itself was counted above
    for (const { short, division } of divisions.provinceShortNames) {
      let n = 0;
      for (let at = s.indexOf(short); at >= 0; at = s.indexOf(short, at + short.length)) if (!s.startsWith(division.name, at)) n++;
      if (n) count(division, weight * n);
    }
  };
  // the title is read as part of the text: where a copy ran together, nothing tells where a title ends
  scan(body, 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || depth(b[0]) - depth(a[0]));
  if (!ranked.length) return null;
  const [code, n] = ranked[0];
  const d = divisions.byCode.get(code)!;
  // 全区 … 我区 in a text whose most named place is a city: the issuer is one of its districts, not the city
  const level = ownLevel(body);
  if (level && !fitsLevel(d, level)) return null;
  // three mentions, or two where the text speaks at that place's level (全省 … 山西)
  if (n < 3 && !(n >= 2 && level)) return null;
  const rival = ranked.find(([other, m]) => !contains(other, code) && !contains(code, other) && m * 3 > n);
  if (rival) return null;
  return { source: 'BODY', text: `${d.name} named ${n} times`, code, name: d.name };
}

/** the level a text speaks for itself at: 全省/我省, 全市/本市, 全区/我区, 全县/我县 — the most frequent, when clear */
function ownLevel(text: string): '省' | '市' | '区' | '县' | null {
  const counts = (['省', '市', '区', '县'] as const).map((c) => ({ c, n: text.match(new RegExp(`(全|我|本)${c}`, 'g'))?.length ?? 0 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n >= 2 && counts[0].n >= 2 * counts[1].n ? counts[0].c : null;
}

function fitsLevel(d: Division, level: '省' | '市' | '区' | '县'): boolean {
  if (level === '省') return d.level === 'PROVINCE' && !d.name.endsWith('市');
  if (level === '市') return d.level === 'CITY' || (d.level === 'PROVINCE' && d.name.endsWith('市')) || (d.level === 'COUNTY' && d.name.endsWith('市'));
  if (level === '区') return (d.level === 'COUNTY' && d.name.endsWith('区')) || (d.level === 'PROVINCE' && d.name.endsWith('自治区'));
  return d.level === 'COUNTY';
}

function depth(code: string): number {
  if (code === NATIONAL_CODE) return 0;
  return code.endsWith('0000') ? 1 : code.endsWith('00') ? 2 : 3;
}

function describe(e: JurisdictionEvidence): string {
  return `${e.name} (${e.source.toLowerCase()} "${e.text}")`;
}
