// 任务分工表 flattened into text (a web copy of a table): a header line 序号 | 工作任务 | 牵头单位 | 配合单位
// gives each trailing column its role; each row 1 | 居民消费价格涨幅3%左右 | 发展改革委 is a task.
import type { Role } from './types.js';
import { FIELD_LABELS, FIELD_ROLE } from './lexicon.js';
import { isUnitCell } from './clauses.js';

/** what a column of a 任务分工表 holds */
export type ColumnKind = { units: Role | null; phrase?: string } | 'deadline' | 'person' | 'other';

// headers of the columns that follow the task text, as offices write them
const COLUMN_HEADERS: Record<string, ColumnKind> = {
  牵头负责部门: { units: 'LEAD' },
  牵头负责单位: { units: 'LEAD' },
  责任部门: { units: null },
  负责部门: { units: null },
  负责单位: { units: null },
  责任主体: { units: null },
  主责部门: { units: 'LEAD' },
  责任单位: { units: null },
  主要责任单位: { units: null },
  完成时限: 'deadline',
  完成时间: 'deadline',
  时间节点: 'deadline',
  时限: 'deadline',
  时间进度: 'deadline',
  进度安排: 'deadline',
  时间安排: 'deadline',
  完成期限: 'deadline',
  完成时间节点: 'deadline',
  工作进度: 'other',
  进展情况: 'other',
  完成情况: 'other',
  全年完成情况: 'other',
  推进情况: 'other',
  落实情况: 'other',
  备注: 'other',
};

// every column name known, longest first
const COLUMN_NAMES = [...Object.keys(COLUMN_HEADERS), ...FIELD_LABELS.map((f) => f.label)].sort((a, b) => b.length - a.length);

function columnKind(header: string): ColumnKind | null {
  if (COLUMN_HEADERS[header]) return COLUMN_HEADERS[header];
  // 分管县领导, 牵头负责人: a column of people
  if (/(领导|负责人|责任人)$/.test(header)) return 'person';
  const role = FIELD_ROLE.get(header);
  if (role === undefined) return null;
  if (role === 'PERSON') return 'person';
  return role === 'OTHER' ? { units: 'OTHER', phrase: header } : { units: role };
}

export interface TableHeader {
  /** kinds of the columns after the task text, in order */
  trailing: ColumnKind[];
  /** cells are separated by | (a markdown or pipe table), else by runs of spaces */
  pipes: boolean;
  /** a table copied from a web page one cell per line: how many cells follow a row's number */
  stackedColumns?: number;
  /** a table with bars: how many cells its header has (a row with as many, empty ones kept, is read cell by cell) */
  columns?: number;
  /** …and how many of them, after 序号, hold the task */
  taskColumns?: number;
}

// any column of a table, as a header names it: 类别, 指标名称, 年度目标, 完成情况, 责任部门 …
const ANY_COLUMN = /^[\u4e00-\u9fa5]{2,8}$/;
const COLUMN_WORD = /(类别|目标|情况|名称|任务|内容|措施|项目|事项|指标|领域|时限|进度|备注|单位|部门)$/;

/**
 * A header with no 序号, copied one cell per line (类别 / 指标名称 / 年度目标 / 完成情况 / 责任部门),
 * whose last column lists units: the rows are numbered items, and the lines of units at the end of
 * each row are that column. Returns the column's kind and how many lines the header took.
 */
export function readUnitsColumnHeader(lines: string[]): { kind: ColumnKind; lines: number } | null {
  const names: string[] = [];
  for (const line of lines) {
    const name = line.replace(/\s+/g, '');
    if (!ANY_COLUMN.test(name) || !COLUMN_WORD.test(name)) break;
    names.push(name);
  }
  if (names.length < 3) return null;
  const kind = columnKind(names[names.length - 1]);
  return kind && typeof kind === 'object' ? { kind, lines: names.length } : null;
}

/**
 * A header copied one cell per line: 序号 alone on its line, then the names of the columns, each
 * on its own line (名称 / 工作任务 / 主要责任单位). Returns the header and how many lines it took.
 */
export function readStackedHeader(lines: string[]): { header: TableHeader; lines: number } | null {
  if (!/^序\s*号$/.test(cellText(lines[0] ?? ''))) return null;
  const names: string[] = [];
  let used = 1;
  // the names of the columns, up to the first row's number; a line of bars alone separates nothing
  for (const line of lines.slice(1)) {
    const name = cellText(line).replace(/\s+/g, '');
    // the first row's number, or a line that names no column (a group heading: 经济社会发展主要预期目标分解(15项))
    if (/^\d{1,3}$/.test(name) || name.length > 16 || /[。；;，,]/.test(name)) break;
    used++;
    if (name) names.push(name);
  }
  const first = names.findIndex((n) => columnKind(n) !== null);
  if (first < 1) return null;
  const trailing = names.slice(first).map((n) => columnKind(n) ?? 'other');
  if (!trailing.some((k) => typeof k === 'object')) return null;
  return { header: { trailing, pipes: false, stackedColumns: names.length }, lines: used };
}

/** a cell copied from a web table, without the bars around it (序号 |, | 1 |); empty for a line of bars */
export function cellText(line: string): string {
  return line.replace(/^[\s|｜]+/, '').replace(/[\s|｜]+$/, '');
}

export interface TableRow {
  label: string;
  /** [start, end) of the task text within the line */
  task: { start: number; end: number };
  cells: { kind: ColumnKind; start: number; end: number }[];
}

/** a header line: 序号 first, and at least one column of units after the task text */
export function readTableHeader(line: string): TableHeader | null {
  if (!/^\|?\s*序\s*号/.test(line)) return null;
  const pipes = line.includes('|');
  const cells = splitCells(line, pipes).map((c) => c.text.replace(/\s+/g, ''));
  // a copy run together may glue what follows to the last column's name (牵头责任单位一、经济…)
  const glued = cells.findIndex((c) => columnKind(c) === null && COLUMN_NAMES.some((n) => c.startsWith(n)));
  if (glued > 0) cells.splice(glued, cells.length, COLUMN_NAMES.find((n) => cells[glued].startsWith(n))!);
  const first = cells.findIndex((c, i) => i > 0 && columnKind(c) !== null);
  if (first < 2) return null;
  // what follows the last named column (a group heading run into the header) is no column
  let last = cells.length - 1;
  while (columnKind(cells[last]) === null) last--;
  const trailing = cells.slice(first, last + 1).map((c) => columnKind(c) ?? 'other');
  if (!trailing.some((k) => typeof k === 'object')) return null;
  // the cells up to the last named column, when nothing was glued or dropped
  return { trailing, pipes, ...(pipes && glued < 0 ? { columns: cells.length, taskColumns: first - 1 } : {}) };
}

/** a row of the table, or null when the line is not one (a title, a chapter heading, prose) */
export function readTableRow(line: string, header: TableHeader): TableRow | null {
  const m = /^\|?\s*(\d{1,3})(?=\s|\|)/.exec(line);
  if (!m) return null;
  // a spreadsheet's or Word's row keeps its empty cells: each cell stands under its column
  const all = header.columns && /^\|.*\|$/.test(line) ? splitCells(line, true, true).slice(1) : [];
  if (header.columns && header.taskColumns && all.length === header.columns - 1) {
    const taskCells = all.slice(0, header.taskColumns).filter((c) => c.text);
    if (taskCells.length) {
      const columns = header.trailing.map((kind, i) => ({ kind, ...all[header.taskColumns! + i] })).filter((c) => c.text);
      return { label: m[1], task: { start: taskCells[0].start, end: taskCells[taskCells.length - 1].end }, cells: columns.map(({ kind, start, end }) => ({ kind, start, end })) };
    }
  }
  const cells = splitCells(line, header.pipes).slice(1);
  if (cells.length < 2) return null;
  const { task, columns } = rowCells(cells, header.trailing);
  if (!task.length) return null;
  return { label: m[1], task: { start: task[0].start, end: task[task.length - 1].end }, cells: columns };
}

/**
 * Which of a row's cells are which column, read from the end: a deadline where the table has
 * that column and the cell reads as one, the lines or cells of units (several for one column when
 * a cell of units was broken apart), people and remarks; what is left is the task.
 */
export function rowCells<C extends { text: string; start: number; end: number }>(cells: C[], trailing: ColumnKind[]): { task: C[]; columns: { kind: ColumnKind; start: number; end: number }[] } {
  const rest = [...cells];
  const columns: { kind: ColumnKind; start: number; end: number }[] = [];
  const take = (kind: ColumnKind) => {
    const c = rest.pop()!;
    columns.unshift({ kind, start: c.start, end: c.end });
  };
  // exactly one cell more than the trailing columns: each cell is its column
  if (cells.length === trailing.length + 1) {
    for (const kind of [...trailing].reverse()) take(kind);
    return { task: rest, columns };
  }
  const kinds = [...trailing];
  while (kinds.length && rest.length > 1) {
    const kind = kinds[kinds.length - 1];
    const last = rest[rest.length - 1].text;
    if (typeof kind !== 'object') {
      if (kind === 'deadline' && !DEADLINE_CELL.test(last)) break;
      take(kind);
      kinds.pop();
      continue;
    }
    // one column of units left takes every unit cell at the end; several take one each
    const unitColumns = kinds.filter((k) => typeof k === 'object').length;
    let taken = 0;
    while (rest.length > 1 && isUnitCell(rest[rest.length - 1].text) && (unitColumns === 1 || taken === 0)) {
      take(kind);
      taken++;
    }
    if (!taken) break;
    kinds.pop();
  }
  return { task: rest, columns };
}

const DEADLINE_CELL = /(\d{4}年|\d{1,2}月|年底|年内|前$|底$|长期|持续)/;

function splitCells(line: string, pipes: boolean, keepEmpty = false): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  // with empty cells kept, the cells are what stands between bars (| a |  | b |)
  const re = keepEmpty ? /(?<=\|)[^|]*(?=\|)/g : pipes ? /[^|]+/g : /\S+/g;
  for (const m of line.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text || keepEmpty) out.push({ text, start: m.index! + lead, end: m.index! + lead + text.length });
  }
  return out;
}
