import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TaskLink, TaskSimilarity, LinkMethod } from './link.entity.js';
import { placeholders } from '../../graphql/sql.js';
import { contains, NATIONAL_CODE } from '../jurisdiction/divisions.js';
import { bestSentences, cosine, countFrequencies, type SentenceCache, type TaskText, taskGrams, weigh } from './similarity.js';

/** the items that carry work; chapters and report sections are not compared */
export const WORK_KINDS = ['TASK', 'SUB_TOPIC', 'PROJECT', 'SUB_GOAL', 'TARGET', 'MEASURE', 'PROGRESS_ITEM', 'REQUIREMENT'];

/** similarities at least this high are kept (near-duplicates, candidate links) */
export const KEEP_SIMILARITY = 0.15;
/** inferred links below this are hidden unless a query asks for them (minScore) */
export const SHOWN_LINK_SCORE = 0.2;

const LEVEL_RANK: Record<string, number> = { NATIONAL: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 };

interface Row extends TaskText {
  documentId: number;
  start: number;
  level: string;
  jurisdiction: string;
}

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

/** the work items of the documents, a slice of documents at a time */
async function* workTasks(conn: SqlEntityManager, documentIds: number[]): AsyncGenerator<Row[]> {
  for (let i = 0; i < documentIds.length; i += DOCUMENTS_PER_READ) {
    const chunk = documentIds.slice(i, i + DOCUMENTS_PER_READ);
    yield (await conn.execute(
      `select t.row_id as "id", t.document_id as "documentId", t.title as "title", t.text as "text", t.span_start as "start",
              j.level as "level", j.code as "jurisdiction"
       from task t join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
       where t.document_id in (${placeholders(chunk.length)}) and t.kind in (${placeholders(WORK_KINDS.length)}) order by t.row_id`,
      [...chunk, ...WORK_KINDS],
    )) as Row[];
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
  let n = 0;
  const mine: Row[] = [];
  for await (const rows of workTasks(conn, population)) {
    for (const r of rows) {
      countFrequencies(taskGrams(r), df);
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

  // the changed tasks' vectors, and for each bigram the changed tasks holding it
  const mineVec = mine.map((r) => weigh(taskGrams(r), df, n));
  const postings = new Map<string, { i: number; w: number }[]>();
  mineVec.forEach((v, i) => {
    for (const [x, w] of v) {
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
      const vy = weigh(taskGrams(y), df, n);
      const touched: number[] = [];
      for (const [x, w] of vy) {
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
        if (x.documentId === y.documentId || dot < KEEP_SIMILARITY - 1e-3 || (yi !== undefined && yi < i)) continue;
        // the score exactly as it always was computed: the smaller row id's vector first
        const [va, vb] = x.id < y.id ? [mineVec[i], vy] : [vy, mineVec[i]];
        const score = Math.round(cosine(va, vb) * 1e4) / 1e4;
        if (score < KEEP_SIMILARITY) continue;
        pairs.push({ x, y, score, outer: yi !== undefined ? Math.min(x.id, y.id) : x.id, inner: yi !== undefined ? Math.max(x.id, y.id) : y.id });
      }
    }
  }
  pairs.sort((p, q) => p.outer - q.outer || p.inner - q.inner);

  const similarities: { a: number; b: number; score: number }[] = [];
  const found: { lower: Row; higher: Row; stated: boolean; score: number }[] = [];
  for (const { x, y, score } of pairs) {
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    similarities.push({ a: a.id, b: b.id, score });
    const stated = cites.has(`${a.documentId}:${b.documentId}`) ? [a, b] : cites.has(`${b.documentId}:${a.documentId}`) ? [b, a] : null;
    const [lower, higher] = stated ?? (LEVEL_RANK[a.level] > LEVEL_RANK[b.level] ? [a, b] : [b, a]);
    if (!stated && (LEVEL_RANK[lower.level] === LEVEL_RANK[higher.level] || !contains(higher.jurisdiction, lower.jurisdiction))) continue;
    found.push({ lower, higher, stated: !!stated, score });
  }
  // the texts of only the documents the links quote
  const docText = new Map<number, string>();
  const quoted = [...new Set(found.flatMap((l) => [l.lower.documentId, l.higher.documentId]))];
  for (let i = 0; i < quoted.length; i += 500) {
    const chunk = quoted.slice(i, i + 500);
    for (const d of (await conn.execute(`select row_id as "id", text as "text" from document where row_id in (${placeholders(chunk.length)})`, chunk)) as { id: number; text: string }[]) {
      docText.set(Number(d.id), d.text);
    }
  }
  const split: SentenceCache = new Map();
  const links = found.map(({ lower, higher, stated, score }) => {
    const [fromSentence, toSentence] = bestSentences(lower, higher, split);
    return {
      implementer: lower.id,
      implemented: higher.id,
      method: stated ? LinkMethod.STATED : LinkMethod.INFERRED,
      score,
      implementerSentence: fromSentence,
      implementerStart: spanOf(docText.get(lower.documentId)!, fromSentence, lower.start),
      implementedSentence: toSentence,
      implementedStart: spanOf(docText.get(higher.documentId)!, toSentence, higher.start),
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

function spanOf(text: string, sentence: string, from: number): number {
  const at = text.indexOf(sentence, from);
  return at >= 0 ? at : text.indexOf(sentence);
}
