import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { parseString } from '@fast-csv/parse';
import { SaxesParser } from 'saxes';
import { createHttpServer } from '../src/http.js';
import { exportFile, type ExportFormat } from '../src/modules/export/export.service.js';
import { sheetName } from '../src/modules/export/tabular.js';
import { escapeXml } from '../src/modules/export/graphml.js';
import { contentDisposition } from '../src/modules/export/export.http.js';
import { seedDatabase } from '../src/ingest/seed.js';
import { type Graph, seededGraph, tempOrm, type TempOrm } from './support/graph.js';

const run = promisify(execFile);
const CLI = new URL('../bin/dutygraph.js', import.meta.url).pathname;

// the table's role columns, as offices head them (the format, written out here independently of the code)
const ROLE_OF_HEADER: Record<string, string> = { 牵头单位: 'LEAD', 分工负责单位: 'SHARED', 责任单位: 'RESPONSIBLE', 配合单位: 'COOPERATE', 督促落实单位: 'SUPERVISE', 其他: 'OTHER' };

const UNIT = `fragment U on Unit { id name parent { id name parent { id name parent { id name } } } }`;
const DOCUMENT = `query ($sourceFile: String!) {
  document(sourceFile: $sourceFile) {
    id number title sourceFile issuer { ...U }
    tasks(first: 100) {
      totalCount pageInfo { hasNextPage }
      nodes { id path label title kind depth deadline progress { status } implements { id implemented { id document { sourceFile } } } assignments { id role mention clause { text start end } unit { ...U kind members { ...U } } } }
    }
  }
} ${UNIT}`;

interface ApiUnit {
  id: string;
  name: string;
  parent: ApiUnit | null;
}
interface ApiDocument {
  id: string;
  number: string | null;
  title: string;
  sourceFile: string;
  issuer: ApiUnit | null;
  tasks: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean };
    nodes: {
      id: string;
      path: string;
      label: string;
      title: string;
      kind: string;
      depth: number;
      deadline: string | null;
      progress: { status: string }[];
      implements: { id: string; implemented: { id: string; document: { sourceFile: string } } }[];
      assignments: { id: string; role: string; mention: string; clause: { text: string; start: number; end: number }; unit: ApiUnit & { kind: string; members: ApiUnit[] } }[];
    }[];
  };
}

let graph: Graph;
let documents: ApiDocument[];
let unitNames: string[];
let server: Server;
let base: string;

beforeAll(async () => {
  graph = await seededGraph();
  const { documents: list } = await graph.query(`{ documents(first: 100) { nodes { sourceFile } } }`);
  documents = [];
  for (const { sourceFile } of list.nodes) documents.push((await graph.query(DOCUMENT, { sourceFile })).document);
  unitNames = [];
  for (let after: string | null = null; ; ) {
    const { units } = await graph.query(`query ($after: String) { units(first: 100, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }`, { after });
    unitNames.push(...units.nodes.map((u: { name: string }) => u.name));
    if (!units.pageInfo.hasNextPage) break;
    after = units.pageInfo.endCursor;
  }
  server = createHttpServer(graph.server, graph.orm);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await graph.close();
});

const doc = (number: string) => documents.find((d) => d.number === number)!;
const triple = (path: string, unit: string, role: string) => `${path}|${unit}|${role}`;

/** what the API says: (task path, unit name, role) for every assignment of the document */
function apiTriples(d: ApiDocument): Set<string> {
  expect(d.tasks.pageInfo.hasNextPage).toBe(false);
  return new Set(d.tasks.nodes.flatMap((t) => t.assignments.map((a) => triple(t.path, a.unit.name, a.role))));
}

/** a cell of units joined by 、 — split by the API's unit names, since names may hold 、 themselves (山西省各市、县人民政府) */
function splitUnits(cell: string): string[] {
  const names: string[] = [];
  let at = 0;
  while (at < cell.length) {
    const name = unitNames
      .filter((n) => cell.startsWith(n, at) && (at + n.length === cell.length || cell[at + n.length] === '、'))
      .sort((a, b) => b.length - a.length)[0];
    if (!name) return [...names, `<unparsed: ${cell.slice(at)}>`];
    names.push(name);
    at += name.length + 1;
  }
  return names;
}

/** the triples of a table given as its header and rows (XLSX sheet or CSV) */
function tableTriples(header: string[], rows: string[][]): { triples: Set<string>; paths: string[] } {
  const taskColumn = header.indexOf('任务');
  expect(taskColumn).toBeGreaterThan(-1);
  const triples = new Set<string>();
  const paths: string[] = [];
  for (const row of rows) {
    const path = row[taskColumn].split(' ')[0];
    paths.push(path);
    header.forEach((h, i) => {
      if (ROLE_OF_HEADER[h] && row[i]) for (const unit of splitUnits(row[i])) triples.add(triple(path, unit, ROLE_OF_HEADER[h]));
    });
  }
  return { triples, paths };
}

async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

/** the printed 任务分工表 (written out here independently of the code): the document's title, then its 文号, then the header row */
const HEADER_ROW = 3;

interface PrintedRow {
  /** a heading nobody is assigned to: one cell merged across the table */
  band: boolean;
  cells: string[];
  notes: string[];
}

const noteText = (note: ExcelJS.Cell['note'] | undefined) => (note === undefined ? '' : typeof note === 'string' ? note : note.texts.map((t) => t.text).join(''));

function printedTable(sheet: ExcelJS.Worksheet): { header: string[]; rows: PrintedRow[] } {
  const text = (row: ExcelJS.Row) => Array.from({ length: sheet.columnCount }, (_, i) => String(row.getCell(i + 1).value ?? ''));
  const header = text(sheet.getRow(HEADER_ROW));
  const rows: PrintedRow[] = [];
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push({ band: row.getCell(1).isMerged, cells: text(row), notes: Array.from({ length: sheet.columnCount }, (_, i) => noteText(row.getCell(i + 1).note)) });
  }
  return { header, rows };
}

/** a task as the document numbers it: （一）严格落实党政领导责任 */
const asWritten = (t: { label: string; title: string }) => t.label + t.title;

/** headings with no unit, deadline or progress print as bands; every other task is numbered */
const isBand = (t: ApiDocument['tasks']['nodes'][number]) => ['CHAPTER', 'SECTION'].includes(t.kind) && !t.assignments.length && !t.deadline && !t.progress.length;

/**
 * The (task, unit, role) triples a printed sheet states: one row per task of the document, in its
 * order; a role's cell lists the names the document uses, one a line, and its note gives the full
 * names behind them (省应急厅：山西省应急管理厅) where they differ.
 */
function printedTriples(header: string[], rows: PrintedRow[], d: ApiDocument): Set<string> {
  expect(d.tasks.pageInfo.hasNextPage).toBe(false);
  expect(rows).toHaveLength(d.tasks.nodes.length);
  const triples = new Set<string>();
  rows.forEach((row, i) => {
    const task = d.tasks.nodes[i];
    expect(row.band).toBe(isBand(task));
    if (row.band) return expect(row.cells[0]).toBe(asWritten(task));
    expect(row.cells[header.indexOf('重点任务')]).toBe(asWritten(task));
    header.forEach((h, c) => {
      const role = ROLE_OF_HEADER[h];
      if (!role || !row.cells[c]) return;
      const mentions = row.cells[c].split('\n');
      expect(mentions).toEqual([...new Set(task.assignments.filter((a) => a.role === role).map((a) => a.mention))]);
      const full = new Map(row.notes[c].split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('：')), line.slice(line.indexOf('：') + 1).split('；')]));
      for (const mention of mentions) for (const unit of row.notes[c] ? full.get(mention)! : [mention]) triples.add(triple(task.path, unit, role));
    });
  });
  return triples;
}

/** one part of an XLSX package as text (exceljs does not read row breaks back) */
async function zipEntry(body: Buffer, name: string): Promise<string> {
  const zip = await promisify(yauzl.fromBuffer)(body, { lazyEntries: true });
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => (zip.close(), resolve(Buffer.concat(chunks).toString('utf8'))));
      });
    });
    zip.on('end', () => reject(new Error(`${name}: not in the package`)));
    zip.readEntry();
  });
}

async function readCsv(body: Buffer): Promise<string[][]> {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(body.subarray(3).toString('utf8'))
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

interface GraphmlElement {
  id: string;
  source?: string;
  target?: string;
  data: Record<string, string>;
}

/** a strict XML parse (saxes rejects anything not well-formed) into keys, nodes and edges */
function readGraphml(body: Buffer): { keys: Map<string, { for: string; name: string }>; nodes: GraphmlElement[]; edges: GraphmlElement[] } {
  const parser = new SaxesParser();
  const keys = new Map<string, { for: string; name: string }>();
  const nodes: GraphmlElement[] = [];
  const edges: GraphmlElement[] = [];
  let current: GraphmlElement | null = null;
  let dataKey: string | null = null;
  let text = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'key') keys.set(a.id, { for: a.for, name: a['attr.name'] });
    if (tag.name === 'node') nodes.push((current = { id: a.id, data: {} }));
    if (tag.name === 'edge') edges.push((current = { id: a.id, source: a.source, target: a.target, data: {} }));
    if (tag.name === 'data') (dataKey = a.key), (text = '');
  });
  parser.on('text', (t) => dataKey && (text += t));
  parser.on('closetag', (tag) => {
    if (tag.name === 'data' && current && dataKey) current.data[dataKey] = text;
    if (tag.name === 'data') dataKey = null;
  });
  parser.write(body.toString('utf8')).close();
  return { keys, nodes, edges };
}

/** the units an export of the document should carry: those assigned, the issuer, collectives' members, and parents up the tree */
function apiUnits(d: ApiDocument): Map<string, string> {
  const units = new Map<string, string>();
  const add = (u: ApiUnit | null) => {
    for (let p = u; p; p = p.parent) units.set(p.id, p.name);
  };
  add(d.issuer);
  for (const t of d.tasks.nodes) for (const a of t.assignments) add(a.unit), a.unit.members.forEach(add);
  return units;
}

describe('XLSX: the 任务分工表', () => {
  it.each(['晋政发〔2024〕1号', '晋市安委办发〔2023〕33号', '晋市政发〔2022〕1号'])('%s round-trips: re-read with exceljs, the same (task, unit, role) triples as the API; 序号 counts tasks, not headings', async (number) => {
    const d = doc(number);
    const file = await exportFile(graph.orm, 'xlsx', { document: number });
    const workbook = await readXlsx(file.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([number]);
    const { header, rows } = printedTable(workbook.worksheets[0]);
    expect(printedTriples(header, rows, d)).toEqual(apiTriples(d));
    const tasks = d.tasks.nodes.filter((t) => !isBand(t));
    expect(tasks.length).toBeLessThan(d.tasks.nodes.length);
    expect(rows.filter((r) => !r.band).map((r) => r.cells[0])).toEqual(tasks.map((_, i) => String(i + 1)));
  });

  it('names units as the document does (省应急厅), one a line, so 各市、县人民政府 stays whole; the full names are in the cell’s note', async () => {
    const d = doc('晋政发〔2024〕1号');
    const { header, rows } = printedTable((await readXlsx((await exportFile(graph.orm, 'xlsx', { document: '晋政发〔2024〕1号' })).body)).worksheets[0]);
    const row = (title: string) => rows[d.tasks.nodes.findIndex((t) => t.title === title)];
    const responsible = header.indexOf('责任单位');
    expect(row('严格落实党政领导责任').cells[responsible]).toBe('省安委办\n各市、县人民政府');
    expect(row('严格落实党政领导责任').notes[responsible]).toBe('省安委办：山西省安全生产委员会办公室\n各市、县人民政府：山西省各市、县人民政府');
    const shared = header.indexOf('分工负责单位');
    expect(row('主动落实部门监管责任').cells[shared].split('\n')).toEqual(['省审批服务管理局', '省住建厅', '省交通厅', '省应急厅', '省市场监管局', '省国防科工局', '省消防救援总队']);
    expect(row('主动落实部门监管责任').notes[shared].split('\n')).toContain('省应急厅：山西省应急管理厅');
    // a name the document writes in full needs no note
    expect(row('煤矿领域专项整治').cells[shared]).toContain('国家矿山安全监察局山西局');
    expect(row('煤矿领域专项整治').notes[shared]).toContain('国家矿山安全监察局山西局：国家矿山安全监察局山西局');
  });

  it('quotes each sentence once under 依据: a basis (以下均需…) already inside a quoted clause is not repeated', async () => {
    const d = doc('晋政发〔2024〕1号');
    const { header, rows } = printedTable((await readXlsx((await exportFile(graph.orm, 'xlsx', { document: '晋政发〔2024〕1号' })).body)).worksheets[0]);
    const basis = header.indexOf('依据');
    const quoted = rows.filter((r) => !r.band).map((r) => r.cells[basis].split('\n'));
    for (const lines of quoted) for (const line of lines) expect(lines.filter((other) => other.includes(line)), line).toEqual([line]);
    expect(rows[d.tasks.nodes.findIndex((t) => t.title === '严格落实党政领导责任')].cells[basis]).toBe('省安委办和各市、县人民政府负责。以下均需市、县人民政府负责,不再一一列出');
  });

  it('has the title and 文号 above the header; columns 序号, 重点任务, 牵头单位 and each other role that occurs, 完成时限 and 进展 only where a task has one, 依据', async () => {
    const workbook = await readXlsx((await exportFile(graph.orm, 'xlsx', {})).body);
    const columns = new Set<string>();
    documents.forEach((d, i) => {
      const sheet = workbook.worksheets[i];
      expect(sheet.getCell('A1').value).toBe(d.title);
      expect(sheet.getCell('A2').value).toBe(d.number ? `${d.number} 任务分工表` : '任务分工表');
      const occurring = new Set(d.tasks.nodes.flatMap((t) => t.assignments.map((a) => a.role)));
      const roles = Object.entries(ROLE_OF_HEADER).filter(([, role]) => role === 'LEAD' || occurring.has(role)).map(([h]) => h);
      const deadlines = d.tasks.nodes.filter((t) => t.deadline);
      const { header, rows } = printedTable(sheet);
      expect(header).toEqual(['序号', '重点任务', ...roles, ...(deadlines.length ? ['完成时限'] : []), ...(d.tasks.nodes.some((t) => t.progress.length) ? ['进展'] : []), ...(occurring.size ? ['依据'] : [])]);
      if (deadlines.length) expect(rows.filter((r) => !r.band).map((r) => r.cells[header.indexOf('完成时限')]).filter(Boolean)).toEqual(deadlines.map((t) => t.deadline));
      const withClause = d.tasks.nodes.findIndex((t) => t.assignments.length);
      if (withClause >= 0) for (const a of d.tasks.nodes[withClause].assignments) expect(rows[withClause].cells[header.indexOf('依据')]).toContain(a.clause.text);
      header.forEach((h) => columns.add(h));
    });
    // the documents between them show every optional column
    expect([...columns]).toEqual(expect.arrayContaining(['完成时限', '进展', '依据', '配合单位', '督促落实单位']));
  });

  it('prints on A4 landscape, one page wide and as many tall as it takes, the header row on every page, 五号 text wrapped in rows tall enough for it', async () => {
    const body = (await exportFile(graph.orm, 'xlsx', { document: '晋政发〔2024〕1号' })).body;
    const sheet = (await readXlsx(body)).worksheets[0];
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // at 100%, the columns fit between the margins even where a width unit is 7 pt (LibreOffice without Calibri's metrics)
    const { left, right } = sheet.pageSetup.margins!;
    const widths = Array.from({ length: sheet.columnCount }, (_, i) => sheet.getColumn(i + 1).width!);
    expect(widths.reduce((a, b) => a + b, 0) * 7).toBeLessThanOrEqual(841.89 - 72 * (left + right));
    const { header, rows } = printedTable(sheet);
    expect(rows.length).toBeGreaterThan(40);
    rows.forEach((printed, i) => {
      const row = sheet.getRow(HEADER_ROW + 1 + i);
      const cells = printed.band ? [row.getCell(1)] : header.map((_, c) => row.getCell(c + 1));
      for (const cell of cells) {
        // 10.5 pt (五号) as written; exceljs reads a size back as a whole number
        expect(cell.font).toMatchObject({ name: '宋体', size: 10 });
        expect(cell.alignment?.wrapText).toBe(true);
      }
      // at least a line of 10.5 pt for every line the cells hold before any wrapping
      const lines = Math.max(...printed.cells.map((c) => c.split('\n').length));
      expect(row.height).toBeGreaterThanOrEqual(lines * 10.5 * 1.2);
    });
  });

  it('starts each chapter (一、二、…) on a new page: a row break before every chapter’s band, and nowhere else', async () => {
    const d = doc('晋政发〔2024〕1号');
    const body = (await exportFile(graph.orm, 'xlsx', { document: '晋政发〔2024〕1号' })).body;
    const xml = await zipEntry(body, 'xl/worksheets/sheet1.xml');
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    const chapters = d.tasks.nodes.flatMap((t, i) => (t.kind === 'CHAPTER' && t.depth === 0 ? [HEADER_ROW + 1 + i] : []));
    expect(chapters).toHaveLength(7);
    // a break after the row above each chapter but the first
    expect(breaks).toEqual(chapters.slice(1).map((row) => row - 1));
  });

  it('everything: one sheet per document, names within Excel’s rules, the progress report’s 进展 filled in', async () => {
    const workbook = await readXlsx((await exportFile(graph.orm, 'xlsx', {})).body);
    expect(workbook.worksheets).toHaveLength(documents.length);
    const names = workbook.worksheets.map((s) => s.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n.length <= 31 && !/[\\/?*[\]:]/.test(n)).toBe(true);
    const report = await graph.query(`{ document(sourceFile: "000_9babb23a9d226355.txt") { tasks(first: 100) { nodes { progress { status } } } } }`);
    const reported = report.document.tasks.nodes.filter((t: { progress: unknown[] }) => t.progress.length).length;
    expect(reported).toBeGreaterThan(0);
    const sheet = workbook.worksheets[documents.findIndex((d) => d.sourceFile === '000_9babb23a9d226355.txt')];
    const { header, rows } = printedTable(sheet);
    const progress = rows.filter((r) => !r.band).map((r) => r.cells[header.indexOf('进展')]);
    expect(progress.filter(Boolean).length).toBe(reported);
    expect(progress.some((p) => p.startsWith('已完成'))).toBe(true);
  });

  it('sheet names: forbidden characters replaced, 31 characters at most, duplicates numbered', () => {
    const taken = new Set<string>();
    expect(sheetName('晋政发[2024]1号:*?/\\', taken)).toBe('晋政发_2024_1号_____');
    const long = '晋城市安全生产委员会办公室关于印发《晋城市贯彻落实国家及省市“十四五”应急体系》的通知';
    const first = sheetName(long, taken);
    expect([...first]).toHaveLength(31);
    const second = sheetName(long, taken);
    expect(second).not.toBe(first);
    expect([...second]).toHaveLength(31);
    expect(sheetName("'", taken)).toBe('文件');
  });
});

describe('CSV', () => {
  it.each(['晋政发〔2024〕1号', '晋市安委办发〔2023〕33号', '晋市政发〔2022〕1号'])('%s round-trips: UTF-8 with BOM, the same triples as the API', async (number) => {
    const [header, ...rows] = await readCsv((await exportFile(graph.orm, 'csv', { document: number })).body);
    expect(header[0]).toBe('序号');
    const { triples, paths } = tableTriples(header, rows);
    expect(triples).toEqual(apiTriples(doc(number)));
    expect(paths).toEqual(doc(number).tasks.nodes.map((t) => t.path));
  });

  it('everything: one file, a 文件 column first, every task of every document', async () => {
    const [header, ...rows] = await readCsv((await exportFile(graph.orm, 'csv', {})).body);
    expect(header.slice(0, 3)).toEqual(['文件', '序号', '任务']);
    expect(rows).toHaveLength(documents.reduce((n, d) => n + d.tasks.totalCount, 0));
    for (const d of documents.filter((x) => x.number)) {
      const mine = rows.filter((r) => r[0] === d.number).map((r) => r.slice(1));
      expect(tableTriples(header.slice(1), mine).triples).toEqual(apiTriples(d));
    }
  });
});

describe('JSON-LD', () => {
  it.each(['晋政发〔2024〕1号', '晋市安委办发〔2023〕33号'])('%s: org:Membership per assignment, IRIs from global IDs, PROV evidence as the API gives it', async (number) => {
    const d = doc(number);
    const json = JSON.parse((await exportFile(graph.orm, 'jsonld', { document: number })).body.toString('utf8'));
    const context = json['@context'];
    expect(context).toMatchObject({ org: 'http://www.w3.org/ns/org#', prov: 'http://www.w3.org/ns/prov#' });
    const nodes = new Map<string, any>(json['@graph'].map((n: any) => [n['@id'], n]));
    // every compact IRI used as a key or type has its prefix declared
    const prefixes = (n: any): string[] => [...Object.keys(n), ...[n['@type'] ?? []].flat()].filter((k) => !k.startsWith('@')).map((k) => k.split(':')[0]);
    for (const n of json['@graph']) for (const p of prefixes(n)) expect(context).toHaveProperty(p);
    const iri = (globalId: string) => `urn:dutygraph:${globalId}`;
    const assignments = json['@graph'].filter((n: any) => n['@type'].includes('dg:Assignment'));
    const triples = new Set<string>(
      assignments.map((a: any) => {
        expect(a['@type']).toContain('org:Membership');
        const task = nodes.get(a['org:organization']['@id']);
        expect(task['@type']).toContain('org:OrganizationalCollaboration');
        const unit = nodes.get(a['org:member']['@id']);
        expect(unit['@type']).toContain('org:Organization');
        return triple(task['dg:path'], unit['skos:prefLabel']['@value'], nodes.get(a['org:role']['@id'])['skos:notation']);
      }),
    );
    expect(triples).toEqual(apiTriples(d));
    for (const t of d.tasks.nodes) {
      for (const a of t.assignments) {
        const node = nodes.get(iri(a.id));
        expect(node['org:organization']['@id']).toBe(iri(t.id));
        expect(node['org:member']['@id']).toBe(iri(a.unit.id));
        const [clause] = node['prov:wasDerivedFrom'];
        expect(clause).toMatchObject({ 'prov:value': { '@value': a.clause.text }, 'dg:start': a.clause.start, 'dg:end': a.clause.end, 'prov:wasQuotedFrom': { '@id': iri(d.id) } });
      }
    }
    const memberships = new Set(json['@graph'].filter((n: any) => n['@type'].includes('dg:CollectiveMembership')).map((m: any) => `${m['org:organization']['@id']}>${m['org:member']['@id']}`));
    const expected = new Set(d.tasks.nodes.flatMap((t) => t.assignments.flatMap((a) => a.unit.members.map((m) => `${iri(a.unit.id)}>${iri(m.id)}`))));
    expect(memberships).toEqual(expected);
    for (const [id, name] of apiUnits(d)) expect(nodes.get(iri(id))['skos:prefLabel']['@value']).toBe(name);
  });
});

describe('GraphML', () => {
  it('everything: each link the API shows is an edge typed by its relation; a rejected link is left out', async () => {
    const data = await graph.query(`{ documents { nodes { tasks(first: 100) { nodes { related(parts: false) { id relation } } } } } }`);
    const shown = new Map<string, string>(data.documents.nodes.flatMap((d: any) => d.tasks.nodes.flatMap((t: any) => t.related.map((l: any) => [l.id, l.relation.toLowerCase()]))));
    expect(new Set(shown.values())).toEqual(new Set(['implements', 'continues', 'corresponds', 'reports_on']));
    const typed = async () => {
      const { keys, edges } = readGraphml((await exportFile(graph.orm, 'graphml', {})).body);
      const type = [...keys].find(([, k]) => k.for === 'edge' && k.name === 'type')![0];
      return new Map(edges.filter((e) => shown.has(e.id)).map((e) => [e.id, e.data[type]]));
    };
    expect(await typed()).toEqual(shown);
    const [rejected] = shown.keys();
    const rowId = Number(Buffer.from(rejected, 'base64url').toString('utf8').split(':')[1]);
    const sql = graph.orm.em.fork().getConnection();
    await sql.execute(`update task_link set review = 'REJECTED' where row_id = ?`, [rowId]);
    try {
      expect((await typed()).has(rejected)).toBe(false);
    } finally {
      await sql.execute(`update task_link set review = 'EXTRACTED' where row_id = ?`, [rowId]);
    }
  });

  it.each(['晋政发〔2024〕1号', '晋市安委办发〔2023〕33号'])('%s: well-formed, every data key declared, nodes and edges as the API counts them', async (number) => {
    const d = doc(number);
    const { keys, nodes, edges } = readGraphml((await exportFile(graph.orm, 'graphml', { document: number })).body);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.size).toBe(nodes.length);
    for (const n of nodes) for (const k of Object.keys(n.data)) expect(keys.get(k)?.for).toBe('node');
    for (const e of edges) for (const k of Object.keys(e.data)) expect(keys.get(k)?.for).toBe('edge');
    for (const e of edges) expect(byId.has(e.source!) && byId.has(e.target!)).toBe(true);
    const ofType = (type: string) => nodes.filter((n) => n.data.type === type);
    const units = apiUnits(d);
    expect(ofType('document').map((n) => n.id)).toEqual([d.id]);
    expect(new Set(ofType('task').map((n) => n.id))).toEqual(new Set(d.tasks.nodes.map((t) => t.id)));
    expect(new Map(ofType('unit').map((n) => [n.id, n.data.label]))).toEqual(units);
    expect(nodes).toHaveLength(1 + d.tasks.totalCount + units.size);
    const edgesOf = (type: string) => edges.filter((e) => e.data[[...keys].find(([, k]) => k.for === 'edge' && k.name === 'type')![0]] === type);
    const assignments = edgesOf('assignment');
    expect(new Set(assignments.map((e) => triple(byId.get(e.target!)!.data.path, byId.get(e.source!)!.data.label, e.data.role)))).toEqual(apiTriples(d));
    expect(assignments).toHaveLength(d.tasks.nodes.reduce((n, t) => n + t.assignments.length, 0));
    expect(edgesOf('part_of')).toHaveLength(d.tasks.totalCount);
    const links = d.tasks.nodes.flatMap((t) => t.implements.filter((l) => l.implemented.document.sourceFile === d.sourceFile));
    expect(new Set(edgesOf('implements').map((e) => e.id))).toEqual(new Set(links.map((l) => l.id)));
    const levels = keys.get('level');
    expect(levels).toMatchObject({ for: 'node', name: 'level' });
    expect(ofType('unit').every((n) => ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY'].includes(n.data.level) && n.data.kind)).toBe(true);
  });

  it('escapes names with & < > " \' and drops characters XML cannot carry', async () => {
    expect(escapeXml(`A&B <c> "d" 'e'\u0001`)).toBe('A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
    const d = doc('晋政发〔2024〕1号');
    const unit = d.tasks.nodes.find((t) => t.assignments.length)!.assignments[0].unit;
    const hostile = `${unit.name} & <伙伴> "甲" '乙'`;
    const conn = graph.orm.em.getConnection();
    await conn.execute(`update unit set name = ? where name = ?`, [`${hostile}\u0001`, unit.name]);
    try {
      const { nodes, edges } = readGraphml((await exportFile(graph.orm, 'graphml', { document: d.number! })).body);
      expect(nodes.find((n) => n.id === unit.id)?.data.label).toBe(hostile);
      expect(edges.filter((e) => e.source === unit.id).length).toBeGreaterThan(0);
    } finally {
      await conn.execute(`update unit set name = ? where name = ?`, [unit.name, `${hostile}\u0001`]);
    }
  });
});

describe('filters', () => {
  it.each(['市应急局', '泽州县人民政府'])('--unit %s: the tasks it has any role in, directly or through a collective, as accountability lists them', async (name) => {
    const { accountability } = await graph.query(`query ($u: String!) { accountability(unit: $u) { total truncated groups { items { task { id } } } } }`, { u: name });
    expect(accountability.truncated).toBe(false);
    const expected = new Set<string>(accountability.groups.flatMap((g: any) => g.items.map((i: any) => `urn:dutygraph:${i.task.id}`)));
    const json = JSON.parse((await exportFile(graph.orm, 'jsonld', { unit: name })).body.toString('utf8'));
    expect(new Set(json['@graph'].filter((n: any) => n['@type'].includes('dg:Task')).map((n: any) => n['@id']))).toEqual(expected);
  });

  it('--document takes a global ID or a source file name as well as the number', async () => {
    const d = doc('晋政发〔2024〕1号');
    for (const value of [d.id, d.sourceFile, '晋政发[2024]1号']) expect((await exportFile(graph.orm, 'csv', { document: value })).tasks).toBe(d.tasks.totalCount);
  });

  it('reads in a fixed number of SQL statements, one document or everything', async () => {
    const one = await exportFile(graph.orm, 'graphml', { document: '晋政发〔2024〕1号' });
    const all = await exportFile(graph.orm, 'graphml', {});
    const unit = await exportFile(graph.orm, 'graphml', { unit: '泽州县人民政府' });
    // tasks, assignments, units, aliases, memberships, divisions, progress, links; then the document asked for or all documents;
    // for a unit, its name and its collectives
    expect([one.statements, all.statements, unit.statements]).toEqual([9, 9, 11]);
  });

  it('unknown document, unknown unit, ambiguous unit: errors with a code', async () => {
    await expect(exportFile(graph.orm, 'csv', { document: '晋政发〔2099〕9号' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(exportFile(graph.orm, 'csv', { unit: '不存在的局' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(exportFile(graph.orm, 'csv', { unit: '城区人民政府' })).rejects.toMatchObject({ extensions: { code: 'AMBIGUOUS' } });
    expect((await exportFile(graph.orm, 'csv', { unit: '城区人民政府', jurisdiction: '140502' })).tasks).toBeGreaterThan(0);
  });
});

describe('GET /export', () => {
  it('serves the XLSX of a document as a download with a Chinese file name (RFC 5987)', async () => {
    const res = await fetch(`${base}/export?format=xlsx&document=${encodeURIComponent('晋政发〔2024〕1号')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7E]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('任务分工表_晋政发〔2024〕1号.xlsx');
    const workbook = await readXlsx(Buffer.from(await res.arrayBuffer()));
    const { header, rows } = printedTable(workbook.worksheets[0]);
    expect(printedTriples(header, rows, doc('晋政发〔2024〕1号'))).toEqual(apiTriples(doc('晋政发〔2024〕1号')));
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8'],
    ['jsonld', 'application/ld+json; charset=utf-8'],
    ['graphml', 'application/graphml+xml; charset=utf-8'],
  ])('serves %s with its content type, for a unit too', async (format, type) => {
    const res = await fetch(`${base}/export?format=${format}&unit=${encodeURIComponent('市应急局')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1])).toMatch(new RegExp(`晋城市应急管理局\\.${format}$`));
  });

  it.each([
    ['format=pdf', 'BAD_USER_INPUT', /format: "pdf" is not a format; use one of xlsx, csv, jsonld, graphml/],
    ['document=x', 'BAD_USER_INPUT', /format: missing/],
    [`format=csv&document=${encodeURIComponent('晋政发〔2099〕9号')}`, 'NOT_FOUND', /no document/],
    [`format=csv&unit=${encodeURIComponent('不存在的局')}`, 'NOT_FOUND', /no unit/],
    [`format=csv&unit=${encodeURIComponent('城区人民政府')}`, 'AMBIGUOUS', /names 2 units/],
  ])('?%s is a 400 with code %s', async (query, code, message) => {
    const res = await fetch(`${base}/export?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe(code);
    expect(body.errors[0].message).toMatch(message);
    if (code === 'AMBIGUOUS') expect(body.errors[0].extensions.candidates).toHaveLength(2);
  });

  it('asks for a token when the server requires one for reads', async () => {
    process.env.DUTYGRAPH_REQUIRE_TOKEN = '1';
    try {
      const res = await fetch(`${base}/export?format=csv`);
      expect(res.status).toBe(401);
      expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      delete process.env.DUTYGRAPH_REQUIRE_TOKEN;
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await fetch(`${base}/export?format=csv`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${base}/export?format=csv`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
  });

  it('quotes file names per RFC 5987: UTF-8, percent-encoded, no bare \' ( ) *', () => {
    const header = contentDisposition("任务(1)'*.csv");
    expect(header).toBe(`attachment; filename="__(1)'*.csv"; filename*=UTF-8''%E4%BB%BB%E5%8A%A1%281%29%27%2A.csv`);
    expect(header.split("UTF-8''")[1]).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe("任务(1)'*.csv");
  });
});

describe('the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dutygraph-export-'));
  // a database of its own that a child process can reach, on either dialect
  let db: TempOrm;
  beforeAll(async () => {
    db = await tempOrm();
    await seedDatabase(db.orm);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) => run(process.execPath, [CLI, 'export', ...db.cli.args, ...args], { env: db.cli.env }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

  it.each(['xlsx', 'graphml'] as ExportFormat[])('writes %s to --out', async (format) => {
    const out = join(dir, `d.${format}`);
    const r = await cli('--format', format, '--document', '晋政发〔2024〕1号', '--out', out);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: `wrote ${out}: 1 documents, 43 tasks, 148 assignments\n` });
    expect(readFileSync(out).length).toBeGreaterThan(1000);
  });

  it('exits 2 with a clear message on a bad --format or a missing --out, 1 on an unknown document', async () => {
    const bad = await cli('--format', 'pdf', '--out', join(dir, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dutygraph: format: "pdf" is not a format; use one of xlsx, csv, jsonld, graphml/);
    expect((await cli('--format', 'csv')).code).toBe(2);
    const unknown = await cli('--format', 'csv', '--document', '晋政发〔2099〕9号', '--out', join(dir, 'y'));
    expect(unknown).toMatchObject({ code: 1, stderr: 'dutygraph: document: no document has the number, ID or source file "晋政发〔2099〕9号"\n' });
    const ambiguous = await cli('--format', 'csv', '--unit', '城区人民政府', '--out', join(dir, 'z'));
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('阳泉市城区人民政府');
  });
});
