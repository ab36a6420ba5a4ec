// The 任务分工表 on paper: the XLSX of 晋政发〔2024〕1号 printed to PDF by LibreOffice, and read back
// with poppler (pdfinfo, pdftotext) as a reader of the handout would see it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFile } from '../src/modules/export/export.service.js';
import { charsPerLine, lineCount, planWidths, WIDTH_BUDGET, widthFor } from '../src/modules/export/print-layout.js';
import { type Graph, seededGraph } from './support/graph.js';
import { installed } from './support/programs.js';

const NUMBER = '晋政发〔2024〕1号';
const TOOLS = ['soffice', 'pdfinfo', 'pdftotext'].filter((p) => !installed(p, p === 'soffice' ? '--version' : '-v'));
if (TOOLS.length) console.warn(`test/print.test.ts: printing skipped, not installed: ${TOOLS.join(', ')} (LibreOffice calc and poppler-utils)`);

describe('the layout arithmetic', () => {
  it('a column holds whole CJK characters a line, measured where a width unit is narrowest (Calibri: 5.25 pt)', () => {
    expect(charsPerLine(widthFor(10))).toBeGreaterThanOrEqual(10);
    expect(charsPerLine(widthFor(10))).toBeLessThan(11);
    expect(lineCount('一二三四五六七八九十', widthFor(10))).toBe(1);
    expect(lineCount('一二三四五六七八九十一', widthFor(10))).toBe(2);
  });

  it('each paragraph starts a line; a line never starts with ，。、 (the character before it moves down)', () => {
    expect(lineCount('省应急厅\n省公安厅\n省住建厅', widthFor(6))).toBe(3);
    // ten characters fit, but the eleventh is a comma: the tenth goes down with it
    expect(lineCount('一二三四五六七八九十，一二三四五六七八', widthFor(10))).toBe(2);
    expect(lineCount('一二三四五六七八九十，一二三四五六七八九', widthFor(10))).toBe(3);
  });

  it('the columns share the page: each as wide as it wants, the widest giving way first, 依据 taking the rest', () => {
    const widths = planWidths([{ want: 2, min: 2 }, { want: 10, min: 6 }, { want: 6, min: 4 }, { want: 0, min: 10, flex: true }]);
    expect(widths.slice(0, 3)).toEqual([widthFor(2), widthFor(10), widthFor(6)]);
    expect(widths.reduce((a, b) => a + b)).toBe(WIDTH_BUDGET);
    const crowded = planWidths([{ want: 10, min: 6 }, ...Array.from({ length: 6 }, () => ({ want: 7, min: 4 })), { want: 0, min: 10, flex: true }]);
    expect(crowded.reduce((a, b) => a + b)).toBe(WIDTH_BUDGET);
    expect(crowded[0]).toBeLessThan(widthFor(10));
    for (const w of crowded.slice(1, -1)) expect(w).toBeGreaterThanOrEqual(widthFor(4));
    expect(crowded[crowded.length - 1]).toBeGreaterThanOrEqual(widthFor(10));
  });
});

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

interface ApiTask {
  label: string;
  title: string;
  kind: string;
  depth: number;
  deadline: string | null;
  assignments: { role: string; mention: string; clause: { text: string } }[];
}

describe.skipIf(TOOLS.length > 0)(`${NUMBER}, printed by LibreOffice`, () => {
  let graph: Graph;
  let dir: string;
  let pages: number;
  let words: Word[];
  /** each page's text in the order LibreOffice drew it (pdftotext -raw), whitespace removed: a cell's lines stay together */
  let pageTexts: string[];
  let tasks: ApiTask[];

  beforeAll(async () => {
    graph = await seededGraph();
    const data = await graph.query(
      `query ($n: String!) { document(number: $n) { tasks(first: 100) { nodes { label title kind depth deadline assignments { role mention clause { text } } } } } }`,
      { n: NUMBER },
    );
    tasks = data.document.tasks.nodes;
    dir = mkdtempSync(join(tmpdir(), 'dutygraph-print-'));
    const xlsx = join(dir, 'table.xlsx');
    writeFileSync(xlsx, (await exportFile(graph.orm, 'xlsx', { document: NUMBER })).body);
    // a profile of its own, so runs in parallel do not wait on each other's lock
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 120_000 });
    const pdf = join(dir, 'table.pdf');
    pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    words = [];
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    bbox.split('<page ').slice(1).forEach((page, i) => {
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page: i + 1, text: m[5].replace(/&amp;/g, '&'), xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4] });
      }
    });
    pageTexts = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\f')
      .slice(0, pages)
      .map((t) => t.replace(/\s+/g, ''));
  }, 180_000);
  afterAll(async () => {
    await graph?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const asWritten = (t: ApiTask) => t.label + t.title;
  const isBand = (t: ApiTask) => ['CHAPTER', 'SECTION'].includes(t.kind) && !t.assignments.length && !t.deadline;
  const headerCells = () => ['序号', '重点任务', '牵头单位', '分工负责单位', '责任单位', '督促落实单位', '完成时限', '依据'];

  it('runs to several A4 landscape pages, each chapter starting one, not one page of tiny text', () => {
    const chapters = tasks.filter((t) => t.kind === 'CHAPTER' && t.depth === 0);
    expect(chapters).toHaveLength(7);
    expect(pages).toBeGreaterThanOrEqual(chapters.length);
    expect(pages).toBeLessThanOrEqual(20);
    const info = execFileSync('pdfinfo', [join(dir, 'table.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    // a chapter's band is the first row under the header on its page
    for (const chapter of chapters) {
      const band = words.find((w) => w.text === asWritten(chapter))!;
      const header = words.find((w) => w.page === band.page && w.text === '序号')!;
      const rows = words.filter((w) => w.page === band.page && w.yMin > header.yMax);
      expect(Math.min(...rows.map((w) => w.yMin))).toBeCloseTo(band.yMin, 0);
    }
  });

  it('prints text at 9 pt or more: the body at 10.5 pt (五号)', () => {
    // a CJK character is one em wide in every CJK font, so a run of 汉字 measures its size exactly
    const sizes = words.filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w.text)).map((w) => (w.xMax - w.xMin) / w.text.length);
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
    const median = [...sizes].sort((a, b) => a - b)[sizes.length >> 1];
    expect(median).toBeCloseTo(10.5, 1);
    // the heights poppler gives a line (the font's ascent and descent) agree: over 9 pt everywhere
    expect(Math.min(...words.filter((w) => /[\u4e00-\u9fff]/.test(w.text)).map((w) => w.yMax - w.yMin))).toBeGreaterThan(9);
  });

  it('repeats the header row at the top of every page', () => {
    for (let page = 1; page <= pages; page++) {
      expect(pageTexts[page - 1]).toContain(headerCells().join(''));
      const on = words.filter((w) => w.page === page);
      const top = on.find((w) => w.text === '序号')!;
      expect(on.filter((w) => w.text === '序号')).toHaveLength(1);
      // nothing of the table above it (page 1 has the title and 文号 there)
      const below = on.filter((w) => /^\d+$/.test(w.text) && w.xMax < on.find((h) => h.text === '重点任务')!.xMin);
      for (const n of below) expect(n.yMin).toBeGreaterThan(top.yMax);
    }
  });

  it('shows every task, unit and clause in full: no cell is cut off at its row’s height', () => {
    const all = pageTexts.join('');
    const strip = (s: string) => s.replace(/\s+/g, '');
    const missing: string[] = [];
    const check = (text: string) => (all.includes(strip(text)) ? undefined : missing.push(text));
    for (const task of tasks) {
      check(asWritten(task));
      for (const role of new Set(task.assignments.map((a) => a.role))) check([...new Set(task.assignments.filter((a) => a.role === role).map((a) => a.mention))].join(''));
      for (const a of task.assignments) check(a.clause.text);
    }
    expect(missing).toEqual([]);
  });

  it('numbers tasks only: 序号 runs 1, 2, 3 … across pages, and chapter bands have none', () => {
    const numbers: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const on = words.filter((w) => w.page === page);
      const taskColumn = on.find((w) => w.text === '重点任务')!;
      numbers.push(...on.filter((w) => /^\d+$/.test(w.text) && w.xMax < taskColumn.xMin).sort((a, b) => a.yMin - b.yMin).map((w) => Number(w.text)));
    }
    const numbered = tasks.filter((t) => !isBand(t));
    expect(numbered.length).toBeLessThan(tasks.length);
    expect(numbers).toEqual(numbered.map((_, i) => i + 1));
  });
});
