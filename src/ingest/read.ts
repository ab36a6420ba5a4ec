import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import chardet from 'chardet';
import { docxText } from './docx.js';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** a file that cannot be read at all: the CLI exits non-zero naming it */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface ReadResult {
  text: string;
  /** utf-8, utf-8 (BOM), gb18030, utf-16le …, or docx */
  encoding: string;
  format: 'text' | 'docx';
}

// chardet's names for what Chinese government texts come in
const CHINESE_ENCODINGS: Record<string, string> = { 'GB18030': 'gb18030', 'GBK': 'gb18030', 'GB2312': 'gb18030', 'Big5': 'big5', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be' };

/**
 * Reads a document as text, whatever it came in: UTF-8 with or without BOM, UTF-16, GB18030/GBK
 * (detected, not assumed), or .docx (through mammoth, its tables kept as | rows, its inflated size bounded). Refuses binary files and files over the limit.
 */
export async function readDocumentFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new UnreadableFileError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  if (size > maxBytes) throw new UnreadableFileError(path, `${size} bytes is larger than the limit of ${maxBytes} bytes (--max-bytes or DUTYGRAPH_MAX_INPUT_BYTES)`);
  const bytes = await readFile(path);
  return decodeDocument(bytes, path, extname(path).toLowerCase());
}

export async function decodeDocument(bytes: Buffer, name: string, ext = extname(name).toLowerCase()): Promise<ReadResult> {
  const isZip = bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (ext === '.docx' || isZip) {
    if (!isZip) throw new UnreadableFileError(name, 'not a .docx file (no zip container)');
    try {
      return { text: (await docxText(bytes)).replace(/\r\n?/g, '\n'), encoding: 'docx', format: 'docx' };
    } catch (error) {
      throw new UnreadableFileError(name, `not a readable .docx file: ${(error as Error).message}`);
    }
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(encoding).decode(bytes), encoding, format: 'text' };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (looksBinary(bytes)) throw new UnreadableFileError(name, 'a binary file, not a text document');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: bom ? 'utf-8 (BOM)' : 'utf-8', format: 'text' };
  } catch {
    // not UTF-8: ask the detector, and read Chinese legacy encodings as GB18030 (a superset of GBK and GB2312)
  }
  const detected = chardet.detect(bytes);
  const encoding = (detected && CHINESE_ENCODINGS[detected]) ?? 'gb18030';
  const text = new TextDecoder(encoding).decode(bytes);
  if ((text.match(/\uFFFD/g)?.length ?? 0) > text.length / 100) throw new UnreadableFileError(name, `neither UTF-8 nor ${encoding}: cannot tell its encoding`);
  return { text, encoding, format: 'text' };
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
