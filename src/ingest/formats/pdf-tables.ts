// Ruled tables in a PDF (a 任务分工表 printed from Word or Excel): the page's drawn lines give the
// grid, a missing line between two cells says they are merged, and the text runs inside each cell
// are its text. A table is returned as rows of cells, the form the parser reads (| 序号 | 任务 | …).
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfJs } from './pdfjs.js';
import { isUnitCell } from '../clauses.js';

export interface PositionedRun {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Segment {
  /** the fixed coordinate (y of a horizontal line, x of a vertical one) */
  at: number;
  from: number;
  to: number;
}

export interface RuledTable {
  /** column edges, left to right */
  xs: number[];
  /** row edges, top to bottom (PDF y grows upwards) */
  ys: number[];
  horizontal: Segment[];
  vertical: Segment[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

// a line drawn as a filled rectangle is at most this thick
const THIN = 3;
// edges closer than this are one edge
const NEAR = 2.5;

/** the horizontal and vertical lines a page draws, in page coordinates */
async function ruledLines(page: PDFPageProxy): Promise<{ horizontal: Segment[]; vertical: Segment[] }> {
  const { OPS } = await loadPdfJs();
  const paints = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const list = await page.getOperatorList();
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const add = (ax: number, ay: number, bx: number, by: number) => {
    if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) > NEAR) horizontal.push({ at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) > NEAR) vertical.push({ at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath && paints.has(args[0] as number)) {
      const data = (args[1] as ArrayLike<number>[])[0];
      if (!data) continue;
      const points: number[][] = [];
      let start: number[] | null = null;
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0 || op === 1) {
          const p = apply(ctm, data[k + 1], data[k + 2]);
          if (op === 0) {
            start = p;
            points.length = 0;
          } else if (points.length) add(points[points.length - 1][0], points[points.length - 1][1], p[0], p[1]);
          points.push(p);
          k += 3;
        } else if (op === 2) k += 7;
        else if (op === 3) k += 5;
        else {
          if (start && points.length) add(points[points.length - 1][0], points[points.length - 1][1], start[0], start[1]);
          // a thin filled rectangle is a line: its middle
          if (points.length >= 4) {
            const xs = points.map((p) => p[0]);
            const ys = points.map((p) => p[1]);
            const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
            if (y1 - y0 <= THIN && x1 - x0 > NEAR) horizontal.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
            else if (x1 - x0 <= THIN && y1 - y0 > NEAR) vertical.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
          }
          k += 1;
        }
      }
    }
  }
  return { horizontal, vertical };
}

/** values closer than NEAR are one */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1] > NEAR) out.push(v);
  return out;
}

/** ruled tables: groups of horizontal and vertical lines that cross each other, at least 2 × 2 cells */
export async function findRuledTables(page: PDFPageProxy): Promise<RuledTable[]> {
  const { horizontal, vertical } = await ruledLines(page);
  // the page's frame or a clip box is not a table: lines that touch nothing are dropped by the grouping below
  const crosses = (h: Segment, v: Segment) => v.at >= h.from - NEAR && v.at <= h.to + NEAR && h.at >= v.from - NEAR && h.at <= v.to + NEAR;
  const groups: { horizontal: Segment[]; vertical: Segment[] }[] = [];
  const seen = new Set<Segment>();
  for (const first of horizontal) {
    if (seen.has(first)) continue;
    const group = { horizontal: [first], vertical: [] as Segment[] };
    seen.add(first);
    for (let grew = true; grew; ) {
      grew = false;
      for (const v of vertical) if (!seen.has(v) && group.horizontal.some((h) => crosses(h, v))) (group.vertical.push(v), seen.add(v), (grew = true));
      for (const h of horizontal) if (!seen.has(h) && group.vertical.some((v) => crosses(h, v))) (group.horizontal.push(h), seen.add(h), (grew = true));
    }
    groups.push(group);
  }
  return groups
    .map((g) => ({ ...g, xs: distinct(g.vertical.map((v) => v.at)), ys: distinct(g.horizontal.map((h) => h.at)).reverse() }))
    .filter((t) => t.xs.length >= 3 && t.ys.length >= 3);
}

export function insideTable(table: RuledTable, x: number, y: number): boolean {
  return x > table.xs[0] && x < table.xs[table.xs.length - 1] && y < table.ys[0] && y > table.ys[table.ys.length - 1];
}

/**
 * The table's rows of cells. Cells with no line between them are merged: a cell merged down
 * repeats its text in each row it covers (each task row keeps its 牵头单位), one merged across
 * is followed by empty cells, so every cell stays under its column.
 */
export function tableRows(table: RuledTable, runs: PositionedRun[]): string[][] {
  const { xs, ys } = table;
  const rows = ys.length - 1;
  const columns = xs.length - 1;
  const covers = (segments: Segment[], at: number, point: number) => segments.some((s) => Math.abs(s.at - at) <= NEAR && s.from <= point + NEAR && s.to >= point - NEAR);
  // each cell's region: the top-left cell of the cells merged with it
  const region: number[] = Array.from({ length: rows * columns }, (_, i) => i);
  const find = (i: number): number => (region[i] === i ? i : (region[i] = find(region[i])));
  const join = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) region[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r] + ys[r + 1]) / 2;
    for (let c = 0; c < columns; c++) {
      const midX = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < columns && !covers(table.vertical, xs[c + 1], midY)) join(r * columns + c, r * columns + c + 1);
      if (r + 1 < rows && !covers(table.horizontal, ys[r + 1], midX)) join(r * columns + c, (r + 1) * columns + c);
    }
  }
  const cellOf = (x: number, y: number) => {
    const c = xs.findIndex((edge, i) => i + 1 < xs.length && x >= edge && x < xs[i + 1]);
    const r = ys.findIndex((edge, i) => i + 1 < ys.length && y <= edge && y > ys[i + 1]);
    return r < 0 || c < 0 ? -1 : find(r * columns + c);
  };
  const texts = new Map<number, PositionedRun[]>();
  for (const run of runs.flatMap((r) => splitAcross(r, xs))) {
    const cell = cellOf((run.x0 + run.x1) / 2, run.y + run.size * 0.3);
    if (cell >= 0) texts.set(cell, [...(texts.get(cell) ?? []), run]);
  }
  const textOf = (cell: number) => cellText(texts.get(cell) ?? []);
  const out: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < columns; c++) {
      const cell = find(r * columns + c);
      const left = cell % columns;
      row.push(left === c ? textOf(cell) : '');
    }
    if (row.some(Boolean)) out.push(row);
  }
  return out;
}

// the width of a character, in ems: Chinese characters are square, Latin letters and figures about half
const ems = (s: string) => [...s].reduce((n, c) => n + (/[\u2e80-\uffef]/.test(c) ? 1 : 0.5), 0);

/**
 * One run of text that crosses a column's edge (序号 具体工作任务和要求, written as one run by some
 * producers) is cut at its spaces, each part placed by the widths of its characters.
 */
function splitAcross(run: PositionedRun, xs: number[]): PositionedRun[] {
  if (!xs.some((x) => run.x0 < x - NEAR && run.x1 > x + NEAR) || !/\s/.test(run.text.trim())) return [run];
  const total = ems(run.text) || 1;
  const scale = (run.x1 - run.x0) / total;
  return [...run.text.matchAll(/\S+/g)].map((m) => {
    const x0 = run.x0 + ems(run.text.slice(0, m.index)) * scale;
    return { ...run, text: m[0], x0, x1: x0 + ems(m[0]) * scale };
  });
}

/** a cell's runs as its text: lines wrapped in the cell run on; a unit on each line is a list */
function cellText(runs: PositionedRun[]): string {
  const lines: PositionedRun[][] = [];
  for (const run of [...runs].sort((a, b) => b.y - a.y || a.x0 - b.x0)) {
    const line = lines.find((l) => Math.abs(l[0].y - run.y) < run.size * 0.45);
    if (line) line.push(run);
    else lines.push([run]);
  }
  const texts = lines.map((l) => joinRuns(l.sort((a, b) => a.x0 - b.x0))).filter(Boolean);
  return texts.reduce(joinCellLines, '').replace(/\|/g, '｜');
}

/**
 * The runs of one line, left to right, as text. A gap of a space's width, or a space the PDF
 * draws, between words of one script is a space (县教体局 各相关乡镇政府). Between a figure and a
 * character, typesetters put a quarter of a character (Word's and xeCJK's autospace: 2019 年 1 月),
 * which is not text; a space typed there is wider (3% 财政部) — and the number that starts a line
 * (1 居民…) is always apart.
 */
export function joinRuns(runs: PositionedRun[], startsLine = false): string {
  let text = '';
  let right = 0;
  let space = false;
  for (const r of runs) {
    if (!r.text.trim()) {
      space = true;
      continue;
    }
    if (text) {
      const gap = r.x0 - right;
      const cjk = /[\u4e00-\u9fff]$/.test(text) && /^[\u4e00-\u9fff]/.test(r.text);
      const latin = /\w$/.test(text) && /^\w/.test(r.text);
      const rowNumber = startsLine && /^\d{1,3}$/.test(text);
      if (((cjk || latin || rowNumber) && space) || gap > r.size * (cjk ? 0.2 : latin ? 0.28 : 0.3)) text += ' ';
    }
    text += r.text;
    right = Math.max(right, r.x1);
    space = false;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** the next line of a cell: a unit after a unit starts a new item of a list, anything else runs on */
export function joinCellLines(joined: string, line: string): string {
  return joined && line && isUnitCell(joined.split('、').pop()!) && isUnitCell(line) ? `${joined}、${line}` : joined + line;
}
