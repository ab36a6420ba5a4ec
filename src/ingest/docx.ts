// A .docx read with its tables as tables: the package is inflated under a limit first (a zip bomb
// stops there), then mammoth's HTML is turned into lines — a paragraph a line, a table row as
// | cell | cell |, which the parser reads as a 任务分工表 (src/ingest/table-rows.ts).
import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import yauzl from 'yauzl';

/** the most a .docx may inflate to: its XML, not its images, is what a document's text needs */
export const DOCX_MAX_INFLATED_BYTES = 50 * 1024 * 1024;

export class DocxError extends Error {}

/** inflates every entry, counting the bytes that really come out (the sizes a zip declares can lie) */
export async function checkInflatedSize(bytes: Buffer, limit = DOCX_MAX_INFLATED_BYTES): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, z) => (error ? reject(new DocxError(`not a zip package (${error.message})`)) : resolve(z))),
  );
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      reject(error instanceof DocxError ? error : new DocxError(error.message));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      if (total + entry.uncompressedSize > limit) return fail(new DocxError(`it inflates to more than ${limit} bytes (a zip bomb, or a document far larger than a work document)`));
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            stream.destroy();
            fail(new DocxError(`it inflates to more than ${limit} bytes (a zip bomb, or a document far larger than a work document)`));
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

/** the text of a .docx: paragraphs as lines, tables as | cell | cell | rows */
export async function docxText(bytes: Buffer): Promise<string> {
  await checkInflatedSize(bytes);
  const { value } = await mammoth.convertToHtml({ buffer: bytes });
  return htmlToLines(value);
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr']);

/**
 * mammoth's HTML as lines. A cell that holds several paragraphs (a unit on each) joins them with
 * 、 so its list stays one cell; cells are separated by |.
 */
export function htmlToLines(html: string): string {
  const lines: string[] = [];
  let text = '';
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'table') depth++;
        if (name === 'tr') row = [];
        else if ((name === 'td' || name === 'th') && row) cell = [];
        else if (BLOCK.has(name)) text = '';
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name) {
        if (name === 'table') depth--;
        if ((name === 'td' || name === 'th') && row && cell) {
          if (text.trim()) cell.push(text.trim());
          // a cell of several paragraphs: prose runs on, a list of units stays a list
          row.push(cell.reduce((joined, part) => (joined && !/[。；;，,：:、]$/.test(joined) ? `${joined}、${part}` : joined + part), ''));
          cell = null;
          text = '';
        } else if (name === 'tr' && row) {
          lines.push(`| ${row.map((c) => c.replace(/\|/g, '｜')).join(' | ')} |`);
          row = null;
        } else if (BLOCK.has(name)) {
          if (cell) {
            if (text.trim()) cell.push(text.trim());
          } else if (text.trim() && depth === 0) lines.push(text.trim());
          text = '';
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return lines.join('\n');
}
