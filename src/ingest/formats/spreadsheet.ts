// 任务分工表 kept as spreadsheets (.xlsx by exceljs, .csv by csv-parse, .xls through LibreOffice):
// each row becomes a | cell | line under its header, the form the parser reads as a table. A cell
// merged down several rows (one 牵头单位 for three tasks) is repeated in each; a cell of several
// lines keeps a list of units a list.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { checkInflatedSize } from './zip.js';
import { joinCellParagraphs } from './html-lines.js';
import { type ReaderOutput, versioned } from './reader.js';

/** rows of cells as lines: a row with one filled cell (a title, a group heading) is a plain line; empty cells are kept, so each cell stays under its column */
export function rowsToLines(rows: string[][]): string[] {
  const lines: string[] = [];
  for (const raw of rows) {
    const cells = raw.map((c) => joinCellParagraphs(c.split(/\r?\n/).map((p) => p.trim()).filter(Boolean)).replace(/\|/g, '｜'));
    const filled = cells.filter(Boolean);
    if (filled.length === 0) continue;
    lines.push(filled.length === 1 ? filled[0] : `| ${cells.join(' | ')} |`);
  }
  return lines;
}

export async function xlsxText(bytes: Buffer): Promise<ReaderOutput> {
  await checkInflatedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: string[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        const master = cell.isMerged ? cell.master : cell;
        // merged down: the same value in each row; merged across: once, then empty cells
        cells.push(master === cell || master.col === cell.col ? (master.text ?? '') : '');
      }
      rows.push(cells);
    });
    const lines = rowsToLines(rows);
    if (lines.length) sheets.push(lines.join('\n'));
  }
  return { text: sheets.join('\n\n'), removed: [], reader: versioned('exceljs') };
}

export function csvText(text: string): ReaderOutput {
  const rows = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  return { text: rowsToLines(rows).join('\n'), removed: [], reader: versioned('csv-parse') };
}
