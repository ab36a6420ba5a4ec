// HTML (a web page's article, mammoth's rendering of a .docx) as the lines the parser reads: a
// paragraph a line, a table row as | cell | cell | — the form src/ingest/table-rows.ts reads as a 任务分工表.
import { Parser } from 'htmlparser2';

// elements whose content stands on lines of its own
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'blockquote', 'pre', 'center', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr']);
// elements whose text is never the document's
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'select', 'button', 'svg']);
const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const NEWLINE_BETWEEN_CJK = new RegExp(`([${CJK}])\\s*[\\r\\n]+\\s*(?=[${CJK}])`, 'g');

/** a cell of several paragraphs: prose runs on, a list of units (a unit on each line) stays a list */
export function joinCellParagraphs(parts: string[]): string {
  return parts.reduce((joined, part) => (joined && !/[。；;，,：:、]$/.test(joined) ? `${joined}、${part}` : joined + part), '');
}

/** the source's line breaks inside a paragraph are layout, not text */
function normalise(text: string): string {
  return text.replace(NEWLINE_BETWEEN_CJK, '$1').replace(/\s+/g, ' ').trim();
}

interface OpenTable {
  row: string[] | null;
  cell: string[] | null;
  /** the next column of the row being read */
  column: number;
  colspan: number;
  rowspan: number;
  /** cells merged down from rows above: column → text and rows still to fill */
  below: Map<number, { text: string; rows: number }>;
}

/**
 * The lines of an HTML fragment or page. Tables become | rows |: a cell merged across rows
 * (rowspan) repeats in each row it covers, a cell merged across columns (colspan) is followed by
 * empty cells, so every row has its cells under its columns; a table inside a cell is read as
 * paragraphs of that cell.
 */
export function htmlToLines(html: string): string {
  const lines: string[] = [];
  let text = '';
  let hidden = 0;
  const tables: OpenTable[] = [];
  const outer = () => tables[0];
  const flush = () => {
    const t = normalise(text);
    text = '';
    if (!t) return;
    const cell = outer()?.cell;
    if (cell) cell.push(t);
    else lines.push(t);
  };
  const fillMerged = (table: OpenTable, row: string[], upTo: number) => {
    while (table.column < upTo || table.below.has(table.column)) {
      const merged = table.below.get(table.column);
      if (!merged) {
        if (table.column >= upTo) break;
        row.push('');
      } else {
        row.push(merged.text);
        if (--merged.rows === 0) table.below.delete(table.column);
      }
      table.column++;
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HIDDEN.has(name)) hidden++;
        if (hidden) return;
        if (name === 'table') {
          flush();
          if (tables.length === 0) tables.push({ row: null, cell: null, column: 0, colspan: 1, rowspan: 1, below: new Map() });
          else tables.push(tables[0]); // a table in a cell: its text stays in the outer cell
          return;
        }
        const table = tables.length === 1 ? outer() : null;
        if (table && name === 'tr') {
          table.row = [];
          table.column = 0;
        } else if (table && (name === 'td' || name === 'th') && table.row) {
          fillMerged(table, table.row, 0);
          text = '';
          table.cell = [];
          table.colspan = Math.min(Math.max(Number.parseInt(attributes.colspan ?? '1', 10) || 1, 1), 50);
          table.rowspan = Math.min(Math.max(Number.parseInt(attributes.rowspan ?? '1', 10) || 1, 1), 1000);
        } else if (BLOCK.has(name) || name === 'td' || name === 'th' || name === 'tr') flush();
      },
      ontext(data) {
        if (!hidden) text += data;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1);
          return;
        }
        if (hidden) return;
        if (name === 'table') {
          flush();
          tables.pop();
          return;
        }
        const table = tables.length === 1 ? outer() : null;
        if (table && (name === 'td' || name === 'th') && table.row && table.cell) {
          flush();
          const value = joinCellParagraphs(table.cell).replace(/\|/g, '｜');
          table.cell = null;
          for (let c = 0; c < table.colspan; c++) {
            table.row.push(c === 0 ? value : '');
            if (table.rowspan > 1) table.below.set(table.column, { text: c === 0 ? value : '', rows: table.rowspan - 1 });
            table.column++;
          }
        } else if (table && name === 'tr' && table.row) {
          flush();
          fillMerged(table, table.row, table.column);
          if (table.row.some((c) => c)) lines.push(`| ${table.row.join(' | ')} |`);
          table.row = null;
        } else if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return lines.join('\n');
}
