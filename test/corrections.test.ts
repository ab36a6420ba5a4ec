import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import { seedDatabase } from '../src/ingest/seed.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext, type Context } from '../src/graphql/context.js';
import { refreshLinks } from '../src/modules/link/link.service.js';
import { Document } from '../src/modules/document/document.entity.js';
import { verifyChain } from '../src/modules/audit-trail/audit.service.js';
import type { Auth } from '../src/modules/auth/auth.service.js';
import { tempOrm } from './support/graph.js';
import { installed } from './support/programs.js';

// The corrections a reviewer makes after extraction, in-process against the seeded corpus:
// each runs behind a token, checks the version it was given, and leaves its audit record.

let db: Awaited<ReturnType<typeof tempOrm>>;
let server: ApolloServer<Context>;
const alice: Auth = { actor: 'alice', role: 'editor' };
const root: Auth = { actor: 'root', role: 'admin' };
const victor: Auth = { actor: 'victor', role: 'viewer' };

beforeAll(async () => {
  db = await tempOrm();
  await seedDatabase(db.orm);
  server = await createApolloServer();
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

async function run(query: string, variables: Record<string, unknown> = {}, auth: Auth | null = alice) {
  const res = await server.executeOperation({ query, variables }, { contextValue: createContext(db.orm, auth) });
  assert(res.body.kind === 'single');
  return res.body.singleResult as { data?: any; errors?: readonly any[] };
}
async function ok(query: string, variables: Record<string, unknown> = {}, auth: Auth | null = alice) {
  const r = await run(query, variables, auth);
  if (r.errors?.length) throw new Error(r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n'));
  return r.data;
}
async function refusal(query: string, variables: Record<string, unknown>, auth: Auth | null = alice) {
  const r = await run(query, variables, auth);
  expect(r.errors, 'expected the mutation to be refused').toBeTruthy();
  return r.errors![0].extensions as Record<string, unknown>;
}

const PROVINCE = '晋政发〔2024〕1号';
const CITY_SAFETY = '晋市安委办发〔2023〕33号';
async function taskAt(number: string, path: string) {
  const { document } = await ok(`query ($n: String!) { document(number: $n) { id } }`, { n: number });
  const d = await ok(`query ($d: ID!, $p: String!) { tasks(filter: { document: $d, path: $p }) { nodes { id path version title deadline ordinal assignments { id unit { name } role } children { id } } } }`, { d: document.id, p: path });
  return d.tasks.nodes[0];
}
async function unitNamed(name: string) {
  return (await ok(`query ($n: String!) { unit(name: $n) { id name version aliases assignments(first: 100) { totalCount } nameChanges { fromName toName effectiveDate } history { actor operation } } }`, { n: name })).unit;
}

describe('assignments', () => {
  it('a correction that would give a unit a role it already holds in the task is refused, not a 500', async () => {
    const task = await taskAt(CITY_SAFETY, '一/（二）/1');
    const [a, b] = task.assignments;
    const version = (await ok(`query ($id: ID!) { node(id: $id) { ... on Assignment { version } } }`, { id: a.id })).node.version;
    const update = `mutation ($in: UpdateAssignmentInput!) { updateAssignment(input: $in) { assignment { id } } }`;
    expect(await refusal(update, { in: { assignment: a.id, version, unit: b.unit.name, role: b.role } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.role' });
  });
});

describe('tasks: create, correct, delete', () => {
  const CREATE = `mutation ($in: CreateTaskInput!) { createTask(input: $in) { task { id path label title depth ordinal version kind start end parent { path } document { number } history { actor operation after } } } }`;

  it('adds a task the extraction missed after the last item of its parent, searchable at once, with its span and history', async () => {
    const parent = await taskAt(PROVINCE, '一');
    const evidence = '严格落实党政领导责任';
    const { createTask } = await ok(CREATE, { in: { parent: parent.id, label: '（补一）', title: '压实安全生产包保责任制度', text: '逐级落实地方党政领导干部安全生产包保责任。', evidence } });
    expect(createTask.task).toMatchObject({ path: '一/（补一）', depth: 1, version: 1, kind: 'TASK', parent: { path: '一' }, document: { number: PROVINCE } });
    expect(createTask.task.end - createTask.task.start).toBe(evidence.length);
    expect(createTask.task.history).toMatchObject([{ actor: 'alice', operation: 'CREATE_TASK' }]);
    // after （四）, the last of 一's items, and before 二, which moved down one
    const last = await taskAt(PROVINCE, '一/（四）');
    const next = await taskAt(PROVINCE, '二');
    expect(createTask.task.ordinal).toBe(last.ordinal + 1);
    expect(next.ordinal).toBe(createTask.task.ordinal + 1);
    const hits = await ok(`{ search(query: "包保责任制度") { nodes { task { path } } } }`);
    expect(hits.search.nodes).toContainEqual({ task: { path: '一/（补一）' } });
  });

  it('refuses a repeated label, evidence the document does not contain, a parent of another document, and a viewer', async () => {
    const parent = await taskAt(PROVINCE, '一');
    const other = await ok(`query ($n: String!) { document(number: $n) { id } }`, { n: CITY_SAFETY });
    expect(await refusal(CREATE, { in: { parent: parent.id, label: '（四）', title: '重复' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.label' });
    expect(await refusal(CREATE, { in: { parent: parent.id, label: '（补二）', title: '无据', evidence: '文件里没有这句话。' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.evidence' });
    expect(await refusal(CREATE, { in: { document: other.document.id, parent: parent.id, label: '（补二）', title: '错位' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.parent' });
    expect(await refusal(CREATE, { in: { parent: parent.id, label: '（补二）', title: '无权' } }, victor)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(CREATE, { in: { parent: parent.id, label: '', title: '空' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  const UPDATE = `mutation ($in: UpdateTaskInput!) { updateTask(input: $in) { task { version title deadline history { operation before after } } } }`;

  it('corrects a deadline, fails with CONFLICT on a stale version, and keeps before and after', async () => {
    const task = await taskAt(PROVINCE, '一/（一）');
    const { updateTask } = await ok(UPDATE, { in: { task: task.id, version: task.version, deadline: '2024年底前' } });
    expect(updateTask.task).toMatchObject({ version: task.version + 1, deadline: '2024年底前', title: task.title });
    const [change] = updateTask.task.history;
    expect(change.before.deadline).toBe(task.deadline);
    expect(change.after.deadline).toBe('2024年底前');
    expect(await refusal(UPDATE, { in: { task: task.id, version: task.version, title: '改晚了' } })).toMatchObject({ code: 'CONFLICT', currentVersion: task.version + 1 });
    expect((await taskAt(PROVINCE, '一/（一）')).title).toBe(task.title);
    expect(await refusal(UPDATE, { in: { task: task.id, version: task.version + 1 } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input' });
    expect(await refusal(UPDATE, { in: { task: 'VW5pdDox', version: 1, title: 'x' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.task' });
  });

  const DELETE = `mutation ($in: DeleteTaskInput!) { deleteTask(input: $in) { removedIds document { number } } }`;

  it('removes a task with its items only when asked, and every assignment it held leaves a record', async () => {
    const chapter = await taskAt(CITY_SAFETY, '一/（二）');
    const items = chapter.children.length;
    expect(await refusal(DELETE, { in: { task: chapter.id, version: chapter.version } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.withChildren' });
    const leaf = await taskAt(CITY_SAFETY, '一/（二）/4');
    expect(leaf.assignments.length).toBeGreaterThan(0);
    const { deleteTask } = await ok(DELETE, { in: { task: leaf.id, version: leaf.version } });
    expect(deleteTask).toEqual({ removedIds: [leaf.id], document: { number: CITY_SAFETY } });
    expect((await ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: leaf.id })).node).toBeNull();
    for (const a of leaf.assignments) {
      const gone = await ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: a.id });
      expect(gone.node).toBeNull();
    }
    const log = await ok(`{ auditLog(filter: { operation: "DELETE_TASK", entity: "Assignment" }, first: 100) { totalCount } }`);
    expect(log.auditLog.totalCount).toBe(leaf.assignments.length);
    expect((await taskAt(CITY_SAFETY, '一/（二）')).children.length).toBe(items - 1);
  });
});

describe('units: aliases, renames, merges', () => {
  const ALIAS = `mutation ($in: AddUnitAliasInput!) { addUnitAlias(input: $in) { unit { name aliases version } } }`;

  it('adds an alias that name lookups resolve from then on', async () => {
    const u = await unitNamed('晋城市水务局');
    const { addUnitAlias } = await ok(ALIAS, { in: { unit: u.id, version: u.version, alias: '晋城水务局' } });
    expect(addUnitAlias.unit.aliases).toContain('晋城水务局');
    expect((await unitNamed('晋城水务局')).name).toBe('晋城市水务局');
    expect(await refusal(ALIAS, { in: { unit: u.id, version: u.version + 1, alias: '晋城水务局' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.alias' });
    expect(await refusal(ALIAS, { in: { unit: u.id, version: u.version, alias: '市水利局' } })).toMatchObject({ code: 'CONFLICT' });
  });

  const RENAME = `mutation ($in: RenameUnitInput!) { renameUnit(input: $in) { unit { name aliases version nameChanges { fromName toName effectiveDate } } } }`;

  it('renames a unit from a date on: the old name still resolves and the change is kept', async () => {
    const u = await unitNamed('晋城市气象局');
    const duties = u.assignments.totalCount;
    const { renameUnit } = await ok(RENAME, { in: { unit: u.id, version: u.version, name: '晋城市气象台', effectiveDate: '2025-01-01' } });
    expect(renameUnit.unit).toMatchObject({ name: '晋城市气象台', nameChanges: [{ fromName: '晋城市气象局', toName: '晋城市气象台', effectiveDate: '2025-01-01' }] });
    const byOld = await unitNamed('晋城市气象局');
    expect(byOld).toMatchObject({ id: u.id, name: '晋城市气象台' });
    expect(byOld.assignments.totalCount).toBe(duties);
    expect(await refusal(RENAME, { in: { unit: u.id, version: renameUnit.unit.version, name: '晋城市水务局', effectiveDate: '2025-02-01' } })).toMatchObject({ code: 'CONFLICT', argumentName: 'input.name' });
    expect(await refusal(RENAME, { in: { unit: u.id, version: renameUnit.unit.version, name: '晋城市气象服务中心', effectiveDate: '2025-13-01' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  const MERGE = `mutation ($in: MergeUnitsInput!) { mergeUnits(input: $in) { removedId assignmentsMoved assignmentsDropped unit { name aliases version assignments(first: 100) { totalCount } history { actor operation } } } }`;

  it('merges the office into the bureau that houses it (admin only): duties move, the old names resolve, the record holds both', async () => {
    const bureau = await unitNamed('晋城市应急管理局');
    const office = await unitNamed('晋城市应急救援总指挥部办公室');
    const input = { into: bureau.id, intoVersion: bureau.version, merged: office.id, mergedVersion: office.version };
    expect(await refusal(MERGE, { in: input })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(MERGE, { in: { ...input, merged: bureau.id, mergedVersion: bureau.version } }, root)).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.merged' });
    const { mergeUnits } = await ok(MERGE, { in: input }, root);
    expect(mergeUnits).toMatchObject({ removedId: office.id, assignmentsMoved: office.assignments.totalCount, assignmentsDropped: 0 });
    expect(mergeUnits.unit.assignments.totalCount).toBe(bureau.assignments.totalCount + office.assignments.totalCount);
    expect(mergeUnits.unit.aliases).toContain('晋城市应急救援总指挥部办公室');
    expect(mergeUnits.unit.history.at(-1)).toEqual({ actor: 'root', operation: 'MERGE_UNITS' });
    expect((await unitNamed('晋城市应急救援总指挥部办公室')).id).toBe(bureau.id);
    expect((await ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: office.id })).node).toBeNull();
    expect(await refusal(MERGE, { in: input }, root)).toMatchObject({ code: 'CONFLICT', argumentName: 'input.into' });
  });
});

describe('links between tasks: confirm, add, reject', () => {
  const LINK = `mutation ($in: LinkTasksInput!) { linkTasks(input: $in) { link { id method review version score implementer { path } implemented { path } evidence { implementer { text } } } } }`;
  const UNLINK = `mutation ($in: UnlinkTasksInput!) { unlinkTasks(input: $in) { link { id review version history { operation actor } } } }`;
  // what re-ingesting every document does to links
  const recomputeLinks = () => db.orm.em.fork().transactional(async (em) => refreshLinks(em, (await em.find(Document, {})).map((d) => d.rowId)));
  // the links a task starts: to the higher-level tasks it carries out or did the same work as
  const implementsOf = async (id: string) =>
    (await ok(`query ($id: ID!) { node(id: $id) { ... on Task { related(relations: [IMPLEMENTS, CORRESPONDS]) { id relation method review implementer { id } implemented { path } } } } }`, { id })).node.related.filter(
      (l: any) => l.implementer.id === id,
    );

  it('confirms an inferred link, so that re-computing links keeps the verdict', async () => {
    const city = await taskAt('晋市政发〔2022〕1号', '四/14');
    const [inferred] = (await implementsOf(city.id)).filter((l: any) => l.implemented.path === '四/（二十一）');
    // the city's 2022 notice came before the province's 2024 one: the same work, not carried out
    expect(inferred).toMatchObject({ relation: 'CORRESPONDS', method: 'INFERRED', review: 'EXTRACTED' });
    const province = await taskAt(PROVINCE, '四/（二十一）');
    const { linkTasks } = await ok(LINK, { in: { implementer: city.id, implemented: province.id } });
    expect(linkTasks.link).toMatchObject({ id: inferred.id, method: 'INFERRED', review: 'CONFIRMED', version: 2 });
    await recomputeLinks();
    expect((await implementsOf(city.id)).find((l: any) => l.id === inferred.id)).toMatchObject({ relation: 'CORRESPONDS', review: 'CONFIRMED' });
  });

  it('adds a manual link with its evidence, and a rejected link stays hidden after links are recomputed', async () => {
    const city = await taskAt(CITY_SAFETY, '二/（一）');
    const province = await taskAt(PROVINCE, '二/（五）');
    const { linkTasks } = await ok(LINK, { in: { implementer: city.id, implemented: province.id } });
    expect(linkTasks.link).toMatchObject({ method: 'MANUAL', review: 'CONFIRMED', score: null, implementer: { path: '二/（一）' }, implemented: { path: '二/（五）' } });
    expect(await refusal(LINK, { in: { implementer: province.id, implemented: city.id } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.implemented' });
    expect(await refusal(LINK, { in: { implementer: city.id, implemented: city.id } })).toMatchObject({ code: 'BAD_USER_INPUT' });

    const { unlinkTasks } = await ok(UNLINK, { in: { link: linkTasks.link.id, version: linkTasks.link.version } });
    expect(unlinkTasks.link).toMatchObject({ review: 'REJECTED', version: linkTasks.link.version + 1 });
    expect(unlinkTasks.link.history.map((h: any) => h.operation)).toEqual(['LINK_TASKS', 'UNLINK_TASKS']);
    await recomputeLinks();
    expect((await implementsOf(city.id)).map((l: any) => l.id)).not.toContain(linkTasks.link.id);
    expect(await refusal(UNLINK, { in: { link: linkTasks.link.id, version: linkTasks.link.version } })).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('progress reports', () => {
  const RECORD = `mutation ($in: RecordProgressInput!) { recordProgress(input: $in) { report { id status date year recordedBy document { number } reportingUnit { name } evidence { text start end } task { progress { id } } history { actor operation } } } }`;

  it('records a report in the reporter’s words, listed on the task', async () => {
    const task = await taskAt(CITY_SAFETY, '二/（一）');
    const { recordProgress } = await ok(RECORD, { in: { task: task.id, status: 'IN_PROGRESS', statement: '已完成全市重大危险源企业摸底，正在推进整治。', date: '2025-06-30', reportingUnit: '市应急局' } });
    expect(recordProgress.report).toMatchObject({ status: 'IN_PROGRESS', date: '2025-06-30', year: 2025, recordedBy: 'alice', document: null, reportingUnit: { name: '晋城市应急管理局' }, evidence: { start: -1, end: -1 } });
    expect(recordProgress.report.task.progress.map((p: any) => p.id)).toContain(recordProgress.report.id);
    expect(recordProgress.report.history).toEqual([{ actor: 'alice', operation: 'RECORD_PROGRESS' }]);
  });

  it('refuses a sentence its document does not contain, an unknown unit and a malformed date', async () => {
    const task = await taskAt(CITY_SAFETY, '二/（一）');
    const doc = (await ok(`query ($n: String!) { document(number: $n) { id } }`, { n: CITY_SAFETY })).document;
    expect(await refusal(RECORD, { in: { task: task.id, status: 'DONE', statement: '这句话不在文件里。', document: doc.id } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.statement' });
    expect(await refusal(RECORD, { in: { task: task.id, status: 'DONE', statement: '已完成。', reportingUnit: '月球应急局' } })).toMatchObject({ code: 'NOT_FOUND', argumentName: 'input.reportingUnit' });
    expect(await refusal(RECORD, { in: { task: task.id, status: 'DONE', statement: '已完成。', date: '30/06/2025' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('ingesting a document’s text through the API', () => {
  const INGEST = `mutation ($in: IngestDocumentInput!) { ingestDocument(input: $in) { status dryRun number tasks assignments assignmentsByRole { role count } unitsCreated problems { message } document { id number tasks(first: 5) { nodes { path } } } } }`;
  const county = readFileSync('test/fixtures/ingest/county-notice.txt', 'utf8');
  const documents = async () => (await ok(`{ documents { totalCount } }`)).documents.totalCount;

  it('a dry run reports and writes nothing; the real run writes the document with an INGEST record naming the caller', async () => {
    const before = await documents();
    const dry = (await ok(INGEST, { in: { fileName: 'county-notice.txt', text: county, dryRun: true } })).ingestDocument;
    expect(dry).toMatchObject({ status: 'CREATED', dryRun: true, number: '泽政办发〔2024〕5号', document: null });
    expect(dry.tasks).toBeGreaterThan(5);
    expect(await documents()).toBe(before);

    const real = (await ok(INGEST, { in: { fileName: 'county-notice.txt', text: county } })).ingestDocument;
    expect(real).toMatchObject({ status: 'CREATED', dryRun: false, tasks: dry.tasks, assignments: dry.assignments, document: { number: '泽政办发〔2024〕5号' } });
    expect(real.assignmentsByRole).toContainEqual({ role: 'SUPERVISE', count: 1 });
    expect(await documents()).toBe(before + 1);
    const log = await ok(`{ auditLog(filter: { operation: "INGEST", actor: "alice" }) { nodes { entity after } } }`);
    expect(log.auditLog.nodes).toHaveLength(1);
    expect(log.auditLog.nodes[0].after).toMatchObject({ tasks: real.tasks });
    expect((await ok(INGEST, { in: { fileName: 'county-notice.txt', text: county } })).ingestDocument.status).toBe('UNCHANGED');
  });

  it('says where the document was issued and why: the words of its text, or GIVEN', async () => {
    const EVIDENCE = `mutation ($in: IngestDocumentInput!) { ingestDocument(input: $in) { jurisdictionEvidence { source text code name } document { jurisdiction { code } jurisdictionEvidence { source text code } } } }`;
    const placed = (await ok(EVIDENCE, { in: { fileName: 'county-notice.txt', text: county, dryRun: true } })).ingestDocument;
    expect(placed.jurisdictionEvidence).toContainEqual({ source: 'ISSUER', text: '泽州县人民政府办公室', code: '140525', name: '泽州县' });
    expect(placed.jurisdictionEvidence).toContainEqual({ source: 'SIGNATURE', text: '泽州县人民政府办公室', code: '140525', name: '泽州县' });
    const given = (await ok(EVIDENCE, { in: { fileName: 'given.txt', text: '关于做好安全生产工作的通知\n一、加强组织领导。（县应急局负责）\n', jurisdiction: '140525' } })).ingestDocument;
    expect(given.document).toMatchObject({ jurisdiction: { code: '140525' }, jurisdictionEvidence: [{ source: 'GIVEN', code: '140525' }] });
    // the seed corpus keeps the evidence it was placed by
    const seeded = await ok(`{ document(number: "晋政发〔2024〕1号") { jurisdictionEvidence { source text code } } }`);
    expect(seeded.document.jurisdictionEvidence.map((e: { source: string }) => e.source)).toEqual(expect.arrayContaining(['ISSUER', 'SIGNATURE', 'NUMBER']));
  });

  it('refuses a text it cannot place, a bad division code, a path as file name, and a viewer — writing nothing', async () => {
    const before = await documents();
    const unplaced = '关于做好安全生产工作的通知\n\n一、加强组织领导。（县应急局负责）\n';
    expect(await refusal(INGEST, { in: { fileName: 'x.txt', text: unplaced } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.jurisdiction' });
    expect((await run(INGEST, { in: { fileName: 'x.txt', text: unplaced } }, alice)).errors![0].message).toMatch(/cannot tell which province, city or county issued it.*give jurisdiction/);
    expect(await refusal(INGEST, { in: { fileName: 'x.txt', text: unplaced, jurisdiction: '999999' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.jurisdiction' });
    expect(await refusal(INGEST, { in: { fileName: '../etc/passwd', text: county } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal(INGEST, { in: { fileName: 'x.txt', text: county } }, victor)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(INGEST, { in: { fileName: 'x.txt', text: county } }, null)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await documents()).toBe(before);
  });
});

describe('ingesting a file as published through the API', () => {
  const UPLOAD = `mutation ($in: IngestDocumentInput!) { ingestDocument(input: $in) { status format reader pageCount tasks assignments noiseRemoved lowConfidence { message text } document { format reader pageCount pageStarts tasks(first: 50) { nodes { path assignments { unit { name } clause { text page confidence } } } } } } }`;
  const file = (path: string) => readFileSync(path).toString('base64');

  it('takes a scanned PDF as base64: read by OCR, each clause with its page and its confidence (or names the packages OCR needs)', async () => {
    const input = { in: { fileName: 'county-notice-scan.pdf', file: file('test/fixtures/ingest/forms/county-notice-scan.pdf') } };
    if (!installed('pdftoppm', '-v') || !installed('tesseract')) {
      const r = await run(UPLOAD, input, alice);
      expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(/apt-get install (poppler-utils|tesseract-ocr)/), extensions: { code: 'BAD_USER_INPUT' } });
      return;
    }
    const scan = (await ok(UPLOAD, input)).ingestDocument;
    expect(scan).toMatchObject({ status: 'CREATED', format: 'PDF', pageCount: 1, document: { format: 'PDF', pageCount: 1, pageStarts: [] } });
    expect(scan.reader).toMatch(/^pdftoppm, then tesseract .*\(chi_sim\)$/);
    const clauses = scan.document.tasks.nodes.flatMap((t: { assignments: { clause: { page: number; confidence: number } }[] }) => t.assignments.map((a) => a.clause));
    expect(clauses.length).toBeGreaterThanOrEqual(3);
    for (const c of clauses) {
      expect(c.page).toBe(1);
      expect(c.confidence).toBeGreaterThan(0.5);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('takes a web page; a text keeps no page and no confidence', async () => {
    const page = (await ok(UPLOAD, { in: { fileName: 'f02.html', file: file('eval/documents/f02.html'), dryRun: true } })).ingestDocument;
    expect(page).toMatchObject({ format: 'HTML', pageCount: null });
    expect(page.noiseRemoved).toBeGreaterThan(10);
    const text = (await ok(UPLOAD, { in: { fileName: 'county-notice.txt', text: readFileSync('test/fixtures/ingest/county-notice.txt', 'utf8'), dryRun: true } })).ingestDocument;
    expect(text).toMatchObject({ format: 'TEXT', reader: 'text', pageCount: null, lowConfidence: [] });
  });

  it('refuses a file that is not one, both a file and a text, or neither — writing nothing', async () => {
    const before = (await ok(`{ documents { totalCount } }`)).documents.totalCount;
    expect(await refusal(UPLOAD, { in: { fileName: 'x.pdf', file: Buffer.from('%PDF-1.4 broken').toString('base64') } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.file' });
    expect((await run(UPLOAD, { in: { fileName: 'x.pdf', file: Buffer.from('%PDF-1.4 broken').toString('base64') } }, alice)).errors![0].message).toMatch(/x\.pdf: not a readable PDF/);
    expect(await refusal(UPLOAD, { in: { fileName: 'x.bin', file: Buffer.from([0, 1, 2, 3, 0, 0]).toString('base64') } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.file' });
    expect(await refusal(UPLOAD, { in: { fileName: 'x.txt', file: 'not base64!' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal(UPLOAD, { in: { fileName: 'x.txt', text: 'a', file: 'YQ==' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input' });
    expect(await refusal(UPLOAD, { in: { fileName: 'x.txt' } })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input' });
    expect((await ok(`{ documents { totalCount } }`)).documents.totalCount).toBe(before);
  });
});

describe('the audit trail after all of it', () => {
  it('lists alice’s changes within a time range, and refuses a bound that is not a time', async () => {
    const count = async (filter: string) => (await ok(`{ auditLog(filter: { actor: "alice"${filter} }) { totalCount } }`)).auditLog.totalCount;
    const all = await count('');
    expect(all).toBeGreaterThan(5);
    expect(await count(', since: "2000-01-01T00:00:00Z"')).toBe(all);
    expect(await count(', until: "2000-01-01T08:00:00+08:00"')).toBe(0);
    expect(await refusal(`query ($t: DateTime) { auditLog(filter: { since: $t }) { totalCount } }`, { t: 'yesterday' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal(`query ($t: DateTime) { auditLog(filter: { since: $t }) { totalCount } }`, { t: '2000-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('is one unbroken chain', async () => {
    const { broken, records } = await verifyChain(db.orm);
    expect(broken).toBeNull();
    expect(records).toBeGreaterThan(10);
  });
});
