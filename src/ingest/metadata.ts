import type { DocumentKind, DocumentMeta } from './types.js';
import type { Paragraph } from './paragraphs.js';
import type { DivisionIndex } from '../modules/jurisdiction/divisions.js';

const NUMBER = /[\u4e00-\u9fa5]{1,10}[〔[［(（]\d{4}[〕\]］)）]\d{1,4}号/;
// the issuing body heads the title: 国务院关于…, 应急管理部 财政部关于…, 中共中央办公厅 国务院办公厅印发…
const ISSUER = /^(.*?(?:人民政府|办公室|办公厅|委员会|厅|局|委|办|政府|指挥部|国务院|部|署|总局|安委会|安委办|中共中央|中央))(?=关于|印发|转发|\d{4}年)/;
const DATE_CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** the date if it is one of the calendar (a misprinted 2月30日 is no date to keep) */
function calendarDate(iso: string): string | null {
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(iso) ? iso : null;
}

/** title, number, issuer, date and kind, read from the document's own header and signature (its place is read by placeDocument) */
export function readMetadata(text: string, paragraphs: Paragraph[], divisions: DivisionIndex): Omit<DocumentMeta, 'jurisdiction' | 'jurisdictionEvidence' | 'jurisdictionRefused'> {
  // paragraphs, not raw lines: a copy run together on one line still has a header
  // a government site's catalogue card gives the title after 标题：
  const lines = paragraphs.map((p) => p.text.replace(/^标\s*题\s*[:：]\s*/, ''));
  const head = lines.slice(0, 15);
  // the document's own number stands alone on its line, under a 发文字号 label, or in brackets after
  // the title; one inside a sentence (根据国发〔2020〕6号…) is another document's
  const number = head.map(ownNumber).find(Boolean) ?? null;

  let title = '';
  let issuer: string | null = null;
  const about = head.findIndex((l) => /关于/.test(l) && !NUMBER.test(l) && l.length < 120);
  let titleLine = '';
  if (about >= 0) {
    titleLine = spaced(lines[about]);
    const prev = compact(lines[about - 1] ?? '');
    // a title broken over lines: 国务院关于推动内蒙古高质量发展 / 奋力书写中国式现代化新篇章的意见
    const next = compact(lines[about + 1] ?? '');
    if (!TITLE_END.test(compact(titleLine)) && TITLE_END.test(next) && next.length <= 40 && !NUMBER.test(next)) titleLine += next;
    if (/^关于/.test(titleLine) && /^[\u4e00-\u9fa5]{4,30}$/.test(prev) && !/文件$/.test(prev)) {
      title = prev + compact(titleLine);
      issuer = prev;
    } else {
      title = compact(titleLine);
    }
  } else {
    // a first paragraph that runs on is no title: its first sentence, at most 100 characters
    title = compact(lines[0] ?? '');
    if (title.length > 100) title = (/^[^。！？!?]{1,100}/.exec(title)?.[0] ?? title).slice(0, 100);
  }
  // joint issuers keep the space between them: 中共中央办公厅 国务院办公厅; an issuer is a name, never a clause
  issuer ??= ISSUER.exec(titleLine)?.[1] ?? ISSUER.exec(title)?.[1] ?? null;
  if (issuer && (issuer.length > 40 || /[，,。；;：:、《》]/.test(issuer))) issuer = null;
  // a site's name run into the title (法搜网--中国法律信息搜索网苏州市人民政府关于…): the issuer starts at its place
  const from = issuer ? issuerStart(issuer, divisions) : 0;
  if (issuer && from > 0) {
    title = title.slice(title.indexOf(issuer.slice(from).replace(/\s+/g, '')));
    issuer = issuer.slice(from);
  }

  let date: string | null = null;
  const published = /发布日期[:：]\s*(\d{4}-\d{2}-\d{2})/.exec(text);
  if (published) date = calendarDate(published[1]);
  else {
    for (const l of lines) {
      const m = DATE_CN.exec(l.trim());
      if (m) {
        date = calendarDate(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
        break;
      }
    }
  }
  const yearInTitle = /(\d{4})\s*年/.exec(title);
  const year = date ? Number(date.slice(0, 4)) : yearInTitle ? Number(yearInTitle[1]) : null;

  return { title, number, issuer, date, year, kind: documentKind(title, text) };
}

function ownNumber(line: string): string | undefined {
  const m = NUMBER.exec(line);
  if (!m) return undefined;
  const rest = (line.slice(0, m.index) + '\u0000' + line.slice(m.index + m[0].length)).replace(/\s+/g, '');
  const alone = /^(发文字号|文号|字号)?[:：]?[（(【\[]?\u0000[)）】\]]?$/.test(rest);
  // after a title (…的通知(苏府〔2011〕57号)), but not after a cited one (…意见》(国发〔2020〕6号))
  const afterTitle = /(通知|意见|方案|决定|规划|办法|计划|措施|要点|细则|清单|报告|批复|函)[（(【\[]\u0000[)）】\]]/.test(rest);
  return alone || afterTitle ? m[0] : undefined;
}

const CENTRE = /国务院|中共中央|中央|全国|国家|中华人民共和国/;

/** where an issuer's own name starts: at its place or at the central body, after anything run into it */
function issuerStart(issuer: string, divisions: DivisionIndex): number {
  const centre = CENTRE.exec(issuer)?.index ?? Infinity;
  for (let at = 0; at < Math.min(issuer.length, centre); at++) if (divisions.placeAt(issuer, at)) return at;
  return Number.isFinite(centre) ? centre : 0;
}

const TITLE_END = /(通知|意见|方案|决定|规划|办法|计划|措施|要点|报告|批复|函|纪要|清单)$/;

function spaced(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

function documentKind(title: string, text: string): DocumentKind {
  if (/落实情况|进展情况|完成情况|工作总结/.test(title)) return 'PROGRESS_REPORT';
  if (/印发《?[^》]*?(方案|规划|计划|清单)》?的通知$/.test(title) || /(方案|规划|计划)$/.test(title)) return 'PLAN';
  if (/(通知|意见|决定|通报|措施|要点|办法)$/.test(title)) return 'NOTICE';
  if (/发布日期|解读|新闻|会议召开/.test(text.slice(0, 400))) return 'NEWS';
  return 'OTHER';
}
