// A .docx read with its tables as tables: the package is inflated under a limit first, then
// mammoth's HTML is turned into lines (src/ingest/formats/html-lines.ts).
import mammoth from 'mammoth';
import { checkInflatedSize } from './zip.js';
import { htmlToLines } from './html-lines.js';

/** the text of a .docx: paragraphs as lines, tables as | cell | cell | rows */
export async function docxText(bytes: Buffer): Promise<string> {
  await checkInflatedSize(bytes);
  const { value } = await mammoth.convertToHtml({ buffer: bytes });
  return htmlToLines(value).replace(/\r\n?/g, '\n');
}
