import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TaskLink, TaskSimilarity, LinkMethod, LinkRelation } from './link.entity.js';
import { groupBy, placeholders } from '../../graphql/sql.js';
import { contains, NATIONAL_CODE } from '../jurisdiction/divisions.js';
import { bestSentences, countFrequencies, type SentenceCache, similarity, type TaskTerms, type TaskText, taskTerms, weighTask } from './similarity.js';

/** the items that carry work; chapters and report sections are not compared */
export const WORK_KINDS = ['TASK', 'SUB_TOPIC', 'PROJECT', 'SUB_GOAL', 'TARGET', 'TARGET_TASK', 'MEASURE', 'PROGRESS_ITEM', 'RESULT', 'REQUIREMENT'];
// the items that tell how a task was done rather than set one: a report's, a write-up's results
const REPORT_KINDS = new Set(['TARGET_TASK', 'MEASURE', 'PROGRESS_ITEM', 'RESULT']);

/** similarities at least this high are kept (near-duplicates, candidate links) */
export const KEEP_SIMILARITY = 0.15;
/** pairs whose words alone score below this are not scored further */
const CANDIDATE_TEXT_SCORE = 0.05;
/** inferred links below this are hidden unless a query asks for them (minScore) */
export const SHOWN_LINK_SCORE = 0.2;

const LEVEL_RANK: Record<string, number> = { NATIONAL: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 };

interface Row extends TaskText {
  documentId: number;
  kind: string;
  start: number;
  level: string;
  jurisdiction: string;
  /** the document's date (yyyy-mm-dd), or its year */
  issued: string | null;
  documentKind: string;
  /** the sectors of the departments given a part in it (LEAD, SHARED, RESPONSIBLE) */
  sectors: Set<string>;
}

// the units that stand for a sector's work; governments, party organs and collectives stand for all of it
const SECTOR_KINDS = ['DEPARTMENT', 'VERTICAL_AGENCY', 'OFFICE', 'COMMITTEE', 'PUBLIC_INSTITUTION', 'RESCUE_TEAM'];
const SECTOR_ROLES = ['LEAD', 'SHARED', 'RESPONSIBLE'];

/** points each cited title at the document of that title, when it is in the graph (either may come first) */
export async function resolveReferences(em: EntityManager): Promise<void> {
  const sql = em as SqlEntityManager;
  const refs = (await sql.execute(`select row_id as "id", title as "title" from document_reference where cited_document_id is null`)) as { id: number; title: string }[];
  if (!refs.length) return;
  const docs = (await sql.execute(`select row_id as "id", title as "title" from document`)) as { id: number; title: string }[];
  for (const r of refs) {
    const cited = docs.find((d) => d.title === r.title || d.title.includes(`《${r.title}》`));
    if (cited) await sql.execute(`update document_reference set cited_document_id = ? where row_id = ?`, [cited.id, r.id]);
  }
}

// documents whose tasks are read per statement, while the population is streamed
const DOCUMENTS_PER_READ = 200;

/** a pair of tasks whose similarity is kept; `outer` and `inner` give the order pairs are written in */
interface Pair {
  x: Row;
  y: Row;
  score: number;
  outer: number;
  inner: number;
}

/**
 * The documents a changed document can share links or near-duplicates with: those of a
 * jurisdiction containing its own (the country, its province, its city, itself) or contained in
 * it, and those it states it carries out or that state they carry it out. Links only ever join
 * a lower task to a higher one containing it, so nothing outside this set can be linked; its
 * tasks are also the population the TF-IDF weights are counted over.
 */
async function relatedDocuments(conn: SqlEntityManager, changed: { id: number; jurisdiction: string | null }[], referenced: number[]): Promise<number[]> {
  const codes = [...new Set(changed.map((d) => d.jurisdiction).filter((j): j is string => !!j))];
  const ids = new Set<number>([...changed.map((d) => d.id), ...referenced]);
  if (codes.includes(NATIONAL_CODE)) {
    for (const r of (await conn.execute(`select row_id as "id" from document where jurisdiction_code is not null`)) as { id: number }[]) ids.add(Number(r.id));
  } else if (codes.length) {
    const ancestors = new Set<string>([NATIONAL_CODE]);
    const prefixes: string[] = [];
    for (const j of codes) {
      ancestors.add(j.slice(0, 2) + '0000');
      ancestors.add(j.slice(0, 4) + '00');
      ancestors.add(j);
      prefixes.push(`${j.endsWith('0000') ? j.slice(0, 2) : j.endsWith('00') ? j.slice(0, 4) : j}%`);
    }
    const rows = (await conn.execute(
      `select row_id as "id" from document where jurisdiction_code in (${placeholders(ancestors.size)})${prefixes.map(() => ' or jurisdiction_code like ?').join('')}`,
      [...ancestors, ...prefixes],
    )) as { id: number }[];
    for (const r of rows) ids.add(Number(r.id));
  }
  return [...ids].sort((a, b) => a - b);
}

/** the work items of the documents, a slice of documents at a time; the sectors of their departments only for the documents `withSectors` asks for */
async function* workTasks(conn: SqlEntityManager, documentIds: number[], withSectors: (documentId: number) => boolean = () => true): AsyncGenerator<Row[]> {
  for (let i = 0; i < documentIds.length; i += DOCUMENTS_PER_READ) {
    const chunk = documentIds.slice(i, i + DOCUMENTS_PER_READ);
    const rows = (await conn.execute(
      `select t.row_id as "id", t.document_id as "documentId", t.title as "title", t.text as "text", t.kind as "kind", t.span_start as "start",
              j.level as "level", j.code as "jurisdiction", coalesce(d.issued_on, cast(d.year as text)) as "issued", d.kind as "documentKind"
       from task t join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
       where t.document_id in (${placeholders(chunk.length)}) and (t.kind in (${placeholders(WORK_KINDS.length)}) or (t.kind = 'SECTION' and d.kind = 'PROGRESS_REPORT'))
       order by t.row_id`,
      [...chunk, ...WORK_KINDS],
    )) as Row[];
    const wanted = chunk.filter(withSectors);
    const held = wanted.length
      ? ((await conn.execute(
          `select distinct a.task_id as "taskId", u.sector as "sector" from assignment a join task t on t.row_id = a.task_id join unit u on u.row_id = a.unit_id
           where t.document_id in (${placeholders(wanted.length)}) and u.sector is not null and u.kind in (${placeholders(SECTOR_KINDS.length)}) and a.role in (${placeholders(SECTOR_ROLES.length)})`,
          [...wanted, ...SECTOR_KINDS, ...SECTOR_ROLES],
        )) as { taskId: number; sector: string }[])
      : [];
    const sectors = groupBy(held, (h) => Number(h.taskId));
    for (const r of rows) r.sectors = new Set((sectors.get(Number(r.id)) ?? []).map((h) => h.sector));
    yield rows;
  }
}

/**
 * Recomputes, inside the caller's transaction, the similarities and inferred links between the
 * tasks of the given documents and those of the documents related to them (see
 * relatedDocuments): a task of a lower level whose text is like a task of a higher level
 * containing it implements that task. Manual links, and links a person reviewed, are kept. The related tasks are streamed
 * twice — once to count bigram frequencies, once to score each against the changed tasks
 * through an inverted index of theirs — so time grows with the related tasks, not with their
 * square, and memory stays bounded by the changed documents.
 */
export async function refreshLinks(em: EntityManager, documentIds: number[]): Promise<{ links: number; similarities: number }> {
  await resolveReferences(em);
  if (!documentIds.length) return { links: 0, similarities: 0 };
  // em.execute runs inside the caller's transaction
  const conn = em as SqlEntityManager;
  const changed = new Set(documentIds);
  const changedDocs: { id: number; jurisdiction: string | null }[] = [];
  const references: { a: number; b: number }[] = [];
  for (let i = 0; i < documentIds.length; i += 500) {
    const chunk = documentIds.slice(i, i + 500);
    const marks = placeholders(chunk.length);
    changedDocs.push(...((await conn.execute(`select row_id as "id", jurisdiction_code as "jurisdiction" from document where row_id in (${marks})`, chunk)) as typeof changedDocs));
    references.push(
      ...((await conn.execute(
        `select document_id as "a", cited_document_id as "b" from document_reference where cited_document_id is not null and (document_id in (${marks}) or cited_document_id in (${marks}))`,
        [...chunk, ...chunk],
      )) as { a: number; b: number }[]),
    );
  }
  // a document that states it carries out another: its like tasks are STATED links, whatever the levels
  const cites = new Set(references.map((r) => `${r.a}:${r.b}`));
  const population = await relatedDocuments(conn, changedDocs, references.flatMap((r) => [Number(r.a), Number(r.b)]));

  const df = new Map<string, number>();
  const cache = new TermCache();
  let n = 0;
  const mine: Row[] = [];
  // the first pass counts words; of its rows only the changed tasks are kept, so only theirs need sectors
  for await (const rows of workTasks(conn, population, (d) => changed.has(d))) {
    for (const r of rows) {
      const terms = taskTerms(r);
      countFrequencies(terms.all, df);
      cache.keep(r.id, terms);
      n++;
      if (changed.has(r.documentId)) mine.push(r);
    }
  }
  mine.sort((a, b) => a.id - b.id);
  const ids = mine.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = placeholders(chunk.length);
    await conn.execute(`delete from task_similarity where a_id in (${marks}) or b_id in (${marks})`, [...chunk, ...chunk]);
    await conn.execute(`delete from task_link where method <> 'MANUAL' and review = 'EXTRACTED' and (implementer_id in (${marks}) or implemented_id in (${marks}))`, [...chunk, ...chunk]);
  }

  // the changed tasks' vectors, and for each word the changed tasks holding it
  const mineWeighed = mine.map((r) => weighTask(cache.take(r.id) ?? taskTerms(r), df, n, r.sectors));
  const postings = new Map<string, { i: number; w: number }[]>();
  mineWeighed.forEach((v, i) => {
    for (const [x, w] of v.all) {
      const list = postings.get(x);
      if (list) list.push({ i, w });
      else postings.set(x, [{ i, w }]);
    }
  });
  const mineIndex = new Map(mine.map((r, i) => [r.id, i]));
  const dots = new Float64Array(mine.length);
  const pairs: Pair[] = [];
  for await (const rows of workTasks(conn, population)) {
    for (const y of rows) {
      const wy = weighTask(cache.take(y.id) ?? taskTerms(y), df, n, y.sectors);
      const touched: number[] = [];
      for (const [x, w] of wy.all) {
        for (const p of postings.get(x) ?? []) {
          if (dots[p.i] === 0) touched.push(p.i);
          dots[p.i] += w * p.w;
        }
      }
      const yi = mineIndex.get(y.id);
      for (const i of touched) {
        const dot = dots[i];
        dots[i] = 0;
        const x = mine[i];
        // a pair of two changed tasks is met twice: keep it once, as the smaller one's
        if (x.documentId === y.documentId || dot < CANDIDATE_TEXT_SCORE || (yi !== undefined && yi < i)) continue;
        const [wa, wb] = x.id < y.id ? [mineWeighed[i], wy] : [wy, mineWeighed[i]];
        // the score exactly as it is computed from either side: the smaller row id's vector first
        const score = Math.round(similarity(wa, wb) * 1e4) / 1e4;
        if (score < KEEP_SIMILARITY) continue;
        pairs.push({ x, y, score, outer: yi !== undefined ? Math.min(x.id, y.id) : x.id, inner: yi !== undefined ? Math.max(x.id, y.id) : y.id });
      }
    }
  }
  pairs.sort((p, q) => p.outer - q.outer || p.inner - q.inner);

  const similarities: { a: number; b: number; score: number }[] = [];
  const found: { from: Row; to: Row; relation: LinkRelation; stated: boolean; score: number }[] = [];
  for (const { x, y, score } of pairs) {
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    similarities.push({ a: a.id, b: b.id, score });
    const stated = cites.has(`${a.documentId}:${b.documentId}`) ? [a, b] : cites.has(`${b.documentId}:${a.documentId}`) ? [b, a] : null;
    if (stated) {
      found.push({ from: stated[0], to: stated[1], relation: LinkRelation.IMPLEMENTS, stated: true, score });
      continue;
    }
    const typed = relationOf(a, b);
    if (typed) found.push({ ...typed, stated: false, score });
  }
  const kept = bestPerDocument(found);
  // the texts of only the documents the links quote
  const docText = new Map<number, string>();
  const quoted = [...new Set(kept.flatMap((l) => [l.from.documentId, l.to.documentId]))];
  for (let i = 0; i < quoted.length; i += 500) {
    const chunk = quoted.slice(i, i + 500);
    for (const d of (await conn.execute(`select row_id as "id", text as "text" from document where row_id in (${placeholders(chunk.length)})`, chunk)) as { id: number; text: string }[]) {
      docText.set(Number(d.id), d.text);
    }
  }
  const split: SentenceCache = new Map();
  const links = kept.map(({ from, to, relation, stated, score }) => {
    const [fromSentence, toSentence] = bestSentences(from, to, split);
    return {
      implementer: from.id,
      implemented: to.id,
      relation,
      method: stated ? LinkMethod.STATED : LinkMethod.INFERRED,
      score,
      implementerSentence: fromSentence,
      implementerStart: spanOf(docText.get(from.documentId)!, fromSentence, from.start),
      implementedSentence: toSentence,
      implementedStart: spanOf(docText.get(to.documentId)!, toSentence, to.start),
    };
  });
  for (let i = 0; i < similarities.length; i += 300) await em.insertMany(TaskSimilarity, similarities.slice(i, i + 300));
  const manual = new Set(
    ((await conn.execute(`select implementer_id as "a", implemented_id as "b" from task_link where method = 'MANUAL' or review <> 'EXTRACTED'`)) as { a: number; b: number }[]).map((r) => `${r.a}:${r.b}`),
  );
  const fresh = links.filter((l) => !manual.has(`${l.implementer}:${l.implemented}`));
  for (let i = 0; i < fresh.length; i += 200) await em.insertMany(TaskLink, fresh.slice(i, i + 200));
  return { links: fresh.length, similarities: similarities.length };
}

// tasks whose words are kept between the two passes over the related tasks (≈ 100 bytes each);
// beyond them (a national document at L) the words are cut again, and memory stays bounded
const CACHED_TASKS = 400_000;

/** the words of the tasks read in the first pass, as numbers into one vocabulary, for the second */
class TermCache {
  private readonly vocabulary = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly kept = new Map<number, { all: Int32Array; title: Int32Array; topics: string[]; textTopics: string[] }>();

  keep(id: number, terms: TaskTerms): void {
    if (this.kept.size >= CACHED_TASKS) return;
    this.kept.set(id, { all: this.ids(terms.all), title: this.ids(terms.title), topics: [...terms.topics], textTopics: [...terms.textTopics] });
  }

  /** the words kept for a task, given up (each task is taken once) */
  take(id: number): TaskTerms | undefined {
    const k = this.kept.get(id);
    if (!k) return undefined;
    this.kept.delete(id);
    const w = (ids: Int32Array) => Array.from(ids, (i) => this.words[i]);
    return { all: w(k.all), title: w(k.title), topics: new Set(k.topics), textTopics: new Set(k.textTopics) };
  }

  private ids(words: string[]): Int32Array {
    const out = new Int32Array(words.length);
    words.forEach((word, i) => {
      let id = this.vocabulary.get(word);
      if (id === undefined) {
        id = this.words.length;
        this.vocabulary.set(word, id);
        this.words.push(word);
      }
      out[i] = id;
    });
    return out;
  }
}

/** how many inferred links a task keeps to the tasks of any one other document: its best */
const LINKS_PER_DOCUMENT = 2;

/**
 * A task alike to many of another document's (a general item beside each sector's) is linked to
 * its best few there, and each of those keeps it only if it is among their best few here too.
 * Every pair involves a changed task, and all of a changed task's pairs are at hand, so this
 * holds for the links of unchanged tasks as well.
 */
function bestPerDocument<T extends { from: Row; to: Row; stated: boolean; score: number }>(found: T[]): T[] {
  const rank = new Map<T, number>();
  for (const side of [(l: T) => `${l.from.id}:${l.to.documentId}`, (l: T) => `${l.to.id}:${l.from.documentId}`]) {
    for (const group of groupBy(found, side).values()) {
      group.sort((a, b) => b.score - a.score || a.to.id - b.to.id || a.from.id - b.from.id);
      group.forEach((l, i) => rank.set(l, Math.max(rank.get(l) ?? 0, i)));
    }
  }
  return found.filter((l) => l.stated || rank.get(l)! < LINKS_PER_DOCUMENT);
}

/**
 * What one of two alike tasks of related documents is to the other, from dates and levels: the
 * same government later takes the work up again (CONTINUES); a report's item tells how an
 * earlier task was done (REPORTS_ON); a lower level carries out a higher level's task issued no
 * later (IMPLEMENTS), or did the same work before it (CORRESPONDS). Null when nothing orders them
 * (the same government on the same day, or places neither of which contains the other).
 */
function relationOf(a: Row, b: Row): { from: Row; to: Row; relation: LinkRelation } | null {
  const sameLevel = LEVEL_RANK[a.level] === LEVEL_RANK[b.level];
  const [lower, higher] = LEVEL_RANK[a.level] > LEVEL_RANK[b.level] ? [a, b] : [b, a];
  if (sameLevel ? a.jurisdiction !== b.jurisdiction : !contains(higher.jurisdiction, lower.jurisdiction)) return null;
  const order = compareDates(a.issued, b.issued);
  const [earlier, later] = order <= 0 ? [a, b] : [b, a];
  // a report speaks of work set before it, at its own level or above
  if (order !== 0 && isReport(later) && !isReport(earlier) && LEVEL_RANK[earlier.level] <= LEVEL_RANK[later.level]) return { from: later, to: earlier, relation: LinkRelation.REPORTS_ON };
  if (sameLevel) return order === 0 ? null : { from: later, to: earlier, relation: LinkRelation.CONTINUES };
  // undated documents are taken to be in order
  return { from: lower, to: higher, relation: compareDates(lower.issued, higher.issued) >= 0 || !lower.issued || !higher.issued ? LinkRelation.IMPLEMENTS : LinkRelation.CORRESPONDS };
}

function isReport(r: Row): boolean {
  return r.documentKind === 'PROGRESS_REPORT' || REPORT_KINDS.has(r.kind);
}

/** dates or years as text, compared to the precision both have (2022 and 2022-03-01 are the same time) */
function compareDates(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n) ? -1 : a.slice(0, n) > b.slice(0, n) ? 1 : 0;
}

function spanOf(text: string, sentence: string, from: number): number {
  const at = text.indexOf(sentence, from);
  return at >= 0 ? at : text.indexOf(sentence);
}
