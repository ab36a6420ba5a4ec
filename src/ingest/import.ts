import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { JurisdictionEvidence, ParsedDocument } from './types.js';
import type { UnitResolver, UnitSpec } from './resolve-units.js';
import type { DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { Jurisdiction } from '../modules/jurisdiction/jurisdiction.entity.js';
import { Unit, UnitAlias, UnitMember } from '../modules/unit/unit.entity.js';
import { Document, DocumentReference, Noise, ParseProblem } from '../modules/document/document.entity.js';
import { Task } from '../modules/task/task.entity.js';
import { Assignment } from '../modules/assignment/assignment.entity.js';
import type { DocumentFormat, DocumentKind, Level, Role, TaskKind, UnitKind } from '../modules/common/enums.js';
import { indexDocument, indexUnits } from '../modules/search/search.indexer.js';
import { refreshStoredAnalysis } from '../modules/analysis/stored-analysis.js';
import { recordChange } from '../modules/audit-trail/audit.service.js';
import { writeProgressReports } from '../modules/progress/progress.import.js';
import { writeIndicators } from '../modules/indicator/indicator.import.js';

export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface ImportReport {
  sourceFile: string;
  /** row id of the document written (0 in a dry run before the write) */
  documentId: number;
  /** unchanged: the same text was imported before, nothing was written */
  status: 'created' | 'replaced' | 'unchanged';
  document: {
    number: string | null;
    title: string;
    kind: string;
    jurisdiction: string | null;
    /** what in the text placed it there, or GIVEN */
    jurisdictionEvidence: JurisdictionEvidence[];
    issuer: string | null;
    date: string | null;
  };
  tasks: number;
  /** tasks by nesting depth (0 = top level) */
  tasksByDepth: Record<string, number>;
  tasksByKind: Record<string, number>;
  assignments: number;
  assignmentsByRole: Record<string, number>;
  implicitAssignments: number;
  /** known units the document's mentions were matched to */
  unitsMatched: string[];
  /** units the document introduced; unverified when the name followed no known pattern */
  unitsCreated: { name: string; verified: boolean }[];
  /** clauses that could not be read, with their text and position */
  problems: { message: string; text: string; start: number; end: number }[];
  /** the form it was read from, what read it, and how many pages it has (paged sources) */
  source: { format: string; encoding: string; reader: string; pages: number | null };
  /** clauses read by OCR from lines the engine was unsure of */
  lowConfidence: { text: string; start: number; end: number; page: number | null; confidence: number }[];
  /** what reading and cleaning removed: counts by kind, and every removal but markup */
  noise: { counts: Record<string, number>; removed: { kind: string; text: string; rawStart: number; reason: string }[] };
}

/** the parsed document as the CLI's --json prints it: what was read, resolved to units */
export interface DocumentView {
  document: ImportReport['document'] & { sourceFile: string };
  tasks: {
    label: string;
    path: string;
    title: string;
    kind: string;
    deadline: string | null;
    target: string | null;
    assignments: { role: string; mention: string; unit: string; implicit: boolean; clause: { text: string; start: number; end: number; openEnded: boolean }; basis: string | null }[];
  }[];
}

/** every division of the divisions package, written once */
export async function ensureJurisdictions(em: EntityManager, divisions: DivisionIndex): Promise<void> {
  if ((await em.count(Jurisdiction, {})) >= divisions.all.length) return;
  const known = new Set((await em.find(Jurisdiction, {}, { fields: ['code'] })).map((j) => j.code));
  // parents first, so each row's parent already exists
  const missing = divisions.all.filter((d) => !known.has(d.code));
  const order = { NATIONAL: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 } as const;
  missing.sort((a, b) => order[a.level] - order[b.level]);
  for (let i = 0; i < missing.length; i += 500) {
    await em.insertMany(
      Jurisdiction,
      missing.slice(i, i + 500).map((d) => ({ code: d.code, name: d.name, level: d.level as Level, parent: d.parentCode })),
    );
  }
}

/** finds or creates units from specs, growing aliases, within one unit of work */
export class UnitStore {
  private readonly byName = new Map<string, Unit>();
  readonly created: Unit[] = [];
  readonly matched = new Set<Unit>();

  constructor(private readonly em: EntityManager) {}

  async upsert(spec: UnitSpec): Promise<Unit> {
    let unit = this.byName.get(spec.name) ?? (await this.em.findOne(Unit, { name: spec.name }));
    const isNew = !unit;
    if (!unit) {
      unit = this.em.create(Unit, {
        name: spec.name,
        kind: spec.kind as UnitKind,
        level: spec.level as Level,
        sector: spec.sector,
        jurisdiction: spec.jurisdiction ? this.em.getReference(Jurisdiction, spec.jurisdiction) : null,
        verified: spec.known,
      });
      this.created.push(unit);
    } else if (!this.created.includes(unit)) {
      this.matched.add(unit);
    }
    if (!this.byName.has(spec.name)) {
      this.byName.set(spec.name, unit);
      if (spec.parent && (isNew || !unit.parent)) unit.parent = await this.upsert(spec.parent);
      await this.addAliases(unit, spec.aliases, isNew);
      if (spec.members) {
        const existing = isNew ? new Set<number>() : new Set((await this.em.find(UnitMember, { collective: unit })).map((m) => m.member.rowId));
        for (const m of spec.members) {
          const member = await this.upsert(m);
          if (member.rowId && existing.has(member.rowId)) continue;
          this.em.create(UnitMember, { collective: unit, member });
        }
      }
    } else if (spec.aliases.length) {
      await this.addAliases(unit, spec.aliases, isNew);
    }
    return unit;
  }

  private readonly aliasesOf = new Map<Unit, Set<string>>();

  private async addAliases(unit: Unit, aliases: string[], isNew: boolean): Promise<void> {
    let seen = this.aliasesOf.get(unit);
    if (!seen) {
      seen = new Set(isNew ? [] : (await this.em.find(UnitAlias, { unit })).map((a) => a.alias));
      this.aliasesOf.set(unit, seen);
    }
    for (const alias of aliases) {
      if (alias === unit.name || seen.has(alias)) continue;
      seen.add(alias);
      this.em.create(UnitAlias, { unit, alias });
    }
  }
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Writes one parsed document, its tasks and its assignments, inside the caller's transaction.
 * A document is the same as one imported before when it has the same number, else the same
 * source file, else the same text: the same text again writes nothing; a changed one is
 * replaced in place, and tasks whose path is unchanged keep their rows (and global IDs).
 */
export async function importDocument(
  em: EntityManager,
  parsed: ParsedDocument,
  sourceFile: string,
  resolver: UnitResolver,
  divisions: DivisionIndex,
  units: UnitStore = new UnitStore(em),
  audit: { actor: string; operation: string } = { actor: 'cli', operation: 'INGEST' },
  /** called after each task is written */
  onTask?: () => void,
): Promise<{ report: ImportReport; view: DocumentView }> {
  const hash = contentHash(parsed.rawText);
  const { meta } = parsed;
  const existing =
    (meta.number ? await em.findOne(Document, { number: meta.number }) : null) ??
    (await em.findOne(Document, { sourceFile })) ??
    (await em.findOne(Document, { contentHash: hash }));
  const report = emptyReport(parsed, sourceFile, existing ? 'replaced' : 'created');
  const where = meta.jurisdiction ? divisions.byCode.get(meta.jurisdiction) : undefined;
  if (!where) throw new ImportError(sourceFile, meta.jurisdictionRefused ?? 'cannot tell which province, city or county issued it');

  const createdBefore = units.created.length;
  const matchedBefore = new Set(units.matched);
  const view: DocumentView = { document: { ...report.document, sourceFile }, tasks: [] };
  if (existing?.contentHash === hash && existing.sourceFile === sourceFile) {
    report.status = 'unchanged';
  }

  // 中共中央办公厅 国务院办公厅: the first of joint issuers stands for the document
  const issuer = meta.issuer ? await units.upsert(resolver.resolve(meta.issuer.split(' ')[0], where)) : null;
  const fields = {
    sourceFile,
    title: meta.title,
    number: meta.number,
    issuerName: meta.issuer,
    issuer,
    date: meta.date,
    year: meta.year,
    kind: meta.kind as DocumentKind,
    jurisdiction: em.getReference(Jurisdiction, where.code),
    jurisdictionEvidence: JSON.stringify(meta.jurisdictionEvidence),
    text: parsed.text,
    rawText: parsed.rawText,
    contentHash: hash,
    format: (parsed.source?.format ?? 'TEXT') as DocumentFormat,
    reader: parsed.source?.reader ?? 'text',
    pageStarts: parsed.pageStarts ? JSON.stringify(parsed.pageStarts) : null,
  };
  const writing = report.status !== 'unchanged';
  const summary = (d: Document, tasks: number) => ({ sourceFile: d.sourceFile, number: d.number ?? null, title: d.title, contentHash: d.contentHash, tasks });
  const before = existing && writing ? summary(existing, await em.count(Task, { document: existing })) : null;
  const doc = existing ? (writing ? Object.assign(existing, fields) : existing) : em.create(Document, fields);
  const oldTasks = new Map<string, Task>();
  if (existing && writing) {
    for (const t of await em.find(Task, { document: existing }, { orderBy: { ordinal: 'asc' } })) if (!oldTasks.has(t.path)) oldTasks.set(t.path, t);
    await em.nativeDelete(Noise, { document: existing });
    await em.nativeDelete(ParseProblem, { document: existing });
    await em.nativeDelete(DocumentReference, { document: existing });
  }
  if (writing) {
    for (const n of parsed.noise) em.create(Noise, { document: doc, ...n });
    for (const p of parsed.problems) em.create(ParseProblem, { document: doc, ...p });
    for (const r of parsed.references ?? []) em.create(DocumentReference, { document: doc, title: r.title, sentence: r.sentence.text, sentenceStart: r.sentence.start });
  }

  const tasks: Task[] = [];
  const kept = new Set<Task>();
  for (const [ordinal, t] of parsed.tasks.entries()) {
    const taskFields = {
      document: doc,
      parent: t.parent === null ? null : tasks[t.parent],
      ordinal,
      depth: t.depth,
      label: t.label,
      path: t.path,
      title: t.title,
      text: t.text,
      kind: t.kind as TaskKind,
      deadline: t.deadline ?? null,
      target: t.target ?? null,
      start: t.start,
      end: t.end,
    };
    const old = oldTasks.get(t.path);
    const task = old && !kept.has(old) ? Object.assign(old, taskFields) : writing ? em.create(Task, taskFields) : (null as never);
    if (old) kept.add(old);
    tasks.push(task);
    const oldAssignments = old ? new Map((await em.find(Assignment, { task: old })).map((a) => [`${a.unit.rowId}|${a.role}`, a])) : new Map<string, Assignment>();
    const seen = new Set<string>();
    const taskView: DocumentView['tasks'][number] = { label: t.label, path: t.path, title: t.title, kind: t.kind, deadline: t.deadline ?? null, target: t.target ?? null, assignments: [] };
    view.tasks.push(taskView);
    // a mention that names several units (各县（市、区）党委、政府) is no alias of any one of them
    const shared = new Set(t.assignments.filter((a, i) => t.assignments.some((b, j) => j !== i && b.mention === a.mention && b.name !== a.name)).map((a) => a.mention));
    for (const a of t.assignments) {
      let spec: UnitSpec;
      try {
        spec = resolver.resolve(a.name, where, shared.has(a.mention) ? a.name : a.mention);
      } catch (error) {
        const problem = { message: `could not resolve the unit "${a.mention}" (${(error as Error).message})`, text: a.clause.text, start: a.clause.start, end: a.clause.end };
        report.problems.push(problem);
        if (writing) em.create(ParseProblem, { document: doc, ...problem });
        continue;
      }
      const unit = await units.upsert(spec);
      // two forms of one unit in one task (省应急厅, 省应急管理厅) are one assignment
      const key = `${unit.name}|${a.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      taskView.assignments.push({ role: a.role, mention: a.mention, unit: unit.name, implicit: a.implicit, clause: a.clause, basis: a.basis?.text ?? null });
      report.assignments++;
      report.assignmentsByRole[a.role] = (report.assignmentsByRole[a.role] ?? 0) + 1;
      if (a.implicit) report.implicitAssignments++;
      if (!writing) continue;
      const assignmentFields = {
        task,
        unit,
        role: a.role as Role,
        mention: a.mention,
        implicit: a.implicit,
        clauseText: a.clause.text,
        clauseStart: a.clause.start,
        clauseEnd: a.clause.end,
        openEnded: a.clause.openEnded,
        clausePage: a.clause.page ?? null,
        clauseConfidence: a.clause.confidence ?? null,
        basisText: a.basis?.text ?? null,
        basisStart: a.basis?.start ?? null,
        basisEnd: a.basis?.end ?? null,
        phrase: a.phrase ?? null,
      };
      const same = unit.rowId ? oldAssignments.get(`${unit.rowId}|${a.role}`) : undefined;
      if (same) {
        Object.assign(same, assignmentFields);
        oldAssignments.delete(`${unit.rowId}|${a.role}`);
      } else em.create(Assignment, assignmentFields);
    }
    for (const stale of oldAssignments.values()) em.remove(stale);
    onTask?.();
  }
  if (writing) {
    await writeProgressReports(em, { parsed, doc, tasks, issuer });
    await writeIndicators(em, { parsed, doc, tasks, units, resolver, where });
  }
  // tasks that are gone, children before parents
  for (const old of [...oldTasks.values()].reverse()) if (!kept.has(old)) em.remove(old);

  report.tasks = parsed.tasks.length;
  await em.flush();
  report.documentId = doc.rowId;
  if (writing) {
    await recordChange(em, {
      ...audit,
      entity: 'Document',
      entityKey: String(doc.rowId),
      before,
      after: { ...summary(doc, parsed.tasks.length), assignments: report.assignments },
    });
  }
  // the search index, in this transaction: an unchanged document keeps its tokens; units are rewritten only where their name or aliases changed
  if (writing) await indexDocument(em, doc.rowId);
  if (writing) await refreshStoredAnalysis(em, [doc.rowId]);
  await indexUnits(em, [...units.created, ...units.matched].map((u) => u.rowId));
  report.unitsCreated = units.created.slice(createdBefore).map((u) => ({ name: u.name, verified: u.verified }));
  report.unitsMatched = [...units.matched].filter((u) => !matchedBefore.has(u)).map((u) => u.name);
  return { report, view };
}

function emptyReport(parsed: ParsedDocument, sourceFile: string, status: ImportReport['status']): ImportReport {
  const tally = <T>(items: T[], key: (x: T) => string) => items.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});
  return {
    sourceFile,
    documentId: 0,
    status,
    document: {
      number: parsed.meta.number,
      title: parsed.meta.title,
      kind: parsed.meta.kind,
      jurisdiction: parsed.meta.jurisdiction,
      jurisdictionEvidence: parsed.meta.jurisdictionEvidence,
      issuer: parsed.meta.issuer,
      date: parsed.meta.date,
    },
    tasks: 0,
    tasksByDepth: tally(parsed.tasks, (t) => String(t.depth)),
    tasksByKind: tally(parsed.tasks, (t) => t.kind),
    assignments: 0,
    assignmentsByRole: {},
    implicitAssignments: 0,
    unitsMatched: [],
    unitsCreated: [],
    problems: parsed.problems,
    source: { format: parsed.source?.format ?? 'TEXT', encoding: '', reader: parsed.source?.reader ?? 'text', pages: parsed.pageStarts ? parsed.pageStarts.length + 1 : null },
    lowConfidence: parsed.lowConfidence.map((c) => ({ text: c.text, start: c.start, end: c.end, page: c.page ?? null, confidence: c.confidence! })),
    noise: {
      counts: tally(parsed.noise, (n) => n.kind),
      removed: parsed.noise.filter((n) => n.kind !== 'MARKUP').map(({ kind, text, rawStart, reason }) => ({ kind, text, rawStart, reason })),
    },
  };
}
