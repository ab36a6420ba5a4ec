// A page saved from a government website: the article found by Mozilla's Readability (the
// extractor behind Firefox's reader view) over linkedom's DOM; whatever else the page shows —
// navigation, share buttons, related links, the site's footer — is kept as recorded noise.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToLines } from './html-lines.js';
import { type ReaderOutput, type RemovedText, versioned } from './reader.js';

// the heading of a work document: it ends in the kind of document it is
const DOCUMENT_TITLE = /(通知|意见|方案|决定|规划|办法|报告|要点|清单|计划|细则|措施|纲要|批复|函)$/;

// a header cell that says a table is a 任务分工表 (and not the page's layout)
const TASK_TABLE_HEADER = /^(序号|牵头(责任)?(单位|部门)|责任(单位|部门)|配合(单位|部门)|协办单位|主办单位|完成时限|完成时间|时间节点)$/;

export function htmlText(html: string): ReaderOutput {
  const { document } = parseHTML(html);
  const pageLines = htmlToLines(document.body?.innerHTML ?? html).split('\n').filter(Boolean);
  // Readability reshapes tables it takes for layout, a 任务分工表's cells then stand on lines of their
  // own: each such table becomes its | rows | before the article is looked for
  for (const table of [...document.querySelectorAll('table')]) {
    if (table.querySelector('table')) continue;
    const cells = [...table.querySelectorAll('td, th')].map((c) => (c.textContent ?? '').replace(/\s+/g, ''));
    if (!cells.some((c) => TASK_TABLE_HEADER.test(c))) continue;
    const rows = document.createElement('div');
    for (const line of htmlToLines(table.outerHTML).split('\n').filter(Boolean)) {
      const p = document.createElement('p');
      p.textContent = line;
      rows.appendChild(p);
    }
    table.replaceWith(rows);
  }
  const allHeadings = [...document.querySelectorAll('h1, h2, h3')].map((h) => (h.textContent ?? '').replace(/\s+/g, ''));
  const headings = allHeadings.filter((h) => DOCUMENT_TITLE.test(h));
  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  if (!article?.content) return { text: pageLines.join('\n'), removed: [], reader: `${versioned('linkedom')} (no article found: the whole page)` };
  let lines = htmlToLines(article.content).split('\n').filter(Boolean);
  const body = lines.join('');
  // Readability takes the heading it chose as the article's title out of the text: here it is the
  // document's title, or its first heading — put back
  const chosen = (article.title ?? '').replace(/\s+/g, '');
  const missing = headings.find((h) => !body.includes(h)) ?? (allHeadings.includes(chosen) && !body.includes(chosen) ? chosen : undefined);
  if (missing) lines = [missing, ...lines];
  // above the document's heading, an article holds the site's tools (search, print, font size) and
  // its index card (索引号 | … | 文号 | …): the document's own number and issuer stand below it
  const at = headings.length ? lines.findIndex((l) => headings.includes(l.replace(/\s+/g, ''))) : -1;
  if (at > 0) lines = lines.slice(at);

  const kept = new Set(lines);
  const first = pageLines.findIndex((l) => kept.has(l));
  const removed: RemovedText[] = [];
  const before: string[] = [];
  const after: string[] = [];
  pageLines.forEach((line, i) => {
    if (!kept.has(line)) (i < first ? before : after).push(line);
  });
  const text = lines.join('\n');
  for (const line of before) removed.push({ kind: 'NAVIGATION', text: line, rawStart: 0, reason: 'web page around the article (navigation, banner, share buttons)' });
  for (const line of after) removed.push({ kind: 'NAVIGATION', text: line, rawStart: text.length, reason: 'web page after the article (related links, site footer)' });
  return { text, removed, reader: `${versioned('@mozilla/readability')} over ${versioned('linkedom')}` };
}
