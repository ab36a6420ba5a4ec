import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { ParsedDocument } from './types.js';
import type { UnitResolver, UnitSpec } from './resolve-units.js';
import type { DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { Jurisdiction } from '../modules/jurisdiction/jurisdiction.entity.js';
import { Unit, UnitAlias, UnitMember } from '../modules/unit/unit.entity.js';
import { Document, Noise, ParseProblem } from '../modules/document/document.entity.js';
import { Task } from '../modules/task/task.entity.js';
import { Assignment } from '../modules/assignment/assignment.entity.js';
import type { DocumentKind, Level, Role, TaskKind, UnitKind } from '../modules/common/enums.js';

export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export interface ImportReport {
  sourceFile: string;
  /** unchanged: the same text was imported before, nothing was written */
  status: 'created' | 'replaced' | 'unchanged';
  tasks: number;
  assignments: number;
  unitsMatched: number;
  unitsCreated: { name: string; verified: boolean }[];
}

/** every division of the divisions package, written once */
export async function ensureJurisdictions(em: EntityManager, divisions: DivisionIndex): Promise<void> {
  if ((await em.count(Jurisdiction, {})) >= divisions.all.length) return;
  const known = new Set((await em.find(Jurisdiction, {}, { fields: ['code'] })).map((j) => j.code));
  // parents first, so each row's parent already exists
  const missing = divisions.all.filter((d) => !known.has(d.code));
  const order = { PROVINCE: 0, CITY: 1, COUNTY: 2 } as const;
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
 * Writes one parsed document, its tasks and its assignments. Idempotent by source file:
 * the same text again writes nothing; a changed text replaces the document's tasks.
 * Runs inside the caller's transaction.
 */
export async function importDocument(
  em: EntityManager,
  parsed: ParsedDocument,
  sourceFile: string,
  resolver: UnitResolver,
  divisions: DivisionIndex,
  units: UnitStore = new UnitStore(em),
): Promise<ImportReport> {
  const hash = contentHash(parsed.rawText);
  const existing = await em.findOne(Document, { sourceFile });
  const report: ImportReport = { sourceFile, status: existing ? 'replaced' : 'created', tasks: 0, assignments: 0, unitsMatched: 0, unitsCreated: [] };
  if (existing?.contentHash === hash) return { ...report, status: 'unchanged' };

  const code = parsed.meta.jurisdiction;
  const where = code ? divisions.byCode.get(code) : undefined;
  if (!where) throw new ImportError(sourceFile, 'cannot tell which province, city or county issued it (no issuer or place named in its header)');

  if (existing) {
    await em.nativeDelete(Assignment, { task: { document: existing } });
    await em.nativeDelete(Task, { document: existing });
    await em.nativeDelete(Noise, { document: existing });
    await em.nativeDelete(ParseProblem, { document: existing });
  }
  const createdBefore = units.created.length;
  const matchedBefore = new Set(units.matched);
  const issuer = parsed.meta.issuer ? await units.upsert(resolver.resolve(parsed.meta.issuer, where)) : null;

  const fields = {
    sourceFile,
    title: parsed.meta.title,
    number: parsed.meta.number,
    issuerName: parsed.meta.issuer,
    issuer,
    date: parsed.meta.date,
    year: parsed.meta.year,
    kind: parsed.meta.kind as DocumentKind,
    jurisdiction: em.getReference(Jurisdiction, where.code),
    text: parsed.text,
    rawText: parsed.rawText,
    contentHash: hash,
  };
  const doc = existing ? Object.assign(existing, fields) : em.create(Document, fields);
  for (const n of parsed.noise) em.create(Noise, { document: doc, ...n });
  for (const p of parsed.problems) em.create(ParseProblem, { document: doc, ...p });

  const tasks: Task[] = [];
  for (const [ordinal, t] of parsed.tasks.entries()) {
    const task = em.create(Task, {
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
      start: t.start,
      end: t.end,
    });
    tasks.push(task);
    const seen = new Set<string>();
    // a mention that names several units (各县（市、区）党委、政府) is no alias of any one of them
    const shared = new Set(t.assignments.filter((a, i) => t.assignments.some((b, j) => j !== i && b.mention === a.mention && b.name !== a.name)).map((a) => a.mention));
    for (const a of t.assignments) {
      const unit = await units.upsert(resolver.resolve(a.name, where, shared.has(a.mention) ? a.name : a.mention));
      // two forms of one unit in one task (省应急厅, 省应急管理厅) are one assignment
      const key = `${unit.name}|${a.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      em.create(Assignment, {
        task,
        unit,
        role: a.role as Role,
        mention: a.mention,
        implicit: a.implicit,
        clauseText: a.clause.text,
        clauseStart: a.clause.start,
        clauseEnd: a.clause.end,
        openEnded: a.clause.openEnded,
        basisText: a.basis?.text ?? null,
        basisStart: a.basis?.start ?? null,
        basisEnd: a.basis?.end ?? null,
        phrase: a.phrase ?? null,
      });
      report.assignments++;
    }
  }
  report.tasks = tasks.length;
  await em.flush();
  report.unitsCreated = units.created.slice(createdBefore).map((u) => ({ name: u.name, verified: u.verified }));
  report.unitsMatched = [...units.matched].filter((u) => !matchedBefore.has(u)).length;
  return report;
}
