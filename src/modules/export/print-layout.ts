// How a 任务分工表 sheet prints: column widths and row heights. LibreOffice keeps a row written
// without a height at one line (its wrapped text cut off in print), and every program keeps a height
// the file gives, so every row is written with a height measured from its text here.

/** A4 landscape, in points */
export const PAGE = { width: 841.89, height: 595.28 };

/** in inches, as the file keeps them; the footer carries the page number */
export const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 };

/** in points: 五号 for the body, 三号 for the title, 小四 for the line under it */
export const FONT_SIZE = { body: 10.5, title: 16, subtitle: 12 };

// a column's width counts digits of the workbook's default font (Calibri 11): 5.25 pt where Calibri
// is installed (Excel, WPS), 7 pt where LibreOffice falls back to DejaVu Sans. The table fits the
// page at 100% with the wider digit, and rows are tall enough for the narrower, so no reader cuts a line.
const WIDEST_DIGIT = 7;
const NARROWEST_DIGIT = 5.25;
/** pt a cell keeps clear left and right together */
const CELL_PADDING = 4;
/** a line's height as a multiple of its font size: Noto Sans CJK's; SimSun's is shorter */
const LINE_HEIGHT = 1.45;
/** pt above and below a cell's text together */
const ROW_PADDING = 4;
/** Excel's limit; a longer cell is cut there */
export const MAX_ROW_HEIGHT = 409;

/** the widths, in Excel's units, a table may add up to and still print at 100% */
export const WIDTH_BUDGET = Math.floor((PAGE.width - 72 * (MARGINS.left + MARGINS.right)) / WIDEST_DIGIT);

// letters, digits and half-width forms take about half a CJK character; everything else (汉字, ，。、（）) a whole one
const HALF_WIDTH = /[\u0000-\u02ff\uff61-\uffdc]/;
// 避头尾: a line may not start with closing punctuation nor end with opening; the character before the break moves down
const NO_LINE_START = /^[，。、；：？！）》」』】〕”’…·,.;:?!)\]%]/;
const NO_LINE_END = /[（《「『【〔“‘(\[]$/;
// a run of letters and digits breaks only where it may (between words), not inside
const TOKEN = /[A-Za-z0-9.%]+|[^]/gu;

/** how wide text prints, in CJK characters */
export function printWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += HALF_WIDTH.test(ch) ? 0.7 : 1;
  return width;
}

/** the column width (Excel's units) that holds `chars` CJK characters a line, wherever the file is opened */
export function widthFor(chars: number, size = FONT_SIZE.body): number {
  return Math.ceil((chars * size + CELL_PADDING) / NARROWEST_DIGIT);
}

/** CJK characters a line of a column this wide holds, wherever the file is opened */
export function charsPerLine(width: number, size = FONT_SIZE.body): number {
  return Math.max(1, (width * NARROWEST_DIGIT - CELL_PADDING) / size);
}

/** lines a paragraph takes, filled as Excel and LibreOffice fill them: word by word, 汉字 by 汉字, 避头尾 kept */
function paragraphLines(paragraph: string, capacity: number): number {
  let lines = 1;
  let used = 0;
  let previous = '';
  for (const token of paragraph.match(TOKEN) ?? []) {
    const width = printWidth(token);
    if (used > 0 && used + width > capacity) {
      lines++;
      const carried = NO_LINE_START.test(token) || NO_LINE_END.test(previous) ? printWidth(previous) : 0;
      used = carried + width <= capacity ? carried : 0;
    }
    used += width;
    // a word longer than the line is broken where it must
    for (; used > capacity; used -= capacity) lines++;
    previous = token;
  }
  return lines;
}

/** lines the text wraps to in a column this wide, each paragraph starting a line */
export function lineCount(text: string, width: number, size = FONT_SIZE.body): number {
  const capacity = charsPerLine(width, size);
  return text.split('\n').reduce((lines, paragraph) => lines + paragraphLines(paragraph, capacity), 0);
}

/** the height (pt) of a row whose cells wrap these texts in columns this wide */
export function rowHeight(cells: { text: string; width: number; size?: number }[]): number {
  const tallest = Math.max(0, ...cells.map((c) => lineCount(c.text, c.width, c.size) * (c.size ?? FONT_SIZE.body) * LINE_HEIGHT));
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(tallest + ROW_PADDING));
}

export interface ColumnPlan {
  /** CJK characters a line the column would like (its longest unit's name, its longest title) */
  want: number;
  /** and the fewest it makes do with */
  min: number;
  /** takes whatever width the others leave (依据) */
  flex?: boolean;
}

/**
 * Column widths in Excel's units: each column as wide as it wants, the widest giving up a
 * character at a time while the table is wider than the page; the flexible column takes the rest.
 * A table that still does not fit is scaled to the page's width when printed.
 */
export function planWidths(columns: ColumnPlan[], budget = WIDTH_BUDGET): number[] {
  const chars = columns.map((c) => (c.flex ? c.min : Math.max(c.min, Math.ceil(c.want))));
  const total = () => chars.reduce((sum, c) => sum + widthFor(c), 0);
  while (total() > budget) {
    const widest = chars.reduce((best, c, i) => (c > columns[i].min && (best < 0 || c > chars[best]) ? i : best), -1);
    if (widest < 0) break;
    chars[widest]--;
  }
  const flex = columns.findIndex((c) => c.flex);
  const widths = chars.map((c) => widthFor(c));
  if (flex >= 0) widths[flex] = Math.max(widths[flex], budget - widths.reduce((sum, w, i) => (i === flex ? sum : sum + w), 0));
  return widths;
}
