// The Chinese markers the parser depends on, in one place.
import type { Role } from './types.js';

const CN = '[一二三四五六七八九十百]+';

/** numbering styles, each with the pattern of its label at the start of a line */
export const NUMBERING = [
  { style: 'chapter', re: new RegExp(`^(${CN})\\s*[、.．]`) }, // 一、
  { style: 'paren-cn', re: new RegExp(`^[（(]\\s*(${CN})\\s*[)）]`) }, // （一）
  { style: 'article', re: new RegExp(`^第(${CN})条`) }, // 第一条
  { style: 'arabic', re: /^(\d{1,2})\s*[.．、](?!\d)/ }, // 1.
  { style: 'paren-arabic', re: /^[（(]\s*(\d{1,2})\s*[)）]/ }, // （1）
  { style: 'arabic-paren', re: /^(\d{1,2})[)）](?=\S)/ }, // 1）
  { style: 'circled', re: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/ }, // ①
  { style: 'ordinal', re: new RegExp(`^(${CN})是(?=[^，,。；;]{2,})`) }, // 一是
  { style: 'dash', re: /^(——)(?=\S)/ }, // ——
] as const;
export type NumberingStyle = (typeof NUMBERING)[number]['style'];

/** a line that starts something new: never the continuation of a broken sentence */
export const ITEM_START = new RegExp(
  [...NUMBERING.map((n) => n.re.source), '^专栏', '^(责任|牵头|配合|协办|主办|参与|督办)(单位|部门)\\s*[:：]'].join('|'),
);

/** a box of examples inside a plan (专栏 2 …): its numbered lines are not tasks */
export const BOX_START = /^专栏\s*\d*/;

export function isTerminal(line: string): boolean {
  return /[。；;！!？?：:）)】]$/.test(line) || /[。！？][”’」]$/.test(line);
}

/** 责任单位：… — the line that lists a task's units */
export const RESPONSIBILITY_LINE = /^(责任单位|牵头单位|主办单位|配合单位|协办单位|参与单位|督办单位|责任部门|牵头部门|配合部门)\s*[:：]/;

/** labelled fields inside one clause: 牵头单位：X，配合单位：Y */
export const FIELD_LABELS: Record<string, Role | null> = {
  牵头单位: 'LEAD',
  牵头部门: 'LEAD',
  配合部门: 'COOPERATE',
  责任部门: null,
  主办单位: 'LEAD',
  配合单位: 'COOPERATE',
  协办单位: 'COOPERATE',
  参与单位: 'COOPERATE',
  督办单位: 'SUPERVISE',
  责任单位: null,
};

/**
 * Role words at the end of a group of units, longest first. `负责` is SHARED when a
 * 牵头 stands in the same clause, RESPONSIBLE otherwise (resolved by the clause parser).
 */
export const ROLE_WORDS: { word: string; role: Role | 'RESPONSIBLE_OR_SHARED' }[] = [
  { word: '按职责分工负责', role: 'SHARED' },
  { word: '按职能分工负责', role: 'SHARED' },
  { word: '按职责分工落实', role: 'SHARED' },
  { word: '牵头落实', role: 'LEAD' },
  { word: '牵头实施', role: 'LEAD' },
  { word: '牵头组织', role: 'LEAD' },
  { word: '配合落实', role: 'COOPERATE' },
  { word: '协同配合', role: 'COOPERATE' },
  { word: '负责落实', role: 'RESPONSIBLE_OR_SHARED' },
  { word: '具体负责', role: 'RESPONSIBLE' },
  { word: '负总责', role: 'RESPONSIBLE' },
  { word: '共同负责', role: 'SHARED' },
  { word: '分别负责', role: 'SHARED' },
  { word: '按照职责分工负责', role: 'SHARED' },
  { word: '按职责负责', role: 'SHARED' },
  { word: '分工负责', role: 'SHARED' },
  { word: '督促企业落实', role: 'SUPERVISE' },
  { word: '督促落实', role: 'SUPERVISE' },
  { word: '牵头负责', role: 'LEAD' },
  { word: '共同牵头', role: 'LEAD' },
  { word: '牵头', role: 'LEAD' },
  { word: '配合', role: 'COOPERATE' },
  { word: '协助', role: 'COOPERATE' },
  { word: '参与', role: 'COOPERATE' },
  { word: '负责', role: 'RESPONSIBLE_OR_SHARED' },
];

/** phrases that say a unit acts on a task in its own way, not in one of the roles */
export const OTHER_ROLE_PHRASES = ['结合实际落实', '结合实际抓好落实', '抓好落实', '贯彻落实', '组织实施', '落实'];

/** declares an assignment for every later item: 以下均需市、县人民政府负责，不再一一列出 */
export const IMPLIED_DECLARATION = /^以下(?:各项)?(?:任务|工作|事项)?(?:均需|均由|均要|都需|均应|均请)(.+?)(负责|落实|牵头)/;

/** open-ended lists: X、Y等部门 */
export const OPEN_ENDED = /等(?:有关|相关|其他)?(?:部门|单位|机构)?$/;

/** full-width forms used in paths and normalised names */
export function toFullWidthPunct(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，').replace(/:/g, '：').replace(/;/g, '；');
}
