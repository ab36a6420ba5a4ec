import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TaskLink, TaskSimilarity, LinkMethod } from './link.entity.js';
import { placeholders } from '../../graphql/sql.js';
import { contains } from '../jurisdiction/divisions.js';
import { bestSentences, cosine, type TaskText, vectors } from './similarity.js';

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

/**
 * Recomputes, inside the caller's transaction, the similarities and inferred links between the
 * tasks of the given documents and every other document's: a task of a lower level whose text
 * is like a task of a higher level containing it implements that task. Manual links, and links a person reviewed, are kept.
 */
export async function refreshLinks(em: EntityManager, documentIds: number[]): Promise<{ links: number; similarities: number }> {
  await resolveReferences(em);
  if (!documentIds.length) return { links: 0, similarities: 0 };
  // em.execute runs inside the caller's transaction
  const conn = em as SqlEntityManager;
  const rows = (await conn.execute(
    `select t.row_id as "id", t.document_id as "documentId", t.title as "title", t.text as "text", t.span_start as "start",
            j.level as "level", j.code as "jurisdiction"
     from task t join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
     where t.kind in (${placeholders(WORK_KINDS.length)}) order by t.row_id`,
    WORK_KINDS,
  )) as Row[];
  const texts = (await conn.execute(`select row_id as "id", text as "text" from document`)) as { id: number; text: string }[];
  const docText = new Map(texts.map((d) => [d.id, d.text]));
  const changed = new Set(documentIds);
  const ids = rows.filter((r) => changed.has(r.documentId)).map((r) => r.id);

  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = placeholders(chunk.length);
    await conn.execute(`delete from task_similarity where a_id in (${marks}) or b_id in (${marks})`, [...chunk, ...chunk]);
    await conn.execute(`delete from task_link where method <> 'MANUAL' and review = 'EXTRACTED' and (implementer_id in (${marks}) or implemented_id in (${marks}))`, [...chunk, ...chunk]);
  }

  // a document that states it carries out another: its like tasks are STATED links, whatever the levels
  const cites = new Set(
    ((await conn.execute(`select document_id as "a", cited_document_id as "b" from document_reference where cited_document_id is not null`)) as { a: number; b: number }[]).map(
      (r) => `${r.a}:${r.b}`,
    ),
  );
  const vec = vectors(rows);
  const similarities: { a: number; b: number; score: number }[] = [];
  const links: { implementer: number; implemented: number; method: LinkMethod; score: number; implementerSentence: string; implementerStart: number; implementedSentence: string; implementedStart: number }[] = [];
  const done = new Set<string>();
  for (const x of rows) {
    if (!changed.has(x.documentId)) continue;
    for (const y of rows) {
      if (y.documentId === x.documentId) continue;
      const [a, b] = x.id < y.id ? [x, y] : [y, x];
      const key = `${a.id}:${b.id}`;
      if (done.has(key)) continue;
      done.add(key);
      const score = Math.round(cosine(vec.get(a.id)!, vec.get(b.id)!) * 1e4) / 1e4;
      if (score < KEEP_SIMILARITY) continue;
      similarities.push({ a: a.id, b: b.id, score });
      const stated = cites.has(`${a.documentId}:${b.documentId}`) ? [a, b] : cites.has(`${b.documentId}:${a.documentId}`) ? [b, a] : null;
      const [lower, higher] = stated ?? (LEVEL_RANK[a.level] > LEVEL_RANK[b.level] ? [a, b] : [b, a]);
      if (!stated && (LEVEL_RANK[lower.level] === LEVEL_RANK[higher.level] || !contains(higher.jurisdiction, lower.jurisdiction))) continue;
      const [fromSentence, toSentence] = bestSentences(lower, higher);
      links.push({
        implementer: lower.id,
        implemented: higher.id,
        method: stated ? LinkMethod.STATED : LinkMethod.INFERRED,
        score,
        implementerSentence: fromSentence,
        implementerStart: spanOf(docText.get(lower.documentId)!, fromSentence, lower.start),
        implementedSentence: toSentence,
        implementedStart: spanOf(docText.get(higher.documentId)!, toSentence, higher.start),
      });
    }
  }
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
