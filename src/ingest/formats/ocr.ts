// Scans read by Debian's tesseract (chi_sim): each line keeps the engine's confidence, so the
// clauses read from uncertain lines can be listed in the report. A scanned PDF is first turned
// into page images by poppler's pdftoppm.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfidenceRange, ReaderOutput } from './reader.js';
import { run, withScratch } from './tools.js';

export const OCR_MAX_PAGES = 50;
export const OCR_PAGE_SECONDS = 90;

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** the text of page images, in order, with a confidence for each line */
export async function ocrImages(images: string[], language = 'chi_sim'): Promise<ReaderOutput> {
  const { stdout: langs } = await run('tesseract', ['--list-langs'], { timeoutSeconds: 20 });
  if (!langs.split(/\s+/).includes(language)) throw new Error(`tesseract has no ${language} data: apt-get install tesseract-ocr-chi-sim`);
  const { stdout: version } = await run('tesseract', ['--version'], { timeoutSeconds: 20 });
  let text = '';
  const confidence: ConfidenceRange[] = [];
  const pageStarts: number[] = [];
  for (const [index, image] of images.entries()) {
    if (index > 0) {
      text += '\n';
      pageStarts.push(text.length);
    }
    const { stdout } = await run('tesseract', [image, 'stdout', '-l', language, '--psm', '6', 'tsv'], { timeoutSeconds: OCR_PAGE_SECONDS });
    const lines = new Map<string, { words: string[]; conf: number[] }>();
    for (const row of stdout.split('\n').slice(1)) {
      const f = row.split('\t');
      if (f.length < 12 || f[0] !== '5' || !f[11].trim()) continue;
      const key = `${f[2]}.${f[3]}.${f[4]}`;
      const line = lines.get(key) ?? { words: [], conf: [] };
      line.words.push(f[11].trim());
      line.conf.push(Number(f[10]) / 100);
      lines.set(key, line);
    }
    const out: string[] = [];
    for (const { words, conf } of lines.values()) {
      // tesseract separates Chinese characters by spaces: only spaces between Latin words are text
      const line = words.reduce((s, w) => (s && !CJK.test(s.slice(-1)) && !CJK.test(w[0]) ? `${s} ${w}` : s + w), '');
      const start = text.length + out.reduce((n, l) => n + l.length + 1, 0);
      confidence.push({ start, end: start + line.length, confidence: Math.round((conf.reduce((a, b) => a + b, 0) / conf.length) * 1000) / 1000 });
      out.push(line);
    }
    text += out.join('\n');
  }
  return { text, removed: [], reader: version.split('\n')[0].trim() + ` (${language})`, pageStarts, confidence };
}

/** an image file (PNG, JPEG, TIFF …) by OCR */
export function ocrImage(bytes: Buffer, extension: string): Promise<ReaderOutput> {
  return withScratch(async (dir) => {
    const file = join(dir, `page${extension}`);
    await writeFile(file, bytes);
    return ocrImages([file]);
  });
}

/** a PDF without a text layer: its pages rendered at 300 dpi, then read by OCR */
export function ocrPdf(bytes: Buffer, pages: number): Promise<ReaderOutput> {
  if (pages > OCR_MAX_PAGES) throw new Error(`a scan of ${pages} pages is more than the OCR limit of ${OCR_MAX_PAGES}`);
  return withScratch(async (dir) => {
    const file = join(dir, 'scan.pdf');
    await writeFile(file, bytes);
    await run('pdftoppm', ['-r', '300', '-gray', '-png', file, join(dir, 'page')], { timeoutSeconds: OCR_PAGE_SECONDS * pages });
    const images = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    return ocrImages(images.map((f) => join(dir, f)));
  });
}
