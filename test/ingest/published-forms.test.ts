import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { decodeDocument, readDocumentFile, UnreadableFileError } from '../../src/ingest/read.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { createOrm } from '../../src/orm.js';
import { exportFile } from '../../src/modules/export/export.service.js';
import { convertWithLibreOffice } from '../../src/ingest/formats/office.js';
import { MissingToolError } from '../../src/ingest/formats/tools.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';
import { documentPath } from '../../eval/score.js';

const FORMS = new URL('../fixtures/ingest/forms/', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
const divisions = new DivisionIndex();
const triples = (doc: ReturnType<typeof parseDocument>) => doc.tasks.map((t) => t.assignments.map((a) => `${a.role} ${a.mention}`));

describe('a PDF with a text layer (a national notice as published)', () => {
  const file = documentPath({ id: 'f01', file: 'f01.pdf' });

  it('is read by pdf.js in reading order: page numbers removed as noise, paragraphs joined across pages, page starts kept', async () => {
    const read = await readDocumentFile(file);
    expect(read.format).toBe('PDF');
    expect(read.reader).toMatch(/^pdfjs-dist \d/);
    expect(read.pageStarts).toHaveLength(4);
    expect(read.removed.filter((r) => r.reason === 'page number of the PDF').map((r) => r.text)).toEqual(['—1—', '—2—', '—3—', '—4—', '—5—']);
    expect(read.removed.some((r) => r.reason.startsWith('page break inside a paragraph'))).toBe(true);
    const doc = parseDocument(read.text, divisions, read);
    expect(doc.meta).toMatchObject({ number: '发改办财金规〔2019〕860号', title: '关于加强个人所得税纳税信用建设的通知' });
    expect(doc.pageStarts).toHaveLength(4);
    expect(doc.tasks.map((t) => t.path).slice(0, 4)).toEqual(['一', '二', '二/（一）', '二/（二）']);
  });

  it('keeps the page of each clause (a county table copied as text, printed to PDF)', async () => {
    const read = await readDocumentFile(FORMS + 'county-table.pdf');
    const doc = parseDocument(read.text, divisions, read);
    expect(triples(doc).slice(1, 3)).toEqual([
      ['RESPONSIBLE 县教体局', 'RESPONSIBLE 各相关乡镇政府'],
      ['RESPONSIBLE 县卫健委', 'RESPONSIBLE 各相关乡镇政府'],
    ]);
    const pages = doc.tasks.flatMap((t) => t.assignments.map((a) => a.clause.page));
    expect(pages.length).toBe(5);
    expect(pages.every((p) => p !== undefined && p >= 1 && p <= read.pageStarts!.length + 1)).toBe(true);
  });

  it('tells a PDF by its content, whatever it is called, and refuses a broken one clearly', async () => {
    const bytes = readFileSync(file);
    expect((await decodeDocument(bytes, 'notice.txt')).format).toBe('PDF');
    await expect(decodeDocument(bytes.subarray(0, 2000), 'cut.pdf')).rejects.toThrow(/cut\.pdf: not a readable PDF/);
  });
});

describe('a page saved from a government website', () => {
  it('keeps the article: the site around it is recorded as noise, its tables stay tables, merged cells repeat in each row', async () => {
    const read = await readDocumentFile(documentPath({ id: 'f02', file: 'f02.html' }));
    expect(read.format).toBe('HTML');
    expect(read.reader).toMatch(/^@mozilla\/readability .* over linkedom/);
    expect(read.removed.map((r) => r.text)).toEqual(expect.arrayContaining(['高级搜索', '分享到：']));
    expect(read.removed.every((r) => r.kind === 'NAVIGATION')).toBe(true);
    expect(read.text.split('\n')[0]).toBe('广州市卫生健康委等4部门关于印发推进广州市家庭医生签约服务高质量发展实施方案的通知');
    const doc = parseDocument(read.text, divisions, read);
    expect(doc.meta).toMatchObject({ number: '穗卫函〔2023〕1930号', jurisdiction: '440100' });
    // 序号 1 spans three rows of measures: each row carries its number and its units
    expect(read.text.match(/^\| 1 \| 有序扩大家庭医生来源。/gm)).toHaveLength(3);
  });

  it('reads a page in GB2312 as it declares', async () => {
    const html = '<html><head><meta charset="gb2312"><title>t</title></head><body><h1>某县人民政府办公室关于印发某方案的通知</h1><p>一、加强领导。（县发改局牵头，县财政局配合）</p></body></html>';
    const { default: iconv } = await import('iconv-lite');
    const read = await decodeDocument(iconv.encode(html, 'gb2312'), 'page.htm');
    expect(read.encoding).toBe('gb18030');
    expect(read.text).toContain('（县发改局牵头，县财政局配合）');
  });
});

describe('Word 97–2003 and WPS', () => {
  it('reads a .doc with word-extractor, no LibreOffice needed', async () => {
    const read = await readDocumentFile(FORMS + 'province-task-list.doc');
    expect(read.format).toBe('DOC');
    expect(read.reader).toMatch(/^word-extractor/);
    expect(read.text).toContain('牵头单位：省发展改革委；配合单位：省财政厅、省自然资源厅');
  });

  it('names the Debian package when LibreOffice, needed for .wps and .xls, is not installed', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(convertWithLibreOffice(Buffer.from('x'), '.wps', 'docx')).rejects.toThrow(MissingToolError);
      await expect(convertWithLibreOffice(Buffer.from('x'), '.wps', 'docx')).rejects.toThrow(/apt-get install libreoffice-writer-nogui/);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('scans, by OCR', () => {
  it('reads a scanned page with tesseract (chi_sim), keeps the confidence of each line, or names the packages it needs', async () => {
    let read;
    try {
      read = await readDocumentFile(FORMS + 'county-notice-scan.png');
    } catch (error) {
      // a machine without tesseract: the message names what to install, never an empty document
      expect(error).toBeInstanceOf(UnreadableFileError);
      expect((error as Error).message).toMatch(/apt-get install tesseract-ocr/);
      return;
    }
    expect(read.format).toBe('IMAGE');
    expect(read.reader).toMatch(/^tesseract .*\(chi_sim\)/);
    expect(read.text).toContain('关于进一步加强汛期安全防范工作的通知');
    expect(read.confidence!.length).toBeGreaterThan(5);
    expect(read.confidence!.every((c) => c.confidence > 0 && c.confidence <= 1)).toBe(true);
    const doc = parseDocument(read.text, divisions, read);
    expect(doc.tasks[0].path).toBe('第一条');
    // the confidence of each line, moved onto the cleaned text the clauses' spans index
    expect(doc.confidence.length).toBeGreaterThan(5);
    expect(doc.confidence.every((c) => c.end <= doc.text.length && c.start < c.end)).toBe(true);
  });
});

describe('任务分工表 spreadsheets: what `dutygraph export` writes ingests back to the same triples', () => {
  let dir: string;
  let orm: MikroORM;
  const tasksOf = async (o: MikroORM, sourceFile: string) =>
    (
      await o.em.fork().getConnection().execute<{ ordinal: number; unit: string; role: string }[]>(
        `select t.ordinal as ordinal, u.name as unit, a.role as role from assignment a join task t on t.row_id = a.task_id join unit u on u.row_id = a.unit_id join document d on d.row_id = t.document_id where d.source_file = ? order by t.ordinal, u.name, a.role`,
        [sourceFile],
      )
    ).map((r) => `${r.unit} ${r.role}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dutygraph-forms-'));
    orm = await createOrm({ dbPath: join(dir, 'source.sqlite') });
    await ingestFiles(orm, [FIXTURES + 'province-task-list.txt']);
  });
  afterAll(async () => {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const format of ['xlsx', 'csv'] as const) {
    it(`${format}: every (unit, role) comes back, task by task`, async () => {
      const file = await exportFile(orm, format, {});
      const path = join(dir, `exported.${format}`);
      writeFileSync(path, file.body);
      const again = await createOrm({ dbPath: join(dir, `again-${format}.sqlite`) });
      try {
        const result = await ingestFiles(again, [path], { jurisdiction: '130000' });
        expect(result.failed).toEqual([]);
        expect(result.ingested[0].report.source.format).toBe(format.toUpperCase());
        const before = await tasksOf(orm, 'province-task-list.txt');
        const after = await tasksOf(again, `exported.${format}`);
        expect(after.sort()).toEqual(before.sort());
      } finally {
        await again.close(true);
      }
    });
  }
});
