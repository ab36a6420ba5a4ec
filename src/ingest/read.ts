// Reads a document in whatever form it was published — plain text in any Chinese encoding, PDF,
// a saved web page, Word (.docx, .doc, .wps), a spreadsheet (.xlsx, .xls, .csv) or a scan — told
// by its content first and its extension second; each form's reader is in src/ingest/formats/.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import chardet from 'chardet';
import { DEFAULT_MAX_BYTES } from '../defaults.js';
import { docxText } from './formats/docx.js';
import { htmlText } from './formats/html.js';
import { ocrImage, ocrPdf } from './formats/ocr.js';
import { convertWithLibreOffice } from './formats/office.js';
import { pdfText } from './formats/pdf.js';
import type { DocumentFormat, ReaderOutput } from './formats/reader.js';
import { versioned } from './formats/reader.js';
import { csvText, xlsxText } from './formats/spreadsheet.js';
import { wordBinaryText } from './formats/word.js';
import { checkInflatedSize } from './formats/zip.js';

export { DEFAULT_MAX_BYTES };
/** the most text a file may turn into, whatever its form (a spreadsheet or a zip inflates) */
export const MAX_TEXT_CHARACTERS = 10_000_000;

/** a file that cannot be read at all: the CLI exits non-zero naming it */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface ReadResult extends ReaderOutput {
  /** for text: utf-8, utf-8 (BOM), gb18030, utf-16le …; for other forms the form's name */
  encoding: string;
  format: DocumentFormat;
}

// chardet's names for what Chinese government texts come in
const CHINESE_ENCODINGS: Record<string, string> = { 'GB18030': 'gb18030', 'GBK': 'gb18030', 'GB2312': 'gb18030', 'Big5': 'big5', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be' };

export async function readDocumentFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new UnreadableFileError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  if (size > maxBytes) throw new UnreadableFileError(path, `${size} bytes is larger than the limit of ${maxBytes} bytes (--max-bytes or DUTYGRAPH_MAX_INPUT_BYTES)`);
  return decodeDocument(await readFile(path), path, extname(path).toLowerCase());
}

const startsWith = (bytes: Buffer, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);
// the names of an OLE compound file's streams are UTF-16: a Word document has WordDocument, a workbook Workbook
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** the form of a file, by its first bytes (and, for text, whether it is markup) */
export function sniffFormat(bytes: Buffer, ext: string): 'PDF' | 'ZIP' | 'OLE' | 'IMAGE' | 'CSV' | 'HTML' | 'TEXT' {
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'PDF';
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'ZIP';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'OLE';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a) || startsWith(bytes, 0x42, 0x4d)) return 'IMAGE';
  if (ext === '.csv') return 'CSV';
  const head = bytes.subarray(0, 2048).toString('latin1');
  if (/^\s*(<!doctype html|<html|<head|<meta|<body)/i.test(head.replace(/^\uFEFF|^\xef\xbb\xbf/, '')) || ((ext === '.html' || ext === '.htm') && /<[a-z]+[\s>]/i.test(head))) return 'HTML';
  return 'TEXT';
}

/** reads the bytes of a document; `name` is for messages, `ext` helps only where content cannot tell */
export async function decodeDocument(bytes: Buffer, name: string, ext = extname(name).toLowerCase()): Promise<ReadResult> {
  let result: ReadResult;
  try {
    result = await readAs(bytes, name, ext);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(name, (error as Error).message);
  }
  if (result.text.length > MAX_TEXT_CHARACTERS) throw new UnreadableFileError(name, `it reads as ${result.text.length} characters, more than the limit of ${MAX_TEXT_CHARACTERS}`);
  result.text = result.text.replace(/\r\n?/g, '\n');
  return result;
}

async function readAs(bytes: Buffer, name: string, ext: string): Promise<ReadResult> {
  const format = sniffFormat(bytes, ext);
  switch (format) {
    case 'PDF': {
      const pdf = await pdfText(bytes);
      if (!pdf.scanned) return { ...pdf, format: 'PDF', encoding: 'pdf' };
      // a scan: no text layer to read, so OCR, or a message naming what OCR needs
      const scan = await ocrPdf(bytes, pdf.pages);
      return { ...scan, format: 'PDF', encoding: 'pdf (scanned, OCR)', reader: `pdftoppm, then ${scan.reader}` };
    }
    case 'IMAGE':
      return { ...(await ocrImage(bytes, ext || '.png')), format: 'IMAGE', encoding: 'image (OCR)' };
    case 'ZIP': {
      const entries = await checkInflatedSize(bytes).catch((error: Error) => {
        throw new UnreadableFileError(name, `not a readable ${ext === '.xlsx' ? '.xlsx' : '.docx'} file: ${error.message}`);
      });
      if (entries.includes('word/document.xml')) {
        const text = await docxText(bytes).catch((error: Error) => {
          throw new UnreadableFileError(name, `not a readable .docx file: ${error.message}`);
        });
        return { text, removed: [], reader: versioned('mammoth'), format: 'DOCX', encoding: 'docx' };
      }
      if (entries.includes('xl/workbook.xml')) return { ...(await xlsxText(bytes)), format: 'XLSX', encoding: 'xlsx' };
      throw new UnreadableFileError(name, 'a zip package that is neither a Word (.docx) nor an Excel (.xlsx) file');
    }
    case 'OLE': {
      const spreadsheet = bytes.includes(utf16('Workbook')) || ext === '.xls';
      if (spreadsheet) return { ...(await xlsxText(await convertWithLibreOffice(bytes, '.xls', 'xlsx'))), format: 'XLS', encoding: 'xls', reader: 'LibreOffice (converted to .xlsx), then exceljs' };
      const wps = ext === '.wps' || !bytes.includes(utf16('WordDocument'));
      return { ...(await wordBinaryText(bytes, wps ? '.wps' : '.doc')), format: wps ? 'WPS' : 'DOC', encoding: wps ? 'wps' : 'doc' };
    }
    case 'HTML': {
      const { text, encoding } = decodeText(bytes, name, declaredCharset(bytes));
      return { ...htmlText(text), format: 'HTML', encoding };
    }
    case 'CSV': {
      const { text, encoding } = decodeText(bytes, name);
      return { ...csvText(text), format: 'CSV', encoding };
    }
    case 'TEXT': {
      const { text, encoding } = decodeText(bytes, name);
      return { text, encoding, format: 'TEXT', removed: [], reader: 'text' };
    }
    default:
      throw new UnreadableFileError(name, `unknown form ${format satisfies never}`);
  }
}

/** <meta charset="gb2312">: what a web page says it is written in */
function declaredCharset(bytes: Buffer): string | undefined {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'));
  if (!m) return undefined;
  const charset = m[1].toLowerCase();
  return /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset) ? 'gb18030' : charset;
}

/** text in any of the encodings Chinese documents come in: UTF-8 (BOM or not), UTF-16, GB18030/GBK (detected, not assumed) */
function decodeText(bytes: Buffer, name: string, declared?: string): { text: string; encoding: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(encoding).decode(bytes), encoding };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (looksBinary(bytes)) throw new UnreadableFileError(name, 'a binary file, not a text document (nor PDF, Word, Excel, HTML or an image)');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: bom ? 'utf-8 (BOM)' : 'utf-8' };
  } catch {
    // not UTF-8: what the page declares, else the detector's guess; Chinese legacy encodings read as GB18030 (a superset of GBK and GB2312)
  }
  const detected = chardet.detect(bytes);
  let encoding = declared && declared !== 'utf-8' ? declared : ((detected && CHINESE_ENCODINGS[detected]) ?? 'gb18030');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    encoding = 'gb18030';
    decoder = new TextDecoder(encoding);
  }
  const text = decoder.decode(bytes);
  if ((text.match(/\uFFFD/g)?.length ?? 0) > text.length / 100) throw new UnreadableFileError(name, `neither UTF-8 nor ${encoding}: cannot tell its encoding`);
  return { text, encoding };
}

function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length / 20;
}
