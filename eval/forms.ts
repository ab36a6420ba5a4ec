// The same document in the forms it is published in, made from its text by LibreOffice: a web
// page (HTML), a Word file (.docx) and the signed copy (PDF). The text's lines become paragraphs
// set as an official document sets them (the title centred and larger, paragraphs indented two
// characters); lines of | cells | become a real table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FORMS = ['pdf', 'docx', 'html'] as const;
export type Form = (typeof FORMS)[number];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** the text as an article page */
export function documentHtml(text: string): string {
  const body: string[] = [];
  let rows: string[] = [];
  const endTable = () => {
    if (rows.length) body.push(`<table border="1" cellspacing="0">${rows.join('')}</table>`);
    rows = [];
  };
  let titled = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    // a table row copied with bars: | 1 | 任务 | 单位 |, or 序号 | 任务 | 单位
    if (/^\|.*\|$/.test(line) || line.split('|').length >= 4) {
      const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => `<td>${escape(c.trim())}</td>`);
      rows.push(`<tr>${cells.join('')}</tr>`);
      continue;
    }
    endTable();
    if (!titled) {
      body.push(`<h1 style="text-align:center;font-size:22pt">${escape(line)}</h1>`);
      titled = true;
    } else body.push(`<p style="text-indent:2em;font-size:16pt">${escape(line)}</p>`);
  }
  endTable();
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>document</title></head><body><article>${body.join('\n')}</article></body></html>`;
}

/** the bytes of the document in a form; PDF and .docx by LibreOffice (soffice) */
export function formBytes(text: string, form: Form): Buffer {
  const html = documentHtml(text);
  if (form === 'html') return Buffer.from(html, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'dutygraph-form-'));
  try {
    writeFileSync(join(dir, 'document.html'), html);
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--infilter=HTML (StarWriter)', '--convert-to', form === 'pdf' ? 'pdf:writer_pdf_Export' : 'docx:MS Word 2007 XML', '--outdir', dir, join(dir, 'document.html')], { timeout: 120_000, stdio: 'ignore' });
    return readFileSync(join(dir, `document.${form}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
