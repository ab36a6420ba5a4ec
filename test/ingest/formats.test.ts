import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scoreAgainstKey } from '../support/score.js';
import { decodeDocument } from '../../src/ingest/read.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

const F = new URL('../fixtures/ingest/', import.meta.url).pathname;

// documents of the family that are not in the corpus, each scored against a key written by hand
const CASES: [file: string, key: string, what: string][] = [
  ['state-council-notice.txt', 'state-council-notice', 'a State Council notice: national bodies with and without 国家, co-leads, OTHER'],
  ['province-task-list.txt', 'province-task-list', 'a provincial 任务分工 list of 河北: 牵头单位：…；配合单位：… fields, a prefix written once'],
  ['province-task-list.docx', 'province-task-list', 'the same list as .docx'],
  ['city-plan.md', 'city-plan', 'a city plan converted from PDF: markdown, page breaks inside names, a 专栏 box'],
  ['county-notice.txt', 'county-notice', 'a county notice: 第一条, （1）, ①, an implied declaration'],
  ['county-notice.gb18030.txt', 'county-notice', 'the county notice in GB18030'],
  ['county-notice.bom.txt', 'county-notice', 'the county notice in UTF-8 with BOM'],
  ['open-ended.txt', 'open-ended', 'open lists (等部门, bare 等), one role over two groups, 和 between and inside names'],
];

describe('documents of the family beyond the corpus, against hand-made keys', () => {
  for (const [file, key, what] of CASES) {
    it(`${file} — ${what}`, async () => {
      const s = await scoreAgainstKey(F + file, `${F}${key}.key.json`);
      const expected = JSON.parse(readFileSync(`${F}${key}.key.json`, 'utf8')).document;
      expect(s.meta).toMatchObject({ jurisdiction: expected.jurisdiction, kind: expected.kind, number: expected.number });
      expect({ tasksMissing: s.tasksMissing, tasksExtra: s.tasksExtra }).toEqual({ tasksMissing: [], tasksExtra: [] });
      expect({ missing: s.missing, extra: s.extra }).toEqual({ missing: [], extra: [] });
      expect(s.precision).toBe(1);
      expect(s.recall).toBe(1);
    });
  }
});

describe('reading files', () => {
  it('detects the encoding: UTF-8, UTF-8 with BOM and GB18030 give the same text', async () => {
    const utf8 = await decodeDocument(readFileSync(F + 'county-notice.txt'), 'county-notice.txt');
    const bom = await decodeDocument(readFileSync(F + 'county-notice.bom.txt'), 'county-notice.bom.txt');
    const gb = await decodeDocument(readFileSync(F + 'county-notice.gb18030.txt'), 'county-notice.gb18030.txt');
    expect([utf8.encoding, bom.encoding, gb.encoding]).toEqual(['utf-8', 'utf-8 (BOM)', 'gb18030']);
    expect(bom.text.replace(/^\uFEFF/, '')).toBe(utf8.text);
    expect(gb.text).toBe(utf8.text);
  });

  it('reads a .docx through mammoth, paragraph by paragraph', async () => {
    const docx = await decodeDocument(readFileSync(F + 'province-task-list.docx'), 'province-task-list.docx');
    expect(docx.format).toBe('DOCX');
    expect(docx.text).toContain('牵头单位：省发展改革委；配合单位：省财政厅、省自然资源厅');
  });

  it('reads a Word table as a table: the header gives each column its role, a cell of several units stays one list', async () => {
    const docx = await decodeDocument(readFileSync(F + 'county-table.docx'), 'county-table.docx');
    expect(docx.text).toContain('| 1 | 启动建设东柳河城区段综合治理工程和东湖湿地公园。 | 县水务局、县住建局、县护城河指挥部 | 12月底前 |');
    const doc = parseDocument(docx.text, new DivisionIndex());
    expect(doc.meta).toMatchObject({ number: '竹府办〔2016〕20号', jurisdiction: '511724' });
    expect(doc.tasks.map((t) => [t.path, t.deadline, t.assignments.map((a) => `${a.role} ${a.mention}`)])).toEqual([
      ['1', '12月底前', ['RESPONSIBLE 县水务局', 'RESPONSIBLE 县住建局', 'RESPONSIBLE 县护城河指挥部']],
      ['2', '9月投入使用', ['RESPONSIBLE 县住建局']],
      ['3', '12月底前', ['RESPONSIBLE 县文体广新局', 'RESPONSIBLE 县代建中心']],
    ]);
  });

  it('refuses a .docx that inflates past 50 MB before inflating it, naming it', async () => {
    const before = process.memoryUsage().rss;
    await expect(decodeDocument(readFileSync(F + 'bomb.docx'), 'bomb.docx')).rejects.toThrow('bomb.docx: not a readable .docx file: it inflates to more than 52428800 bytes');
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('refuses a .docx whose headers lie about its size, once inflating shows it', async () => {
    await expect(decodeDocument(readFileSync(F + 'lying-bomb.docx'), 'lying-bomb.docx')).rejects.toThrow(/lying-bomb\.docx: not a readable \.docx file: too many bytes/);
  });

  it('refuses a binary file, naming it', async () => {
    await expect(decodeDocument(readFileSync(F + 'binary.bin'), 'binary.bin')).rejects.toThrow('binary.bin: a binary file, not a text document');
  });
});
