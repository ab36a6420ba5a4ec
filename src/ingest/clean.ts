import type { Noise } from './types.js';
import type { ConfidenceRange, RemovedText } from './formats/reader.js';
import { append } from './arrays.js';
import { ITEM_START, isTerminal } from './lexicon.js';

/** what a format's reader knows of the text it produced, at offsets in that text */
export interface ReaderLayout {
  /** what the reader left out (page headers, web navigation) */
  removed?: RemovedText[];
  /** where pages 2, 3 … start */
  pageStarts?: number[];
  /** OCR confidence of each line */
  confidence?: ConfidenceRange[];
}

export interface CleanResult {
  text: string;
  noise: Noise[];
  /** the reader's page starts, as offsets in the cleaned text */
  pageStarts: number[];
  /** the reader's confidence ranges, as offsets in the cleaned text */
  confidence: ConfidenceRange[];
}

interface Line {
  text: string;
  /** raw offset of each character of `text` */
  raw: number[];
  heading: boolean;
  /** blank lines stood between this line and the previous one */
  afterBlank: boolean;
  /** where it starts in the cleaned text, once joined */
  cleanStart?: number;
}

// a scraped page's banner: "站名(中国)官方网站|口号"
const BANNER = /^(.{2,12}?)(?:[(（]中国[)）])?(?:官方网站|官网)\s*[|｜].*$/;
const FOOTER = /(欢迎联系|点击QQ咨询|在线咨询|扫码咨询)/;
const IMAGE_CAPTION = /[(（]图\s*\d+[)）]/g;
const PAGE_COUNTER = /浏览次数[:：]\s*\d*/g;
// — 2 —, - 12 -, 第1页共6页: page numbers of a converted PDF or a paged web copy
const PAGE_NUMBER_LINE = /^([—－\-–]{1,2}\s*\d{1,3}\s*[—－\-–]{1,2}|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?)$/;
const PAGE_NUMBER_INLINE = /第\d+页共\d+页/g;
const DOC_NUMBER_LINE = /^[\u4e00-\u9fa5]{1,10}[〔[［(（]\d{4}[〕\]］)）]\d{1,4}号$/;
const TITLE_END = /(通知|意见|方案|决定|规划|办法|报告|批复|函|纪要|情况)$/;
const LATEX_INLINE = /\$([^$\n]{1,40})\$/g;

/**
 * Turns a converted or scraped text into the official text: one paragraph per line,
 * page breaks inside sentences repaired, markup and advertising removed — every removal
 * recorded with where it was and why.
 */
export function cleanText(input: string, layout: ReaderLayout = {}): CleanResult {
  const rawText = input.replace(/^\uFEFF/, '');
  const noise: Noise[] = [];
  const pending: Omit<Noise, 'cleanOffset'>[][] = [];
  const lines: Line[] = [];
  let siteName: string | null = null;
  // whole lines removed: placed at the start of the next kept line
  let carry: Omit<Noise, 'cleanOffset'>[] = [];
  let blank = false;
  let offset = 0;

  for (const rawLine of rawText.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    // offsets are in UTF-16 units, as JavaScript strings and the stored spans are
    const chars = rawLine.replace(/\r$/, '').split('').map((c, i) => ({ c, at: lineStart + i }));
    const removed: Omit<Noise, 'cleanOffset'>[] = [];
    let kept = chars;
    const drop = (re: RegExp, kind: Noise['kind'], reason: string, keepGroup = false) => {
      const s = kept.map((k) => k.c).join('');
      const out: typeof kept = [];
      let last = 0;
      for (const m of s.matchAll(re)) {
        const start = m.index!;
        append(out, kept.slice(last, start));
        if (keepGroup && m[1] !== undefined) {
          const inner = start + m[0].indexOf(m[1]);
          append(out, kept.slice(inner, inner + m[1].length));
          removed.push({ kind, text: m[0].replace(m[1], ''), rawStart: kept[start].at, reason });
        } else {
          removed.push({ kind, text: m[0], rawStart: kept[start].at, reason });
        }
        last = start + m[0].length;
      }
      append(out, kept.slice(last));
      kept = out;
    };

    const plain = chars.map((k) => k.c).join('').trim();
    if (plain === '') {
      blank = true;
      continue;
    }
    if (/^-{3,}$|^\*{3,}$/.test(plain)) {
      carry.push({ kind: 'MARKUP', text: plain, rawStart: lineStart, reason: 'horizontal rule from the document conversion' });
      blank = true;
      continue;
    }
    const banner = lines.length === 0 ? BANNER.exec(plain) : null;
    if (banner) {
      siteName = banner[1].trim();
      carry.push({ kind: 'ADVERTISING', text: plain, rawStart: lineStart, reason: `banner of the site the copy was scraped from (${siteName})` });
      blank = true;
      continue;
    }
    if (FOOTER.test(plain) || (siteName && plain.includes(siteName) && /平台|顾问|咨询|官网/.test(plain))) {
      carry.push({ kind: 'ADVERTISING', text: plain, rawStart: lineStart, reason: 'sales footer of the site the copy was scraped from' });
      blank = true;
      continue;
    }

    if (PAGE_NUMBER_LINE.test(plain)) {
      carry.push({ kind: 'PAGE_BREAK', text: plain, rawStart: lineStart, reason: 'page number of a converted PDF or a paged web copy' });
      continue;
    }
    if (/^.{0,40}[(（]图\s*\d+[)）]$/.test(plain)) {
      carry.push({ kind: 'IMAGE_CAPTION', text: plain, rawStart: lineStart, reason: 'caption of an image that is not part of the text' });
      blank = true;
      continue;
    }
    const heading = /^\s*#{1,6}\s/.test(plain);
    drop(/^\s*#{1,6}\s*/g, 'MARKUP', 'markdown heading marker from the PDF conversion');
    drop(/^\s*[-*]\s+(?=\S)/g, 'MARKUP', 'markdown list bullet from the PDF conversion');
    drop(/\*\*/g, 'MARKUP', 'markdown bold marker from the PDF conversion');
    drop(LATEX_INLINE, 'MARKUP', 'inline formula delimiters from the PDF conversion', true);
    drop(IMAGE_CAPTION, 'IMAGE_CAPTION', 'caption of an image that is not part of the text');
    drop(PAGE_COUNTER, 'ADVERTISING', 'page-view counter of the web page');
    drop(PAGE_NUMBER_INLINE, 'PAGE_BREAK', 'page number of a paged web copy');
    if (siteName) drop(new RegExp(escapeRegExp(siteName), 'g'), 'ADVERTISING', `name of the scraping site (${siteName}) injected into the text`);
    // leading/trailing spaces (indentation, markdown hard breaks) carry no meaning
    while (kept.length && /\s/.test(kept[0].c)) kept = kept.slice(1);
    while (kept.length && /\s/.test(kept[kept.length - 1].c)) kept = kept.slice(0, -1);
    if (kept.length === 0) {
      append(carry, removed);
      blank = true;
      continue;
    }
    lines.push({ text: kept.map((k) => k.c).join(''), raw: kept.map((k) => k.at), heading, afterBlank: blank });
    pending.push([...carry, ...removed]);
    carry = [];
    blank = false;
  }

  // join lines split by a page break or a hard wrap in the middle of a sentence
  let text = '';
  // below a table's 序号 line, lines are cells: only a list broken after 、 continues
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i > 0) {
      const prev = lines[i - 1];
      if (/^序\s*号$/.test(prev.text)) inTable = true;
      if (inTable ? /[、，,和及与]$/.test(prev.text) && !/^\d{1,3}$/.test(line.text) : continuesSentence(prev, line)) {
        noise.push({
          kind: 'PAGE_BREAK',
          text: line.afterBlank ? '\n\n' : '\n',
          rawStart: prev.raw[prev.raw.length - 1] + 1,
          cleanOffset: text.length,
          reason: 'page break or line wrap inside a sentence',
        });
      } else {
        text += '\n';
      }
    }
    for (const r of pending[i]) {
      // place each removal at the cleaned offset of the first kept character after it
      const after = line.raw.findIndex((at) => at > r.rawStart);
      noise.push({ ...r, cleanOffset: text.length + (after < 0 ? line.text.length : after) });
    }
    line.cleanStart = text.length;
    text += line.text;
  }
  append(noise, carry.map((r) => ({ ...r, cleanOffset: text.length })));
  const toClean = rawToClean(lines, text.length);
  append(noise, (layout.removed ?? []).map((r) => ({ ...r, cleanOffset: toClean(r.rawStart) })));
  noise.sort((a, b) => a.rawStart - b.rawStart);
  const pageStarts = (layout.pageStarts ?? []).map(toClean);
  const confidence = (layout.confidence ?? []).map((c) => ({ start: toClean(c.start), end: toClean(c.end), confidence: c.confidence })).filter((c) => c.end > c.start);
  return { text, noise, pageStarts, confidence };
}

/** maps an offset of the raw text to the cleaned text: where the first character kept at or after it stands */
function rawToClean(lines: Line[], length: number): (raw: number) => number {
  return (raw) => {
    let lo = 0;
    let hi = lines.length;
    // the first line whose last kept character is at or after raw
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = lines[mid].raw;
      if (r[r.length - 1] < raw) lo = mid + 1;
      else hi = mid;
    }
    if (lo === lines.length) return length;
    const r = lines[lo].raw;
    let i = 0;
    while (r[i] < raw) i++;
    return Math.min(length, lines[lo].cleanStart! + i);
  };
}

const BRACKETED_CLAUSE = /^[（(][^（()）]*(牵头|负责|责任单位|配合|协办)[^（()）]*[）)][。；;]?$/;

function continuesSentence(prev: Line, next: Line): boolean {
  if (prev.heading || next.heading) return false;
  // a bracket left open (（…按职责分工 / 负责）) is closed on the next line, across any page break
  if (unclosed(prev.text) && !ITEM_START.test(next.text)) return true;
  // a line that is nothing but a clause in brackets ends the sentence above it: a printer broke
  // the line before the bracket because the clause would not fit
  if (BRACKETED_CLAUSE.test(next.text) && !ITEM_START.test(next.text)) return true;
  if (isTerminal(prev.text)) return false;
  if (ITEM_START.test(next.text)) return false;
  // a title line, then its document number or date, are separate lines however long
  if (DOC_NUMBER_LINE.test(next.text) || /^\d{4}年\d{1,2}月\d{1,2}日/.test(next.text) || TITLE_END.test(prev.text)) return false;
  // a sentence broken by a page ends in a character of running text, not in a time or a figure
  if (!/[\u4e00-\u9fa5、，,（(“《]$/.test(prev.text)) return false;
  return prev.text.length >= 20 || /[、，,（(和及与]$/.test(prev.text) || /^责任单位/.test(prev.text);
}

/** a bracket opened and not closed on the line: its clause goes on in the next */
export function unclosed(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '（' || c === '(' || c === '〔' || c === '【') depth++;
    else if ((c === '）' || c === ')' || c === '〕' || c === '】') && depth > 0) depth--;
  }
  return depth > 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
