// Word's binary formats: .doc read by word-extractor (no LibreOffice needed); .wps and the .doc
// files it cannot read converted by LibreOffice to .docx where it is installed.
import WordExtractor from 'word-extractor';
import { docxText } from './docx.js';
import { convertWithLibreOffice } from './office.js';
import { type ReaderOutput, versioned } from './reader.js';
import { MissingToolError } from './tools.js';

/** word-extractor ends each table cell with a tab: a line of cells is a table row */
function tabsToRows(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.includes('\t') ? `| ${line.replace(/\t+$/, '').split('\t').map((c) => c.trim().replace(/\|/g, '｜')).join(' | ')} |` : line))
    .join('\n');
}

export async function wordBinaryText(bytes: Buffer, extension: string): Promise<ReaderOutput> {
  let failure: Error | null = null;
  if (extension !== '.wps') {
    try {
      const body = (await new WordExtractor().extract(bytes)).getBody();
      if (body.trim()) return { text: tabsToRows(body), removed: [], reader: versioned('word-extractor') };
    } catch (error) {
      failure = error as Error;
    }
  }
  try {
    const docx = await convertWithLibreOffice(bytes, extension, 'docx');
    return { text: await docxText(docx), removed: [], reader: 'LibreOffice (converted to .docx), then mammoth' };
  } catch (error) {
    if (error instanceof MissingToolError) {
      throw new MissingToolError(`${extension === '.wps' ? 'a WPS document' : `a Word file word-extractor cannot read (${failure?.message ?? 'no text'})`}: LibreOffice converts it — ${error.message}`);
    }
    throw error;
  }
}
