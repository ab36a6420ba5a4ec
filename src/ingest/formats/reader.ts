// What every format's reader hands to the parser: the text, what it left out and why, and where
// its pages start — so a clause keeps its page and nothing is dropped unrecorded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Noise } from '../types.js';

/** the forms a document arrives in, told by content and not only by the file's extension */
export type DocumentFormat = 'TEXT' | 'DOCX' | 'DOC' | 'WPS' | 'PDF' | 'HTML' | 'XLSX' | 'XLS' | 'CSV' | 'IMAGE';

/** text a reader left out (a page header, a web page's navigation), at its offset in the text it returns */
export type RemovedText = Omit<Noise, 'cleanOffset'>;

/** a stretch of text read by OCR, with the engine's confidence (0–1) */
export interface ConfidenceRange {
  start: number;
  end: number;
  confidence: number;
}

/** a clause read from a line OCR is less sure of than this is listed in the report */
export const LOW_CONFIDENCE = 0.8;

export interface ReaderOutput {
  text: string;
  removed: RemovedText[];
  /** the library or program that read it, with its version */
  reader: string;
  /** offsets in `text` where pages 2, 3 … start (PDFs, scans) */
  pageStarts?: number[];
  /** for text read by OCR: the confidence of each line */
  confidence?: ConfidenceRange[];
}

const require = createRequire(import.meta.url);

/** `name version`, as installed */
export function versioned(name: string): string {
  // a package's exports may hide its package.json: walk up from its entry point instead
  try {
    for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return `${name} ${pkg.version}`;
      } catch {
        // no package.json at this level
      }
    }
  } catch {
    // not installed
  }
  return name;
}
