// The 任务分工表 as an office hands it out: a sheet per document that prints on A4 landscape, one
// page wide and as many tall as it needs, the header row on every page and each chapter on a new one.
import ExcelJS from 'exceljs';
import { Role, TaskKind } from '../common/enums.js';
import type { TaskRow } from '../task/task.loaders.js';
import type { ExportData } from './export.data.js';
import { FONT_SIZE, MARGINS, planWidths, printWidth, rowHeight, type ColumnPlan } from './print-layout.js';
import { documentLabel, ROLE_HEADERS, sheetName, tables, type Table, type TableRow } from './tabular.js';

/** the column of tasks, as 任务分工表 head it */
export const TASK_HEADER = '重点任务';

/** the row of column headers, repeated at the top of every printed page: under the title and the 文号 */
export const HEADER_ROW = 3;

// 宋体 for the text and 黑体 for the title, as government documents print (GB/T 9704)
const BODY_FONT = { name: '宋体', size: FONT_SIZE.body };
const THIN = { style: 'thin' as const, color: { argb: 'FF595959' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADINGS = new Set<TaskKind>([TaskKind.CHAPTER, TaskKind.SECTION]);

/** a task as the document numbers it: （一）严格落实党政领导责任, 1.完善…; a sub-topic by its title alone */
export function taskText(task: Pick<TaskRow, 'label' | 'title' | 'path'>): string {
  return `${task.label}${task.title}` || task.path;
}

/** a chapter or section heading with nobody assigned prints as a band across the table; everything else is a numbered task */
type PrintedRow = { band: true; row: TableRow; chapter: boolean } | { band: false; row: TableRow; chapter: boolean; number: number };

function printedRows(table: Table): PrintedRow[] {
  let number = 0;
  return table.rows.map((row) => {
    const chapter = row.task.kind === TaskKind.CHAPTER && row.task.depth === 0;
    const heading = HEADINGS.has(row.task.kind) && !row.units.size && !row.deadline && !row.progress;
    return heading ? { band: true, row, chapter } : { band: false, row, chapter, number: ++number };
  });
}

/** each name the document uses once, in its order: 各县(市、区)党委、人民政府 stands for two units */
function mentions(row: TableRow, role: Role): Map<string, string[]> {
  const byMention = new Map<string, string[]>();
  for (const { mention, name } of row.units.get(role) ?? []) byMention.set(mention, [...(byMention.get(mention) ?? []), name]);
  return byMention;
}

interface Column {
  header: string;
  plan: ColumnPlan;
  value: (row: TableRow, number: number) => string | number;
  /** for a column of units: the full names behind the names the document uses, as the cell's note */
  note?: (row: TableRow) => string | undefined;
  align: 'center' | 'left';
}

const widest = (texts: string[], cap: number) => Math.min(cap, Math.max(0, ...texts.map(printWidth)));

/** 序号, 重点任务, a column per role that occurs, then 完成时限, 进展 and 依据 when any task has one */
function columns(table: Table): Column[] {
  const tasks = table.rows.map((r) => taskText(r.task));
  const hasBasis = table.rows.some((r) => r.basis);
  const list: Column[] = [
    { header: '序号', plan: { want: 2, min: 2 }, value: (_, n) => n, align: 'center' },
    { header: TASK_HEADER, plan: { want: widest(tasks, 10), min: 6, flex: !hasBasis }, value: (r) => taskText(r.task), align: 'left' },
  ];
  for (const role of table.roles) {
    const names = table.rows.flatMap((r) => [...mentions(r, role).keys()]);
    list.push({
      header: ROLE_HEADERS[role],
      plan: { want: widest(names, 6), min: 4 },
      value: (r) => [...mentions(r, role).keys()].join('\n'),
      // a note only where a name differs from the unit's own (省应急厅 for 山西省应急管理厅)
      note: (r) => {
        const named = mentions(r, role);
        if ([...named].every(([mention, names]) => names.every((n) => n === mention))) return undefined;
        return [...named].map(([mention, names]) => `${mention}：${names.join('；')}`).join('\n');
      },
      align: 'left',
    });
  }
  if (table.rows.some((r) => r.deadline)) list.push({ header: '完成时限', plan: { want: widest(table.rows.map((r) => r.deadline), 6), min: 4 }, value: (r) => r.deadline, align: 'center' });
  if (table.rows.some((r) => r.progress)) list.push({ header: '进展', plan: { want: widest(table.rows.map((r) => r.progress), 8), min: 4 }, value: (r) => r.progress, align: 'left' });
  if (hasBasis) list.push({ header: '依据', plan: { want: 0, min: 10, flex: true }, value: (r) => r.basis, align: 'left' });
  return list;
}

function addSheet(workbook: ExcelJS.Workbook, table: Table, data: ExportData, taken: Set<string>): void {
  const cols = columns(table);
  const widths = planWidths(cols.map((c) => c.plan));
  const across = widths.reduce((sum, w) => sum + w, 0);
  const sheet = workbook.addWorksheet(sheetName(documentLabel(table.document), taken), {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      // one page wide, as many tall as it takes (fitToHeight 0: no limit)
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: MARGINS,
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  // exceljs leaves out a column of width 9 (its default), and readers then use their own (Excel: 8.43)
  sheet.columns = widths.map((width) => ({ width: width === 9 ? 9.01 : width }));
  const banner = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, cols.length);
    row.font = font;
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.height = rowHeight([{ text, width: across, size: font.size }]);
    return row;
  };
  banner(table.document.title, { name: '黑体', size: FONT_SIZE.title, bold: true });
  banner([table.document.number, '任务分工表', data.unit ? `（${data.unit.name}）` : ''].filter(Boolean).join(' '), { ...BODY_FONT, size: FONT_SIZE.subtitle });

  const header = sheet.addRow(cols.map((c) => c.header));
  header.height = rowHeight(cols.map((c, i) => ({ text: c.header, width: widths[i] })));
  header.eachCell((cell) => {
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });

  let previous: ExcelJS.Row | null = null;
  for (const printed of printedRows(table)) {
    // each chapter (一、二、…) starts a page
    if (printed.chapter && previous) previous.addPageBreak();
    let line: ExcelJS.Row;
    if (printed.band) {
      const text = taskText(printed.row.task);
      line = sheet.addRow([text]);
      sheet.mergeCells(line.number, 1, line.number, cols.length);
      line.height = rowHeight([{ text, width: across }]);
      const cell = line.getCell(1);
      cell.font = { ...BODY_FONT, bold: true };
      cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      if (printed.chapter) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = BORDER;
    } else {
      const { row, number } = printed;
      const values = cols.map((c) => c.value(row, number));
      line = sheet.addRow(values);
      line.height = rowHeight(values.map((v, i) => ({ text: String(v), width: widths[i] })));
      cols.forEach((c, i) => {
        const cell = line.getCell(i + 1);
        cell.font = BODY_FONT;
        cell.alignment = { horizontal: c.align, vertical: 'middle', wrapText: true, indent: i === 1 && !row.task.label ? 1 : 0 };
        cell.border = BORDER;
        const note = c.note?.(row);
        if (note) cell.note = note;
      });
    }
    previous = line;
  }
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: cols.length } };
}

/** one sheet per document: its title and 文号, the header row, a band per chapter and a numbered row per task */
export async function toXlsx(data: ExportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dutygraph';
  workbook.title = '任务分工表';
  const taken = new Set<string>();
  for (const table of tables(data)) addSheet(workbook, table, data, taken);
  if (!workbook.worksheets.length) workbook.addWorksheet('任务分工表').addRow(['序号', TASK_HEADER, ROLE_HEADERS[Role.LEAD]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
