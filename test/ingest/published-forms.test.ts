import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { decodeDocument, readDocumentFile, UnreadableFileError } from '../../src/ingest/read.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { formatReport, ingestFiles } from '../../src/ingest/ingest.js';
import { htmlToLines } from '../../src/ingest/formats/html-lines.js';
import { xlsxText } from '../../src/ingest/formats/spreadsheet.js';
import { tableRows } from '../../src/ingest/formats/pdf-tables.js';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { createOrm } from '../../src/orm.js';
import { exportFile } from '../../src/modules/export/export.service.js';
import { convertWithLibreOffice } from '../../src/ingest/formats/office.js';
import { MissingToolError } from '../../src/ingest/formats/tools.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';
import { documentPath } from '../../eval/score.js';
import { installed } from '../support/programs.js';
import { seedDatabase } from '../../src/ingest/seed.js';

// before any PDF is read in this process (each test file has its own)
const NATIVE = { parse: JSON.parse, stringify: JSON.stringify, push: Array.prototype.push, toString: Function.prototype.toString };

const FORMS = new URL('../fixtures/ingest/forms/', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
const divisions = new DivisionIndex();
const triples = (doc: ReturnType<typeof parseDocument>) => doc.tasks.map((t) => t.assignments.map((a) => `${a.role} ${a.mention}`));

describe('a PDF with a text layer (a national notice as published)', () => {
  const file = documentPath({ id: 'f01', file: 'f01.pdf' });

  it('leaves the built-ins of the process as they were: pdf.js’s polyfills replaced JSON and Array.prototype.push for the whole server', async () => {
    await readDocumentFile(file);
    expect(JSON.parse).toBe(NATIVE.parse);
    expect(JSON.stringify).toBe(NATIVE.stringify);
    expect(Array.prototype.push).toBe(NATIVE.push);
    expect(Function.prototype.toString).toBe(NATIVE.toString);
    // what it adds and needs stays
    expect(typeof (Promise as unknown as { withResolvers: unknown }).withResolvers).toBe('function');
  });

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

  it('reads a ruled 任务分工表 cell by cell: headers over two lines, cells of several lines, a run across two cells', async () => {
    const read = await readDocumentFile(FORMS + 'county-table.pdf');
    expect(read.text).toContain('| 序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |');
    expect(read.text).toContain('| 3 | 提升幼教服务水平,启动中心幼儿园改扩建,扩充公办幼儿园学位至1800个,全县公办幼儿园在园人数占比达到50%。 | 毛晓青 | 县教体局 各相关乡镇政府 |');
    const other = await readDocumentFile(FORMS + 'county-table-2.pdf');
    expect(other.text).toContain('| 1 | 启动建设东柳河城区段综合治理工程和东湖湿地公园。 | 县水务局、县住建局、县护城河指挥部 | 12月底前 |');
    const doc2 = parseDocument(other.text, divisions, other);
    expect(doc2.meta).toMatchObject({ number: '竹府办〔2016〕20号', jurisdiction: '511724' });
    expect(doc2.tasks.map((t) => [t.path, t.deadline, t.assignments.map((a) => `${a.role} ${a.mention}`)])).toEqual([
      ['1', '12月底前', ['RESPONSIBLE 县水务局', 'RESPONSIBLE 县住建局', 'RESPONSIBLE 县护城河指挥部']],
      ['2', '9月投入使用', ['RESPONSIBLE 县住建局']],
      ['3', '12月底前', ['RESPONSIBLE 县文体广新局', 'RESPONSIBLE 县代建中心']],
    ]);
  });

  it('keeps the page of each clause', async () => {
    const read = await readDocumentFile(FORMS + 'county-table.pdf');
    const doc = parseDocument(read.text, divisions, read);
    expect(triples(doc).slice(1, 4)).toEqual([
      ['RESPONSIBLE 县教体局', 'RESPONSIBLE 各相关乡镇政府'],
      ['RESPONSIBLE 县卫健委', 'RESPONSIBLE 各相关乡镇政府'],
      ['RESPONSIBLE 县教体局', 'RESPONSIBLE 各相关乡镇政府'],
    ]);
    const pages = doc.tasks.flatMap((t) => t.assignments.map((a) => a.clause.page));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.every((p) => p !== undefined && p >= 1 && p <= read.pageStarts!.length + 1)).toBe(true);
  });

  it('refuses a PDF of more pages than the limit before reading any of them', async () => {
    // a valid PDF of 1,001 empty pages, written out by hand
    const pages = 1001;
    const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')}] /Count ${pages} >>`];
    for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
    let pdf = '%PDF-1.4\n';
    const offsets = objects.map((o, i) => {
      const at = pdf.length;
      pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
      return at;
    });
    const xref = pdf.length;
    pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const started = Date.now();
    await expect(decodeDocument(Buffer.from(pdf, 'latin1'), 'long.pdf')).rejects.toThrow(/long\.pdf: 1001 pages is more than the limit of 1000/);
    expect(Date.now() - started).toBeLessThan(5000);
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

describe('scans, through the pipeline', () => {
  it('a PDF without a text layer is rendered by pdftoppm and read by OCR, and its clauses are read', async () => {
    let read;
    try {
      read = await readDocumentFile(FORMS + 'county-notice-scan.pdf');
    } catch (error) {
      expect((error as Error).message).toMatch(/apt-get install (poppler-utils|tesseract-ocr)/);
      return;
    }
    expect(read).toMatchObject({ format: 'PDF', encoding: 'pdf (scanned, OCR)' });
    const doc = parseDocument(read.text, divisions, read);
    expect(doc.meta).toMatchObject({ jurisdiction: '140525', title: '泽州县人民政府办公室关于进一步加强汛期安全防范工作的通知' });
    expect(triples(doc)[0]).toEqual(['RESPONSIBLE 县应急局', 'RESPONSIBLE 县水务局', 'RESPONSIBLE 各乡镇人民政府']);
    expect(doc.tasks[0].assignments.every((a) => a.clause.page === 1 && a.clause.confidence! > 0.5)).toBe(true);
  });

  it('lists the clauses read from lines OCR was unsure of, in the report', async () => {
    const text = '某县人民政府办公室关于做好防汛工作的通知\n一、压实责任。（县应急局负责）\n二、排查隐患。（县水务局负责）\n';
    const unsure = text.indexOf('二、');
    const doc = parseDocument(text, divisions, { pageStarts: [], confidence: [{ start: 0, end: unsure - 1, confidence: 0.93 }, { start: unsure, end: text.length - 1, confidence: 0.41 }] });
    expect(doc.lowConfidence.map((c) => [c.text, c.confidence])).toEqual([['县水务局负责', 0.41]]);
    expect(doc.tasks[0].assignments[0].clause).toMatchObject({ confidence: 0.93, page: 1 });
  });
});

describe('tables in HTML, PDF and spreadsheets: merged cells', () => {
  it('a ruled PDF table: no line between two cells merges them — down, the text repeats in each row; across, empty cells follow', () => {
    // 序号 | 任务 | 牵头单位 over three rows; the lead merged over rows 1–2, the last row's task and lead merged across
    const xs = [0, 40, 200, 300];
    const ys = [400, 380, 340, 300, 260];
    const full = (at: number, from: number, to: number) => ({ at, from, to });
    const table = {
      xs,
      ys,
      vertical: [full(0, 260, 400), full(40, 260, 400), full(200, 300, 400), full(300, 260, 400)],
      horizontal: [full(400, 0, 300), full(380, 0, 300), full(340, 0, 200), full(300, 0, 300), full(260, 0, 300)],
    };
    const run = (text: string, x0: number, y: number) => ({ text, x0, x1: x0 + text.length * 10, y, size: 10 });
    const rows = tableRows(table, [
      run('序号', 5, 385), run('任务', 50, 385), run('牵头单位', 210, 385),
      run('1', 5, 350), run('推进甲项', 50, 355), run('工作', 50, 343), run('市发展改革委', 210, 330),
      run('2', 5, 310), run('推进乙项工作', 50, 310),
      run('3', 5, 270), run('保障措施由市政府办统筹', 50, 270),
    ]);
    expect(rows).toEqual([
      ['序号', '任务', '牵头单位'],
      ['1', '推进甲项工作', '市发展改革委'],
      ['2', '推进乙项工作', '市发展改革委'],
      ['3', '保障措施由市政府办统筹', ''],
    ]);
  });

  it('a cell merged down repeats in each row it covers; one merged across leaves empty cells after it', () => {
    const html = '<table><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>配合单位</th></tr>' + '<tr><td>1</td><td>甲</td><td rowspan="2">市发展改革委</td><td>市财政局</td></tr>' + '<tr><td>2</td><td>乙</td><td>市商务局</td></tr>' + '<tr><td colspan="2">二、保障</td><td>市政府办</td><td></td></tr></table>';
    expect(htmlToLines(html).split('\n')).toEqual(['| 序号 | 任务 | 牵头单位 | 配合单位 |', '| 1 | 甲 | 市发展改革委 | 市财政局 |', '| 2 | 乙 | 市发展改革委 | 市商务局 |', '| 二、保障 |  | 市政府办 |  |']);
  });

  it('an .xlsx 分工表 with a 牵头单位 merged over two rows gives both rows their lead', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('分工');
    sheet.addRow(['某市人民政府办公室关于印发重点任务分工方案的通知']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['序号', '重点任务', '牵头单位', '配合单位']);
    sheet.addRow([1, '推进甲项工作', '市发展改革委', '市财政局\n市商务局']);
    sheet.addRow([2, '推进乙项工作', null, '市自然资源局']);
    sheet.mergeCells('C3:C4');
    const read = await xlsxText(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.text.split('\n')).toEqual([
      '某市人民政府办公室关于印发重点任务分工方案的通知',
      '| 序号 | 重点任务 | 牵头单位 | 配合单位 |',
      '| 1 | 推进甲项工作 | 市发展改革委 | 市财政局、市商务局 |',
      '| 2 | 推进乙项工作 | 市发展改革委 | 市自然资源局 |',
    ]);
  });

  it('refuses a zip package that is neither Word nor Excel, by name', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['a']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    // the same package with its workbook part renamed: a zip, but no Office document
    const renamed = Buffer.from(xlsx.toString('latin1').replaceAll('xl/workbook.xml', 'xl/notebook.xml'), 'latin1');
    await expect(decodeDocument(renamed, 'odd.zip')).rejects.toThrow(/odd\.zip: a zip package that is neither a Word \(\.docx\) nor an Excel \(\.xlsx\) file/);
  });

  it('a bad file in a batch is reported by name; the others are still ingested', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutygraph-batch-'));
    const orm = await createOrm({ dbPath: join(dir, 'batch.sqlite') });
    try {
      writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
      const result = await ingestFiles(orm, [join(dir, 'broken.pdf'), FIXTURES + 'county-notice.txt', FORMS + 'province-task-list.doc']);
      expect(result.failed.map((f) => [f.why, f.error.replace(dir, '')])).toEqual([['unreadable', expect.stringMatching(/^\/broken\.pdf: not a readable PDF/)]]);
      expect(result.ingested.map((i) => i.report.source.format)).toEqual(['TEXT', 'DOC']);
      expect(formatReport(result)).toMatch(/province-task-list\.doc \(DOC, doc, read by word-extractor [\d.]+\)/);
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
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

  it('the printed xlsx reads as a 分工表: title and 文号 on lines of their own, the header, chapter bands as headings, units one a line as a list, no full names from the notes', async () => {
    const lines = (await xlsxText((await exportFile(orm, 'xlsx', {})).body)).text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '河北省人民政府办公厅关于印发河北省应急物资保障体系建设任务分工方案的通知',
      '冀政办字〔2024〕21号 任务分工表',
      '| 序号 | 重点任务 | 牵头单位 | 责任单位 | 配合单位 | 完成时限 | 依据 |',
      '一、健全应急物资储备体系',
      '（一）优化储备布局',
    ]);
    expect(lines[5]).toMatch(/^\| 1 \| 1\.完善省、市、县三级应急物资储备库网络.* \| 省发展改革委 \|  \| 省财政厅、省自然资源厅 \| 2024年6月底前 \| /);
    expect(lines.join('\n')).not.toContain('河北省财政厅');
  });

  it('reads the role columns the export writes: 分工负责单位 is SHARED, 督促落实单位 SUPERVISE', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工表');
    sheet.addRow(['晋城市人民政府关于做好安全生产工作的通知']);
    sheet.addRow(['序号', '重点任务', '牵头单位', '分工负责单位', '督促落实单位']);
    sheet.addRow([1, '（一）强化燃气安全整治', '市住建局', '市应急局\n市市场监管局', '市安委办']);
    const path = join(dir, 'roles.xlsx');
    writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
    const result = await ingestFiles(orm, [path], { dryRun: true, jurisdiction: '140500' });
    expect(result.failed).toEqual([]);
    const [task] = result.ingested[0].view.tasks;
    expect(task.assignments.map((a: { mention: string; role: string }) => `${a.mention} ${a.role}`).sort()).toEqual(['市住建局 LEAD', '市安委办 SUPERVISE', '市市场监管局 SHARED', '市应急局 SHARED']);
  });

  const soffice = installed('soffice');

  for (const format of ['xlsx', 'csv', 'xls'] as const) {
    it.skipIf(format === 'xls' && !soffice)(`${format}: every (unit, role) comes back, task by task${format === 'xls' ? ' (the .xlsx saved as .xls by LibreOffice)' : ''}`, async () => {
      const file = await exportFile(orm, format === 'xls' ? 'xlsx' : format, {});
      const path = join(dir, `exported.${format}`);
      if (format === 'xls') {
        writeFileSync(join(dir, 'exported-x.xlsx'), file.body);
        execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xls', '--outdir', join(dir, 'xls'), join(dir, 'exported-x.xlsx')], { stdio: 'ignore', timeout: 120_000 });
        writeFileSync(path, readFileSync(join(dir, 'xls', 'exported-x.xls')));
      } else writeFileSync(path, file.body);
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

describe('the 任务分工表 of each seed document, exported and ingested again, gives back its duties', () => {
  let dir: string;
  let seeded: MikroORM;
  /** per task with duties, in document order: its path and its (unit, role) pairs */
  const duties = async (o: MikroORM, sourceFile: string) => {
    const rows = await o.em.fork().getConnection().execute<{ path: string; unit: string; role: string }[]>(
      `select t.path as path, u.name as unit, a.role as role from assignment a join task t on t.row_id = a.task_id join unit u on u.row_id = a.unit_id
       join document d on d.row_id = t.document_id where d.source_file = ? order by t.ordinal, u.name, a.role`,
      [sourceFile],
    );
    const byTask = new Map<string, string[]>();
    for (const r of rows) byTask.set(r.path, [...(byTask.get(r.path) ?? []), `${r.unit} ${r.role}`]);
    return [...byTask].map(([path, pairs]) => ({ path, pairs }));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dutygraph-roundtrip-'));
    seeded = await createOrm({ dbPath: join(dir, 'seeded.sqlite') });
    await seedDatabase(seeded);
  });
  afterAll(async () => {
    await seeded.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  // the three seed documents that assign units to their items
  for (const number of ['晋市政发〔2022〕1号', '晋政发〔2024〕1号', '晋市安委办发〔2023〕33号']) {
    it(`${number}: every task's (unit, role) pairs, under the same numbered paths`, async () => {
      const [doc] = await seeded.em.fork().getConnection().execute<{ sourceFile: string }[]>(`select source_file as "sourceFile" from document where doc_number = ?`, [number]);
      const path = join(dir, `${number}.xlsx`);
      writeFileSync(path, (await exportFile(seeded, 'xlsx', { document: number })).body);
      const again = await createOrm({ dbPath: join(dir, `${number}.sqlite`) });
      try {
        // as a user would: no --jurisdiction, the title row names the issuer
        const result = await ingestFiles(again, [path]);
        expect(result.failed).toEqual([]);
        const before = await duties(seeded, doc.sourceFile);
        const after = await duties(again, `${number}.xlsx`);
        expect(after.map((t) => t.pairs)).toEqual(before.map((t) => t.pairs));
        // a numbered item comes back under its own label ((一), 1.), not the table's 序号; an unnumbered
        // sub-topic (（二十一）'s 森林草原火灾) is a row of its own, numbered by 序号, beside its item
        const numbered = (p: string) => /^(?:[一二三四五六七八九十]+|（[一二三四五六七八九十]+）|\d+)$/.test(p.split('/').at(-1)!);
        const paths = before.map((t, i) => [t.path, after[i].path]);
        expect(paths.filter(([p]) => numbered(p)).every(([p, q]) => p === q), JSON.stringify(paths.filter(([p, q]) => numbered(p) && p !== q))).toBe(true);
      } finally {
        await again.close(true);
      }
    });
  }
});
