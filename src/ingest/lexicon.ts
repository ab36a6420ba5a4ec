// The Chinese markers the parser depends on, in one place.
import type { Role } from './types.js';

const CN = '[一二三四五六七八九十百]+';

/** numbering styles, each with the pattern of its label at the start of a line */
export const NUMBERING = [
  { style: 'part', re: new RegExp(`^第(${CN})(?:章|部分|篇)`) }, // 第一章, 第一部分
  { style: 'chapter', re: new RegExp(`^(${CN})\\s*[、.．]`) }, // 一、
  { style: 'paren-cn', re: new RegExp(`^[（(]\\s*(${CN})\\s*[)）]`) }, // （一）
  { style: 'article', re: new RegExp(`^第(${CN})条`) }, // 第一条
  { style: 'arabic', re: /^(\d{1,3})\s*[.．、。﹒](?!\d)/ }, // 1. 1． 1、 1。 1﹒ (lists run past 99)
  { style: 'paren-arabic', re: /^[（(]\s*(\d{1,2})\s*[)）]/ }, // （1）
  { style: 'arabic-paren', re: /^(\d{1,2})[)）](?=\S)/ }, // 1）
  { style: 'circled', re: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/ }, // ①
  { style: 'ordinal', re: new RegExp(`^(${CN})是(?=[^，,。；;]{2,})`) }, // 一是
  { style: 'dash', re: /^(——)(?=\S)/ }, // ——
] as const;
export type NumberingStyle = (typeof NUMBERING)[number]['style'];

/**
 * Labels that introduce a list of units, longest first (牵头责任单位 before 责任单位), with the
 * role each gives its list; null: RESPONSIBLE, or SHARED where the same clause names a lead.
 */
export const FIELD_LABELS: { label: string; role: Role | null | 'PERSON' }[] = [
  // people, not units: their lists are skipped
  { label: '牵头负责领导', role: 'PERSON' },
  { label: '牵头领导', role: 'PERSON' },
  { label: '分管领导', role: 'PERSON' },
  { label: '分管省领导', role: 'PERSON' },
  { label: '分管市领导', role: 'PERSON' },
  { label: '分管区领导', role: 'PERSON' },
  { label: '分管县领导', role: 'PERSON' },
  { label: '责任领导', role: 'PERSON' },
  { label: '责任人', role: 'PERSON' },
  { label: '牵头市领导', role: 'PERSON' },
  { label: '牵头省领导', role: 'PERSON' },
  { label: '牵头区领导', role: 'PERSON' },
  { label: '牵头县领导', role: 'PERSON' },
  { label: '责任市领导', role: 'PERSON' },
  { label: '联系领导', role: 'PERSON' },
  { label: '包保领导', role: 'PERSON' },
  { label: '分管副市长', role: 'PERSON' },
  { label: '责任处室', role: null },
  { label: '承办单位', role: 'RESPONSIBLE' },
  { label: '配合部门', role: 'COOPERATE' },
  { label: '数据提供单位', role: 'OTHER' }, // supplies the figures: a part, not one of the five roles
  { label: '牵头责任单位', role: 'LEAD' }, // the lead's label contains 责任单位
  { label: '牵头责任部门', role: 'LEAD' },
  { label: '配合责任单位', role: 'COOPERATE' },
  { label: '牵头单位', role: 'LEAD' },
  { label: '牵头部门', role: 'LEAD' },
  { label: '主办单位', role: 'LEAD' },
  { label: '主责单位', role: 'LEAD' },
  { label: '责任单位', role: null },
  { label: '主要责任单位', role: null },
  { label: '责任部门', role: null },
  { label: '实施单位', role: null },
  { label: '落实单位', role: null },
  { label: '配合单位', role: 'COOPERATE' },
  { label: '配合部门', role: 'COOPERATE' },
  { label: '协办单位', role: 'COOPERATE' },
  { label: '参与单位', role: 'COOPERATE' },
  { label: '协作单位', role: 'COOPERATE' },
  { label: '协同责任单位', role: 'COOPERATE' },
  { label: '协同单位', role: 'COOPERATE' },
  { label: '部门分工', role: null }, // 部门分工：省发展改革委牵头，各地、各部门配合
  { label: '责任分工', role: null },
  { label: '分工负责单位', role: 'SHARED' }, // 按职责分工负责 — the column `dutygraph export` writes for SHARED
  { label: '督办单位', role: 'SUPERVISE' },
  { label: '督促落实单位', role: 'SUPERVISE' },
];
const LABELS = FIELD_LABELS.map((f) => f.label)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** a label with its colon, anywhere in a clause */
export const FIELD_LABEL = new RegExp(`(${LABELS})\\s*[:：]`, 'g');
export const FIELD_ROLE = new Map(FIELD_LABELS.map((f) => [f.label, f.role]));

/** 责任单位：… — the line that lists a task's units */
export const RESPONSIBILITY_LINE = new RegExp(`^(${LABELS})\\s*[:：]`);

/** a line that starts something new: never the continuation of a broken sentence */
export const ITEM_START = new RegExp(
  [...NUMBERING.map((n) => n.re.source), '^专栏', RESPONSIBILITY_LINE.source, '^\\|?\\s*序\\s*号', '^\\|?\\s*\\d{1,3}(?:\\s+|\\s*\\|)\\S'].join('|'),
);

/** a box of examples inside a plan (专栏 2 …): its numbered lines are not tasks */
export const BOX_START = /^专栏\s*\d*/;

export function isTerminal(line: string): boolean {
  return /[。；;！!？?：:）)】]$/.test(line) || /[。！？][”’」]$/.test(line);
}

/**
 * A convention declared once for every later clause (排在第一位的部门为牵头部门，下同): the first
 * unit of a clause that names no lead is the lead, the others share.
 */
export const FIRST_IS_LEAD =
  /(?:排在第一位|排第一位|排在首位|列第一位|列在第一位|列在首位|列于首位|排名第一位?|排序第一|第一个|第一位|首位)(?:的|者)?(?:部门|单位|责任单位)?(?:为|是)(?:牵头|主办|牵头责任)(?:部门|单位)(?:[，,、]?(?:下同|以下同|全文同))?/;

/** X会同Y: X leads and Y cooperates (由X会同Y负责) */
export const TOGETHER_WITH = '会同';

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
  { word: '分别牵头', role: 'LEAD' },
  { word: '牵头抓总', role: 'LEAD' },
  { word: '主办', role: 'LEAD' }, // 主办 — runs it, with 协办 units assisting
  { word: '协办', role: 'COOPERATE' },
  { word: '配合实施', role: 'COOPERATE' },
  { word: '参加', role: 'COOPERATE' },
  { word: '根据职责分工负责', role: 'SHARED' },
  { word: '按各自职责负责', role: 'SHARED' },
  { word: '按职能负责', role: 'SHARED' },
  { word: '具体承办', role: 'RESPONSIBLE' },
  { word: '承办', role: 'RESPONSIBLE' },
  { word: '牵头', role: 'LEAD' },
  { word: '配合', role: 'COOPERATE' },
  { word: '协助', role: 'COOPERATE' },
  { word: '参与', role: 'COOPERATE' },
  { word: '负责', role: 'RESPONSIBLE_OR_SHARED' },
];

/** phrases that say a unit acts on a task in its own way, not in one of the roles */
export const OTHER_ROLE_PHRASES = ['结合实际落实', '结合实际抓好落实', '抓好落实', '贯彻落实', '组织实施', '落实', '指导'];

/**
 * Duties a document declares once for the items after it. `units` and `role` name the groups of
 * the match; a row without a role group gives `role` and `phrase` itself; `here` also binds the
 * declaring item (下同: "the same here and below").
 */
export const IMPLIED_DECLARATIONS: { re: RegExp; role?: Role; phrase?: string; here?: boolean }[] = [
  // 以下均需市、县人民政府负责，不再一一列出
  { re: /(?<=^|[，,；;])以下(?:各项)?(?:任务|工作|事项)?(?:均需|均由|均要|都需|均应|均请)(.+?)(负责|落实|牵头)/ },
  // 具体任务均涉及相关市（州）人民政府，不再做分工，下同
  { re: /(?<=^|[，,；;。])(?:具体任务|各项任务|相关任务)?均涉及(.+?)[，,]不再(?:做|作)?分工/, role: 'OTHER', phrase: '均涉及', here: true },
];

/** open-ended lists: X、Y等部门 */
export const OPEN_ENDED = /等(?:国务院|国家|中央|省|市|县|区|省直|市直|县直|区直)?(?:有关|相关|其他)?(?:部门|单位|机构)?$/;

/** full-width forms used in paths and normalised names */
export function toFullWidthPunct(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，').replace(/:/g, '：').replace(/;/g, '；');
}
