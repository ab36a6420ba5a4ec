// A PDF with a text layer, read by Mozilla's pdf.js: the text runs of each page become lines by
// their position, lines wrapped at the right margin become paragraphs again (across pages too),
// running headers, footers and page numbers are removed as recorded noise. A table's cells come
// out as runs of a line separated by spaces: reading a PDF table as a table (ruled cells, headers
// over two lines) is not done yet.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { ITEM_START, NUMBERING } from '../lexicon.js';
import { unclosed } from '../clean.js';
import { findRuledTables, insideTable, joinCellLines, joinRuns, type PositionedRun, tableRows } from './pdf-tables.js';
import { type ReaderOutput, type RemovedText, versioned } from './reader.js';
import { loadPdfJs } from './pdfjs.js';

export const PDF_MAX_PAGES = 1000;
/** reading stops (with a clear error) when the pages take longer than this in all */
export const PDF_MAX_SECONDS = 120;

export class PdfError extends Error {}

const require = createRequire(import.meta.url);
const PDFJS = dirname(dirname(dirname(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'))));

interface Run {
  text: string;
  x0: number;
  x1: number;
}

interface Line {
  text: string;
  runs: Run[];
  x0: number;
  x1: number;
  y: number;
  /** font size: a character's width in Chinese text */
  size: number;
  /** a ruled table standing here instead of a line: its rows of cells */
  rows?: string[][];
}

interface Page {
  lines: Line[];
  /** where the body's lines start and end, read from the page itself */
  left: number;
  right: number;
}

export interface PdfOutput extends ReaderOutput {
  pages: number;
  /** pages with no text layer: a scan, for OCR */
  scanned: boolean;
}

/** the text layer of a PDF, as paragraphs, with its page starts and what was removed */
export async function pdfText(bytes: Buffer, deadline = Date.now() + PDF_MAX_SECONDS * 1000): Promise<PdfOutput> {
  const { getDocument } = await loadPdfJs();
  let pdf: PDFDocumentProxy;
  try {
    pdf = await getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: join(PDFJS, 'cmaps') + '/',
      cMapPacked: true,
      standardFontDataUrl: join(PDFJS, 'standard_fonts') + '/',
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const e = error as Error;
    throw new PdfError(e.name === 'PasswordException' ? 'the PDF is protected by a password' : `not a readable PDF (${e.message})`);
  }
  try {
    if (pdf.numPages > PDF_MAX_PAGES) throw new PdfError(`${pdf.numPages} pages is more than the limit of ${PDF_MAX_PAGES}`);
    const pages: Page[] = [];
    let characters = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      if (Date.now() > deadline) throw new PdfError(`reading its pages took longer than ${PDF_MAX_SECONDS} s (stopped at page ${n} of ${pdf.numPages})`);
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs = positioned(content.items.filter((i): i is TextItem => 'str' in i));
      const tables = await findRuledTables(page);
      const tableOf = (r: PositionedRun) => tables.find((t) => insideTable(t, (r.x0 + r.x1) / 2, r.y + r.size * 0.3));
      const lines = toLines(runs.filter((r) => !tableOf(r)));
      // a ruled table stands where its top edge is, as a block of rows
      for (const table of tables) {
        const rows = tableRows(table, runs.filter((r) => tableOf(r) === table));
        if (rows.length) lines.push({ text: '', runs: [], x0: table.xs[0], x1: table.xs[table.xs.length - 1], y: table.ys[0], size: 0, rows });
      }
      lines.sort((a, b) => b.y - a.y);
      characters += lines.reduce((sum, l) => sum + l.text.length + (l.rows?.flat().join('').length ?? 0), 0);
      pages.push(withMargins(lines));
      page.cleanup();
    }
    // a scan carries no text, or only a few characters per page (a stamp, a page number)
    if (characters < 20 * pdf.numPages) return { text: '', removed: [], reader: versioned('pdfjs-dist'), pages: pdf.numPages, scanned: true };
    return { ...layOut(pages), reader: versioned('pdfjs-dist'), pages: pdf.numPages, scanned: false };
  } finally {
    await pdf.destroy();
  }
}

/** the page's text runs where they stand; a run of spaces is kept, as the space it is */
function positioned(items: TextItem[]): PositionedRun[] {
  return items
    .filter((i) => i.str.trim() || (i.str && i.width > 0))
    .map((i) => ({ text: i.str, x0: i.transform[4], x1: i.transform[4] + i.width, y: i.transform[5], size: Math.hypot(i.transform[2], i.transform[3]) || i.height || 10 }));
}

/** text runs into lines: runs whose baselines agree are one line, read left to right */
function toLines(unordered: PositionedRun[]): Line[] {
  const runs = [...unordered].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: (Line & { all: typeof runs })[] = [];
  for (const run of runs) {
    const line = lines.find((l) => Math.abs(l.y - run.y) < Math.min(l.size, run.size) * 0.45);
    if (line) line.all.push(run);
    else if (run.text.trim())
      lines.push({ text: '', runs: [], x0: 0, x1: 0, y: run.y, size: run.size, all: [run] });
  }
  return lines
    .map(({ all, ...line }) => {
      all.sort((a, b) => a.x0 - b.x0);
      const size = Math.max(...all.map((r) => r.size));
      // runs far apart are cells of a table row (or the columns of a layout)
      const groups: PositionedRun[][] = [];
      let right = -Infinity;
      for (const r of all) {
        if (r.text.trim() && r.x0 - right >= size * 1.5) groups.push([]);
        if (groups.length) groups[groups.length - 1].push(r);
        if (r.text.trim()) right = Math.max(right, r.x1);
      }
      const cells: Run[] = groups.map((g, i) => {
        const text = g.filter((r) => r.text.trim());
        return { text: joinRuns(g, i === 0), x0: text[0].x0, x1: Math.max(...text.map((r) => r.x1)) };
      });
      return { ...line, size, runs: cells, x0: cells[0].x0, x1: cells[cells.length - 1].x1, text: cells.map((c) => c.text).join(' ') };
    })
    .sort((a, b) => b.y - a.y);
}

function withMargins(lines: Line[]): Page {
  const long = lines.filter((l) => l.text.length >= 10);
  const basis = long.length ? long : lines;
  return { lines, left: quantile(basis.map((l) => l.x0), 0.1), right: quantile(basis.map((l) => l.x1), 0.9) };
}

function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// — 2 —, -12-, 2, 第2页 共6页, 2/6: a page number alone on its line
const PAGE_NUMBER = /^([-—－–_\s]*\d{1,4}[-—－–_\s]*|第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

/** a line's text with its figures masked: the running header of page 2 and page 7 are the same */
const shape = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

/**
 * Lines that repeat at the top or the bottom of most pages (the document's title as a running
 * header, the issuer as a footer) and page numbers: removed from each page, and returned as noise.
 */
function removeRunningLines(pages: Page[]): { kind: RemovedText['kind']; text: string; reason: string; page: number; top: boolean }[] {
  const removed: ReturnType<typeof removeRunningLines> = [];
  const edges = (p: Page) => [...p.lines.slice(0, 2), ...p.lines.slice(-2)];
  const seen = new Map<string, number>();
  for (const p of pages) for (const s of new Set(edges(p).map((l) => shape(l.text)))) seen.set(s, (seen.get(s) ?? 0) + 1);
  const running = (l: Line) => !l.rows && pages.length >= 3 && l.text.length <= 60 && (seen.get(shape(l.text)) ?? 0) >= Math.max(3, pages.length / 2);
  pages.forEach((p, index) => {
    const drop = (l: Line, top: boolean) => {
      const number = PAGE_NUMBER.test(l.text);
      removed.push({ kind: number ? 'PAGE_BREAK' : 'PAGE_HEADER', text: l.text, page: index + 1, top, reason: number ? 'page number of the PDF' : `running ${top ? 'header' : 'footer'} repeated on the PDF's pages` });
      p.lines = p.lines.filter((x) => x !== l);
    };
    // a page number stands apart from the text (the number of a table's last row does not)
    const apart = (l: Line, neighbour: Line | undefined) => !neighbour || Math.abs(neighbour.y - l.y) > l.size * 2.2;
    for (let k = 0; k < 2 && p.lines.length; k++) {
      const last = p.lines[p.lines.length - 1];
      if (!last.rows && (PAGE_NUMBER.test(last.text) && apart(last, p.lines[p.lines.length - 2])) || running(last)) drop(last, false);
    }
    for (let k = 0; k < 2 && p.lines.length > 1; k++) {
      const first = p.lines[0];
      if (!first.rows && (PAGE_NUMBER.test(first.text) && apart(first, p.lines[1])) || running(first)) drop(first, true);
    }
  });
  return removed;
}

/** pages into text: paragraphs joined across wrapped lines and page breaks */
function layOut(pages: Page[]): ReaderOutput {
  const running = removeRunningLines(pages);
  const indented = indentsParagraphs(pages);
  const out: string[] = [];
  const removed: RemovedText[] = [];
  const pageStarts: number[] = [];
  let length = 0;
  const emit = (s: string, join: boolean) => {
    if (out.length && !join) {
      out.push('\n');
      length += 1;
    }
    out.push(s);
    length += s.length;
  };
  let prev: { line: Line; page: Page } | null = null;
  // the table whose rows were the last thing written: a row cut by a page break goes on in it
  let table: { header: string[]; last: string[] } | null = null;
  const writeRows = (rows: string[][]) => {
    if (table) {
      // a header repeated at the top of the next page is read once
      if (rows[0]?.join('|') === table.header.join('|')) rows = rows.slice(1);
      const first = rows[0];
      if (first && first.length === table.last.length && !first[0]) {
        const merged = table.last.map((cell, i) => joinCellLines(cell, first[i]));
        const before = out[out.length - 1];
        out[out.length - 1] = `| ${merged.join(' | ')} |`;
        length += out[out.length - 1].length - before.length;
        table.last = merged;
        rows = rows.slice(1);
      }
    }
    for (const row of rows) emit(`| ${row.join(' | ')} |`, false);
    if (rows.length) table = { header: table?.header ?? rows[0], last: rows[rows.length - 1] };
  };
  pages.forEach((page, index) => {
    for (const r of running.filter((x) => x.page === index + 1 && x.top)) removed.push({ kind: r.kind, text: r.text, rawStart: length + (out.length ? 1 : 0), reason: r.reason });
    if (index > 0) pageStarts.push(length + (out.length ? 1 : 0));
    for (const line of page.lines) {
      if (line.rows) {
        writeRows(line.rows);
        prev = null;
        continue;
      }
      table = null;
      const joinable = prev !== null && continues(prev.line, prev.page, line, page, indented);
      if (joinable && prev!.page !== page) removed.push({ kind: 'PAGE_BREAK', text: '\n', rawStart: length, reason: `page break inside a paragraph (page ${index} → ${index + 1})` });
      emit(line.text, joinable);
      prev = { line, page };
    }
    for (const r of running.filter((x) => x.page === index + 1 && !x.top)) removed.push({ kind: r.kind, text: r.text, rawStart: length, reason: r.reason });
  });
  return { text: out.join(''), removed, reader: '', pageStarts };
}

// a title ends in the kind of document it is; the line after it is the addressee or the number
const TITLE_END = /(通知|意见|方案|决定|规划|办法|报告|要点|清单|计划|细则|措施)$/;

/**
 * A line wrapped at the right margin goes on in the next, unless that starts indented (a new
 * paragraph), with a number (a new item), or in another type size (a title above the text); where
 * the document does not indent its paragraphs, a line ending a sentence ends its paragraph too.
 */
function continues(prev: Line, prevPage: Page, next: Line, nextPage: Page, indented: boolean): boolean {
  // a bracket left open (（牵头责任单位：…；) closes on the next line, wherever the printer broke it
  if (unclosed(prev.text) && !NUMBERED.test(next.text)) return true;
  const full = prev.x1 >= prevPage.right - prev.size * 2;
  const flush = next.x0 <= nextPage.left + next.size * 0.5;
  const sameSize = Math.abs(prev.size - next.size) <= Math.max(prev.size, next.size) * 0.15;
  return full && flush && sameSize && !ITEM_START.test(next.text) && !TITLE_END.test(prev.text) && (indented || !/[。！？；]$/.test(prev.text));
}

const NUMBERED = new RegExp(NUMBERING.map((n) => n.re.source).join('|'));

/** whether the document starts its paragraphs two characters in, as official documents do */
function indentsParagraphs(pages: Page[]): boolean {
  let lines = 0;
  let indented = 0;
  for (const p of pages) {
    for (const l of p.lines) {
      lines++;
      const by = (l.x0 - p.left) / l.size;
      if (by > 1.5 && by < 2.6) indented++;
    }
  }
  return indented >= Math.max(2, lines * 0.05);
}
