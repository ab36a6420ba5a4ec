// The paragraphs of a cleaned text: its lines, cut further where a web copy ran paragraphs together.
// The text itself is never changed, so every span still indexes into it.
import { FIELD_LABEL, FIELD_ROLE, NUMBERING, type NumberingStyle } from './lexicon.js';
import { readTableHeader } from './table-rows.js';

export interface Paragraph {
  text: string;
  /** offset of its first character in the cleaned text */
  start: number;
}

// a line this long, or a document of one or two lines, is a run-together copy: its header,
// signature and label lines are cut apart too
const RUN_ON = 200;
const FEW_LINES = 2;
const HEADER_ZONE = 400;
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,10}[〔[［(（]\d{4}[〕\]］)）]\d{1,4}号/g;
const TITLE_END = /(?:通知|意见|方案|决定|规划|办法|计划|措施|要点|细则|清单|通报|报告|批复|纪要)(?=[\u4e00-\u9fa5]{1,10}[〔[［(（]\d{4}|各|为|根据|按照|现将|经|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/g;
const ADDRESSEES = /各[^：:。；;，,]{1,30}[，,、][^：:。]{0,120}?[：:]/g;
// …严肃问责。国务院办公厅2016年4月6日: a body's name, then a date that is no deadline (…日前, …日起)
const SIGNED = /(?<=[。！？!?])([^。！？，,；;：:（）()《》“”]{2,30}?(?:政府|办公厅|办公室|委员会|厅|局|委|办|部|署|院|中心|指挥部))(\d{4}年\d{1,2}月\d{1,2}日)(?!前|以前|之前|起|开始|至|到|后|止)/g;
const PUBLISHED = /[（(]此件公开发布[)）]/g;
// a date glued to what precedes it, right before 此件公开发布 or the end: a notice's date
const DATED = /(?:\d{4}年\d{1,2}月\d{1,2}日|[一二三四五六七八九〇○零]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)(?=\s*(?:[（(]此件公开发布|$))/g;
const FILE_NAME_AT_START = /^[^。！？\n]{2,120}?\.(?:docx?|wps|pdf|xlsx?|txt|html?)(?=\S)/i;
const ITEM_FIELD = /(?:工作计划|工作目标|完成情况|进展情况|推进情况|工作措施|具体措施|主要措施|时间安排|完成时限|时间节点|工作要求)[:：]/g;
const PUBLISHED_ALONE = /^[（(]此件公开发布[)）]$/;
const NOTICE_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
// the labels of a government site's catalogue card (索引号, 发文字号 …): each starts a paragraph in a run-together copy
// a row of a table with bars: | 12 | … |
const TABLE_ROW = /^\|\s*\d{1,3}\s*\|.*\|\s*$/;
const CATALOGUE = /(?:索\s*引\s*号|主题分类|发文机关|成文日期|标\s*题|发文字号|发布日期|时\s*效)\s*[:：]/g;

/** every paragraph of the text, in order */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const numbering = new NumberingState();
  let at = 0;
  const lines = text.split('\n');
  const isRunOn = (line: string) => line.length >= RUN_ON || (lines.length <= FEW_LINES && line.length >= 60);
  // under a table's header with bars (a spreadsheet, a Word table), a row is its cells: a long one is
  // no run-together copy, and the label its task cell starts with ((一)…) is no item of its own
  let barredTable = false;
  for (const line of lines) {
    if (line.startsWith('|') && readTableHeader(line)) barredTable = true;
    if (barredTable && TABLE_ROW.test(line)) {
      out.push({ text: line, start: at });
      at += line.length + 1;
      continue;
    }
    const runOn = isRunOn(line);
    const cuts = new Set<number>([0]);
    if (runOn) for (const c of runOnCuts(line)) cuts.add(c);
    const sorted = [...cuts].sort((a, b) => a - b);
    sorted.forEach((c, i) => {
      const piece = line.slice(c, i + 1 < sorted.length ? sorted[i + 1] : line.length);
      // a covering notice ends at its date: the plan it issues numbers from 一 again
      if (NOTICE_DATE.test(piece.trim()) || PUBLISHED_ALONE.test(piece.trim())) numbering.reset();
      for (const p of splitAtInlineItems(piece, at + c, numbering, runOn)) if (p.text) out.push(p);
    });
    if (!line) out.push({ text: '', start: at });
    at += line.length + 1;
  }
  return out;
}

/** where a run-together line starts its title's number, its addressees, a label line, a signature */
function runOnCuts(line: string): number[] {
  const cuts: number[] = [];
  const depth = bracketDepths(line);
  const head = line.slice(0, HEADER_ZONE);
  for (const m of head.matchAll(DOC_NUMBER)) if (depth[m.index!] === 0) cuts.push(m.index!, m.index! + m[0].length);
  for (const m of head.matchAll(TITLE_END)) cuts.push(m.index! + m[0].length);
  // 各…：the addressees, unless they are a label's list (协办单位:各市、县(区)人民政府)
  for (const m of head.matchAll(ADDRESSEES)) if (depth[m.index!] === 0 && !/[:：]\s*$/.test(head.slice(0, m.index!))) cuts.push(m.index!, m.index! + m[0].length);
  // 工作计划：, 完成情况： — the fields of an item start lines of their own
  // …but not a field that is an item's own heading: （二）进展情况：
  for (const m of line.matchAll(ITEM_FIELD)) if (depth[m.index!] === 0 && !/([）)、.．]|^)\s*(\*\*)?$/.test(line.slice(0, m.index!))) cuts.push(m.index!);
  // 牵头单位：X责任单位：Y — each label starts a line of its own, outside brackets
  for (const m of line.matchAll(FIELD_LABEL)) if (depth[m.index!] === 0 && FIELD_ROLE.get(m[1]) !== undefined) cuts.push(m.index!);
  for (const m of line.matchAll(SIGNED)) cuts.push(m.index!, m.index! + m[1].length, m.index! + m[0].length);
  for (const m of line.matchAll(PUBLISHED)) cuts.push(m.index!, m.index! + m[0].length);
  for (const m of line.matchAll(DATED)) cuts.push(m.index!, m.index! + m[0].length);
  for (const m of head.matchAll(CATALOGUE)) cuts.push(m.index!);
  // 17.内蒙古自治区…政策清单.docx: the name of the file the text was copied from
  const file = FILE_NAME_AT_START.exec(line);
  if (file) cuts.push(file[0].length);
  // a 任务分工表 run together: its header, then rows 1 … 2 … numbered in sequence
  const header = /序\s*号/.exec(line);
  // the first row's number: 1, or wherever an excerpt of a longer table starts (80 | …)
  const firstRow = header ? /(?<![\d.％%])(\d{1,3})(?=\s|\|)/.exec(line.slice(header.index)) : null;
  const headerText = header ? line.slice(header.index, firstRow ? header.index + firstRow.index : line.length).replace(/[\s|]+$/, '') : '';
  if (header && readTableHeader(headerText)) {
    cuts.push(header.index);
    let next = firstRow ? Number(firstRow[1]) : 1;
    for (const m of line.slice(header.index).matchAll(/(?<![\d.％%])(\d{1,3})(?=\s|\|)/g)) {
      if (Number(m[1]) !== next) continue;
      cuts.push(header.index + m.index!);
      next++;
    }
  }
  return cuts.filter((c) => c > 0 && c < line.length);
}

function bracketDepths(s: string): number[] {
  const out: number[] = [];
  let d = 0;
  for (const c of s) {
    if ('（(〔【《[［'.includes(c)) d++;
    out.push(d);
    if ('）)〕】》]］'.includes(c) && d > 0) d--;
  }
  return out;
}

/** the numbering label a paragraph starts with, if any */
export function matchNumbering(line: string): { style: NumberingStyle; label: string } | null {
  for (const n of NUMBERING) {
    const m = n.re.exec(line);
    if (m) return { style: n.style, label: m[0].trimEnd() };
  }
  return null;
}

const INLINE_LABEL =
  /(?:第[一二三四五六七八九十]+(?:章|部分|篇)|\d{1,3}[.．](?=\d{3})|[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|第[一二三四五六七八九十]+条|\d{1,3}\s*[．.、。﹒](?!\d)|[（(]\s*\d{1,2}\s*[)）]|\d{1,2}[)）](?=\S)|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/g;

/**
 * Web copies run items together on one line (…工作。（一）加强… 1．及时…（财政部牵头）2．简化…):
 * a line is cut where a numbered label stands inside it, when the label is the next one in its
 * numbering (or a first one under an item that just started). Arabic and circled labels need
 * punctuation before them, unless the line is a run-together copy and the label continues its
 * numbering (…全区经济运行各专班2.规模上工业…).
 */
function splitAtInlineItems(line: string, start: number, numbering: NumberingState, runOn: boolean): Paragraph[] {
  const cuts = [0];
  const first = matchNumbering(line);
  if (first) numbering.see(first);
  for (const m of line.matchAll(INLINE_LABEL)) {
    const at = m.index!;
    if (at === 0) continue;
    const label = matchNumbering(line.slice(at)) ?? decimalLooking(line.slice(at), (n) => numbering.isNext('arabic', n));
    if (!label || label.style === 'dash' || label.style === 'ordinal') continue;
    // 一、二级: an enumeration of numerals, not an item
    if (/^[一二三四五六七八九十]+[、．.][一二三四五六七八九十]/.test(line.slice(at))) continue;
    const before = line.slice(0, at).trimEnd();
    const afterPunctuation = /[。；;！!？?：:）)」”】]$/.test(before);
    const strict = label.style === 'arabic' || label.style === 'paren-arabic' || label.style === 'arabic-paren' || label.style === 'circled';
    // run together, a 2 continues its numbering, and a 1 opens a level under a short heading
    // (…法规规章1.加快…, …办公厅。分工方案1、向全省…)
    const n = numberOf(label.label) ?? 0;
    const sinceSentence = before.length - Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf('：'), -1) - 1;
    const continues = runOn && (n >= 2 || (n === 1 && (at - cuts[cuts.length - 1] <= 40 || sinceSentence <= 20)));
    // the first chapter of a run-together copy follows its title or preamble directly (…分解方案一、经济…)
    const opens = runOn && n === 1 && !strict;
    if ((strict && !afterPunctuation && !continues) || !numbering.fits(label, afterPunctuation || opens || continues, runOn, sinceSentence <= 20)) continue;
    numbering.see(label);
    cuts.push(at);
  }
  return cuts.map((c, i) => ({ text: line.slice(c, i + 1 < cuts.length ? cuts[i + 1] : line.length).trimEnd(), start: start + c }));
}

/**
 * 11.121人才梯队项目 right after item 10: a label, though it reads like a decimal. A name that
 * starts with a figure (121人才…) has three digits or more; a decimal (3.2亿) fewer.
 */
export function decimalLooking(text: string, isNext: (n: number) => boolean): { style: NumberingStyle; label: string } | null {
  const m = /^(\d{1,3})[.．](?=\d{3,}[^\d%％‰.．万亿])/.exec(text);
  return m && isNext(Number(m[1])) ? { style: 'arabic', label: m[0] } : null;
}

/** the last number seen in each numbering style, in reading order */
export class NumberingState {
  private readonly last = new Map<string, number>();
  private lastStyle: string | null = null;

  see(label: { style: NumberingStyle; label: string }): void {
    const n = numberOf(label.label);
    if (n === null) return;
    this.last.set(label.style, n);
    this.lastStyle = label.style;
  }

  /** n is the number that follows the last one seen of this style */
  isNext(style: NumberingStyle, n: number): boolean {
    const last = this.last.get(style);
    return last !== undefined && last === n - 1;
  }

  /** a new list starts: nothing seen yet */
  reset(): void {
    this.last.clear();
    this.lastStyle = null;
  }

  /**
   * The next number of its style, or a 1 that opens a level under the item before. Run together,
   * a list may skip (…10 … 12, or numbers kept from a longer list: 5, 7, 17): after the end of a
   * sentence any higher number counts, elsewhere one lost label at most; and a chapter 七、 that
   * follows a sentence is one even when the copy starts in the middle of the list.
   */
  fits(label: { style: NumberingStyle; label: string }, afterPunctuation: boolean, runOn = false, afterHeading = false): boolean {
    const n = numberOf(label.label);
    if (n === null) return false;
    if (n === 1) return this.lastStyle !== label.style && (afterPunctuation || this.lastStyle !== null);
    const last = this.last.get(label.style);
    if (last === n - 1) return true;
    if (!runOn) return false;
    // the first of its style seen: at the start of a sentence or after a short heading
    // (一、目标分解5.城镇…, 。(2)教…), or a chapter after any closing mark; never a stray 25） inside one
    if (last === undefined) return afterHeading || (afterPunctuation && ['part', 'chapter', 'paren-cn', 'article'].includes(label.style));
    if (afterPunctuation && n > last) return true;
    return n >= 3 && last === n - 2;
  }
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1 from 1．, 3 from （三）, 21 from 二十一、, 5 from ⑤ */
export function numberOf(label: string): number | null {
  const arabic = /\d{1,3}/.exec(label);
  if (arabic) return Number(arabic[0]);
  const circled = /[①-⑳]/.exec(label);
  if (circled) return circled[0].charCodeAt(0) - 0x2460 + 1;
  const cn = /[一二三四五六七八九十百]+/.exec(label)?.[0];
  if (!cn) return null;
  const ten = cn.indexOf('十');
  if (ten < 0) return cn.length === 1 ? (CN_DIGIT[cn] ?? null) : null;
  const tens = ten === 0 ? 1 : (CN_DIGIT[cn[ten - 1]] ?? 0);
  const units = cn.length > ten + 1 ? (CN_DIGIT[cn[ten + 1]] ?? 0) : 0;
  return tens * 10 + units;
}
