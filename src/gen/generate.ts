import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ormConfig } from '../../mikro-orm.config.js';
import { createOrm, type DatabaseTarget } from '../orm.js';
import { type Division, DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { ensureSearchEngine, POSTGRES_SEARCH_INDEXES } from '../modules/search/search.engine.js';
import { storedAnalysisStatements } from '../modules/analysis/stored-analysis.js';
import { charLength, FIELD_TIER, grams, normalize, pieces, tsVector } from '../modules/search/search.text.js';
import { GENESIS, hashOf } from '../modules/audit-trail/audit.service.js';
import { phrasePools, type PhrasePools } from './corpus.js';
import { Rng } from './rng.js';
import { PROVINCE_ABBR, type Scale, SCALES } from './scales.js';
import { type Government, UnitTable } from './units.js';
import { type DocumentPlan, type GenDocument, type LeafTask, writeDocument } from './document.js';
import { postgresSink, type Sink, sqliteSink, type Value } from './sink.js';



export interface GenOptions {
  scale: Scale;
  seed: number;
  /** work items per document, times this (1 = the corpus's size) */
  factor: number;
  target: DatabaseTarget;
  force: boolean;
  /** progress lines */
  log: (line: string) => void;
}

export interface GenStats {
  jurisdictions: number;
  units: number;
  documents: number;
  tasks: number;
  assignments: number;
  links: number;
  /** search_field rows: indexed texts and pieces of long ones */
  searchFields: number;
  seconds: number;
}

export class GenError extends Error {}

const COLUMNS = {
  jurisdiction: ['code', 'name', 'level', 'parent_code'],
  unit: ['row_id', 'name', 'kind', 'level', 'sector', 'jurisdiction_code', 'parent_id', 'verified'],
  unit_alias: ['unit_id', 'alias'],
  unit_member: ['collective_id', 'member_id'],
  document: ['row_id', 'source_file', 'title', 'doc_number', 'issuer_name', 'issuer_id', 'issued_on', 'year', 'kind', 'jurisdiction_code', 'text', 'raw_text', 'content_hash'],
  document_reference: ['document_id', 'title', 'cited_document_id', 'sentence', 'sentence_start'],
  task: ['row_id', 'document_id', 'parent_id', 'ordinal', 'depth', 'label', 'path', 'title', 'text', 'kind', 'deadline', 'target', 'span_start', 'span_end'],
  assignment: ['task_id', 'unit_id', 'role', 'mention', 'implicit', 'clause_text', 'clause_start', 'clause_end', 'open_ended', 'basis_text', 'basis_start', 'basis_end', 'phrase'],
  task_similarity: ['a_id', 'b_id', 'score'],
  task_link: ['implementer_id', 'implemented_id', 'method', 'score', 'implementer_sentence', 'implementer_start', 'implemented_sentence', 'implemented_start'],
  search_field: ['row_id', 'target_kind', 'target_id', 'field', 'heading', 'length', 'text', 'document_id'],
  // SQLite's full-text table (PostgreSQL's words are a column of search_field, see Rows.flush)
  search_grams: ['rowid', 'heading', 'body'],
  audit_record: ['at', 'actor', 'operation', 'entity', 'entity_key', 'before', 'after', 'prev_hash', 'hash'],
  dataset_state: ['key', 'value'],
} as const;
type Table = keyof typeof COLUMNS;

/** rows waiting to be written, flushed table by table in an order that satisfies every foreign key */
class Rows {
  private readonly pending = new Map<Table, Value[][]>();
  count = 0;
  constructor(private readonly sink: Sink) {}
  get dialect(): Sink['dialect'] {
    return this.sink.dialect;
  }
  add(table: Table, row: Value[]): void {
    let list = this.pending.get(table);
    if (!list) this.pending.set(table, (list = []));
    list.push(row);
    this.count++;
  }
  async flush(): Promise<void> {
    for (const table of Object.keys(COLUMNS) as Table[]) {
      const rows = this.pending.get(table);
      const columns = table === 'search_field' && this.sink.dialect === 'postgresql' ? [...COLUMNS.search_field, 'grams'] : COLUMNS[table];
      if (rows?.length) await this.sink.insert(table, columns, rows);
    }
    this.pending.clear();
    this.count = 0;
  }
}

/** refuses a database that holds data, unless forced; a forced one is emptied */
async function prepareTarget(target: DatabaseTarget, force: boolean): Promise<void> {
  if (!target.databaseUrl && (!target.dbPath || !existsSync(target.dbPath))) return;
  const orm = await MikroORM.init(ormConfig(target));
  const tables: string[] = [];
  try {
    const knex = (orm.em as SqlEntityManager).getKnex();
    for (const t of ['document', 'unit', 'jurisdiction', 'audit_record', 'api_token']) {
      if ((await knex.schema.hasTable(t)) && (await knex(t).first())) tables.push(t);
    }
    if (tables.length && !force) {
      throw new GenError(`${target.databaseUrl ? 'the database' : target.dbPath} is not empty (it has rows in ${tables.join(', ')}); pass --force to replace its contents`);
    }
    if (tables.length && target.databaseUrl) await orm.schema.dropSchema();
  } finally {
    await orm.close();
  }
  if (tables.length && target.dbPath) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target.dbPath + suffix, { force: true });
}

/**
 * Builds a synthetic graph shaped like the seed corpus into an empty database: every division,
 * about 45 units per government, a notice and a plan per government and year whose items,
 * clauses, roles, collectives and links across levels follow the corpus, with the search index
 * and the audit trail a real ingest writes. Province by province (bounded memory), in plain
 * rows; the same seed gives the same rows.
 */
export async function generate(options: GenOptions): Promise<GenStats> {
  const started = Date.now();
  const spec = SCALES[options.scale];
  await prepareTarget(options.target, options.force);
  const orm = await createOrm(options.target);
  const sink = options.target.databaseUrl ? await postgresSink(orm, ['unit', 'document', 'task', 'search_field']) : await sqliteSink(orm);
  const knex = (orm.em as SqlEntityManager).getKnex();
  // PostgreSQL builds a GIN index from all its rows at once far faster than row by row: it is made again at the end
  if (sink.dialect === 'postgresql') for (const index of POSTGRES_SEARCH_INDEXES) await knex.raw(`drop index if exists ${index}`);
  const stats: GenStats = { jurisdictions: 0, units: 0, documents: 0, tasks: 0, assignments: 0, links: 0, searchFields: 0, seconds: 0 };
  try {
    const divisions = new DivisionIndex();
    const pools = phrasePools(divisions);
    const rows = new Rows(sink);
    const units = new UnitTable(divisions);
    const gen = new Generator(options, pools, rows, units, stats);
    const begin = () => sink.begin();

    await begin();
    const order = { NATIONAL: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 } as const;
    for (const d of [...divisions.all].sort((a, b) => order[a.level] - order[b.level])) rows.add('jurisdiction', [d.code, d.name, d.level, d.parentCode]);
    stats.jurisdictions = divisions.all.length;
    await rows.flush();
    await sink.commit();

    const provinces = divisions.all.filter((d) => d.level === 'PROVINCE' && spec.provinces(d));
    for (const [i, province] of provinces.entries()) {
      await begin();
      const cities = (divisions.children.get(province.code) ?? []).filter((d) => d.level === 'CITY' && spec.cities(d));
      const countiesOf = new Map(cities.map((c) => [c.code, (divisions.children.get(c.code) ?? []).filter((d) => d.level === 'COUNTY' && spec.counties(d))]));
      // every government of the province and its units first: collectives name governments below
      const governments = new Map<string, Government>();
      for (const d of [province, ...cities, ...cities.flatMap((c) => countiesOf.get(c.code)!)]) governments.set(d.code, units.government(d));
      await gen.writeUnits();
      const provinceDocs = gen.documentsOf(governments.get(province.code)!, spec.years, null);
      await rows.flush();
      await sink.commit();
      for (const [c, city] of cities.entries()) {
        await begin();
        const cityDocs = gen.documentsOf(governments.get(city.code)!, spec.years, provinceDocs);
        for (const county of countiesOf.get(city.code)!) {
          gen.documentsOf(governments.get(county.code)!, spec.years, cityDocs);
          if (rows.count > 100_000) await rows.flush();
        }
        await rows.flush();
        await sink.commit();
        options.log(progress(options.scale, `${province.name} (${i + 1}/${provinces.length}) · ${city.name} (${c + 1}/${cities.length})`, stats, started));
      }
      if (!cities.length) options.log(progress(options.scale, `${province.name} (${i + 1}/${provinces.length})`, stats, started));
    }
    await begin();
    rows.add('dataset_state', ['generated', JSON.stringify({ scale: options.scale, seed: options.seed, factor: options.factor })]);
    await rows.flush();
    await sink.commit();
    options.log(`gen ${options.scale}: rebuilding indexes …`);
    await sink.finish();
    options.log(`gen ${options.scale}: responsibility gaps and overlaps …`);
    for (const s of storedAnalysisStatements(null)) await knex.raw(s.sql, s.params);
    if (sink.dialect === 'postgresql') {
      options.log(`gen ${options.scale}: the search index and the planner's statistics …`);
      await knex.transaction(async (trx) => {
        await trx.raw(`set local maintenance_work_mem = '512MB'`);
        await ensureSearchEngine(trx);
      });
      await knex.raw('analyze');
    } else {
      options.log(`gen ${options.scale}: merging the search index …`);
      await knex.raw(`insert into search_grams (search_grams) values ('optimize')`);
    }
  } catch (error) {
    await sink.finish().catch(() => undefined);
    throw error;
  } finally {
    await orm.close();
  }
  stats.seconds = Math.round((Date.now() - started) / 100) / 10;
  return stats;
}

function progress(scale: string, where: string, s: GenStats, started: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `gen ${scale}: ${where}: ${n(s.documents)} documents, ${n(s.tasks)} tasks, ${n(s.assignments)} assignments, ${n(s.units)} units, ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** the documents of one government and year, what they leave for the governments below */
interface YearDocs {
  notice: { id: number; title: string; leaves: LeafTask[] };
  plan: { id: number; title: string; leaves: LeafTask[] };
}

class Generator {
  private nextDocument = 1;
  private nextTask = 1;
  private nextSearchField = 1;
  private audits = 0;
  private lastHash = GENESIS;

  constructor(
    private readonly options: GenOptions,
    private readonly pools: PhrasePools,
    private readonly rows: Rows,
    private readonly units: UnitTable,
    private readonly stats: GenStats,
  ) {}

  /** writes the units made since the last call, their aliases, members and search index */
  async writeUnits(): Promise<void> {
    const { units, aliases, members } = this.units.takePending();
    const aliasesOf = new Map<number, string[]>();
    for (const [id, alias] of aliases) {
      this.rows.add('unit_alias', [id, alias]);
      aliasesOf.set(id, [...(aliasesOf.get(id) ?? []), alias]);
    }
    for (const u of units) this.rows.add('unit', [u.id, u.name, u.kind, u.level, u.sector, u.jurisdiction, u.parent, u.verified]);
    for (const [c, m] of members) this.rows.add('unit_member', [c, m]);
    for (const u of units) this.index('UNIT', u.id, null, { name: [u.name], alias: aliasesOf.get(u.id) ?? [] });
    this.units.sealAliases();
    this.stats.units += units.length;
    await this.rows.flush();
  }

  /** a notice and a plan for each year; `higher` are the documents of the government above */
  documentsOf(g: Government, years: number[], higher: Map<number, YearDocs> | null): Map<number, YearDocs> {
    const out = new Map<number, YearDocs>();
    const d = g.division;
    const divisions = this.units.divisions;
    const place = divisions.distinctName(d);
    const abbr = d.level === 'PROVINCE' ? PROVINCE_ABBR[d.code.slice(0, 2)] ?? place.slice(0, 1) : d.level === 'CITY' ? place.slice(0, 2) : place;
    const governmentName = `${place}人民政府`;
    const officeName = `${place}安全生产委员会办公室`;
    for (const year of years) {
      const rng = new Rng(`${this.options.seed}|${d.code}|${year}`);
      const above = higher?.get(year) ?? null;
      const notice = this.write(
        {
          kind: 'NOTICE',
          government: g,
          place,
          issuerName: governmentName,
          issuer: g.government,
          number: `${abbr}政发〔${year}〕${rng.int(2, 40)}号`,
          year,
          source: above ? { document: above.notice, leaves: [...above.notice.leaves, ...above.plan.leaves], stated: false } : null,
          declaration: d.level === 'PROVINCE' && g.lower && rng.chance(0.5) ? g.lower : null,
        },
        rng,
      );
      const cited = above?.notice ?? notice;
      const plan = this.write(
        {
          kind: 'PLAN',
          government: g,
          place,
          issuerName: officeName,
          issuer: g.office,
          number: `${abbr}安委办发〔${year}〕${rng.int(41, 99)}号`,
          year,
          source: { document: cited, leaves: cited.leaves, stated: true },
          declaration: null,
        },
        rng,
      );
      out.set(year, { notice, plan });
    }
    return out;
  }

  private write(plan: Omit<DocumentPlan, 'id' | 'firstTaskId' | 'size'>, rng: Rng): { id: number; title: string; leaves: LeafTask[] } {
    const doc = writeDocument({ ...plan, id: this.nextDocument++, firstTaskId: this.nextTask, size: this.options.factor }, this.pools, rng);
    this.nextTask += doc.tasks.length;
    this.emit(doc, rng);
    const leaves: LeafTask[] = [];
    for (const t of doc.tasks) if (t.sentence && t.assignments.length) leaves.push({ id: t.id, documentId: doc.id, title: t.title, sentence: t.sentence });
    return { id: doc.id, title: doc.title, leaves };
  }

  /** the rows of one document, as an ingest writes them */
  private emit(doc: GenDocument, rng: Rng): void {
    const r = this.rows;
    const hash = createHash('sha256').update(doc.text, 'utf8').digest('hex');
    r.add('document', [doc.id, doc.sourceFile, doc.title, doc.number, doc.issuerName, doc.issuer, doc.date, doc.year, doc.kind, doc.jurisdiction, doc.text, doc.text, hash]);
    if (doc.reference) r.add('document_reference', [doc.id, doc.reference.title, doc.reference.cited, doc.reference.sentence, doc.reference.start]);
    let assignments = 0;
    for (const t of doc.tasks) {
      r.add('task', [t.id, doc.id, t.parent, t.ordinal, t.depth, t.label, t.path, t.title, t.text, t.kind, t.deadline, t.target, t.start, t.end]);
      for (const a of t.assignments) {
        r.add('assignment', [t.id, a.unit, a.role, a.mention, a.implicit, a.clauseText, a.clauseStart, a.clauseEnd, a.openEnded, a.basis?.text ?? null, a.basis?.start ?? null, a.basis?.end ?? null, null]);
        assignments++;
      }
      if (t.implements && t.sentence) {
        const score = Math.round((0.15 + rng.next() * 0.55) * 1e4) / 1e4;
        const [a, b] = t.id < t.implements.id ? [t.id, t.implements.id] : [t.implements.id, t.id];
        r.add('task_similarity', [a, b, score]);
        const stated = doc.reference?.cited === t.implements.documentId;
        r.add('task_link', [t.id, t.implements.id, stated ? 'STATED' : 'INFERRED', score, t.sentence.text, t.sentence.start, t.implements.sentence.text, t.implements.sentence.start]);
        this.stats.links++;
      }
    }
    // the audit record of the write, chained as recordChange chains it
    const record = {
      at: new Date(Date.UTC(2026, 0, 1) + this.audits++ * 1000).toISOString(),
      actor: 'gen',
      operation: 'GENERATE',
      entity: 'Document',
      entityKey: String(doc.id),
      before: null,
      after: JSON.stringify({ sourceFile: doc.sourceFile, number: doc.number, title: doc.title, contentHash: hash, tasks: doc.tasks.length, assignments }),
      prevHash: this.lastHash,
    };
    this.lastHash = hashOf(record);
    r.add('audit_record', [record.at, record.actor, record.operation, record.entity, record.entityKey, record.before, record.after, record.prevHash, this.lastHash]);
    // the search index, field by field as the indexer writes it
    this.index('DOCUMENT', doc.id, doc.id, { title: [doc.title], number: [doc.number], text: [doc.text] });
    for (const t of doc.tasks) this.index('TASK', t.id, doc.id, { title: [t.title], text: [t.text] });
    this.stats.documents++;
    this.stats.tasks += doc.tasks.length;
    this.stats.assignments += assignments;
  }

  /** the search index of one target as the indexer writes it: its canonical distinct texts per field, long ones in pieces, and their words */
  private index(kind: string, id: number, document: number | null, raw: Record<string, (string | null)[]>): void {
    const postgres = this.rows.dialect === 'postgresql';
    for (const [field, values] of Object.entries(raw)) {
      const heading = FIELD_TIER[field] > FIELD_TIER.text;
      const texts = [...new Set(values.filter((v): v is string => !!v).map(normalize).filter((t) => t.length > 0))];
      for (const piece of texts.flatMap(pieces)) {
        const rowId = this.nextSearchField++;
        this.rows.add('search_field', [rowId, kind, id, field, heading, charLength(piece), piece, document, ...(postgres ? [tsVector(piece)] : [])]);
        if (!postgres) {
          const words = grams(piece).join(' ');
          this.rows.add('search_grams', [rowId, heading ? words : null, heading ? null : words]);
        }
        this.stats.searchFields++;
      }
    }
  }
}
