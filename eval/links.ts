// Scores the links the API shows against a key of which items of the seed documents take up the
// same work (test/fixtures/links/key-*.json, written by readers of the documents alone). An item
// of the key is a quote from it; the task it names is the innermost task whose span holds the
// quote. A link finds a pair of the key when each of its tasks is the pair's item, or holds it,
// or is held by it (a link between whole items finds a pair of their parts, and the other way).
import { readFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

export interface KeyItem {
  file: string;
  quote: string;
}
export type Strength = 'STRONG' | 'PARTIAL';
export interface LinkKey {
  about: string;
  pairs: { from: KeyItem; to: KeyItem; strength: Strength; relation: string; why: string }[];
  mustNotLink: { a: KeyItem; b: KeyItem; why: string }[];
}

export function loadLinkKey(path: string): LinkKey {
  return JSON.parse(readFileSync(path, 'utf8')) as LinkKey;
}

interface TaskSpan {
  id: number;
  parent: number | null;
  documentFile: string;
  start: number;
  end: number;
  depth: number;
}
interface ShownLink {
  implementer: number;
  implemented: number;
  relation: string;
  score: number | null;
}

export interface LinkScore {
  minScore: number;
  shown: number;
  correct: number;
  precision: number;
  strong: { total: number; found: number; recall: number };
  all: { total: number; found: number; recall: number };
  /** found pairs whose link has the key's relation, in the key's direction */
  relationAgreement: number;
  mustNotLinkShown: string[];
  unresolved: string[];
  /** links between documents the key holds no pairs of (not counted in precision) */
  unjudged: number;
  /** per pair of documents: pairs in the key, found, links shown, links right */
  byDocuments: { documents: string; pairs: number; found: number; shown: number; correct: number }[];
  missed: string[];
  wrong: string[];
}

const short = (file: string) => file.slice(0, 3);

/** the links shown by default (or at minScore), scored against the key */
export async function scoreLinks(orm: MikroORM, key: LinkKey, minScore: number): Promise<LinkScore> {
  const sql = orm.em.fork() as SqlEntityManager;
  const documents = (await sql.execute(`select row_id as "id", source_file as "file", text as "text" from document`)) as { id: number; file: string; text: string }[];
  const tasks = (await sql.execute(
    `select t.row_id as "id", t.parent_id as "parent", d.source_file as "documentFile", t.span_start as "start", t.span_end as "end", t.depth as "depth", t.title as "title"
     from task t join document d on d.row_id = t.document_id`,
  )) as (TaskSpan & { title: string })[];
  let links = (await sql.execute(
    `select implementer_id as "implementer", implemented_id as "implemented", relation as "relation", score as "score" from task_link
     where review <> 'REJECTED' and (score is null or score >= ?)`,
    [minScore],
  )) as ShownLink[];
  const byId = new Map(tasks.map((t) => [Number(t.id), t]));
  const label = (id: number) => {
    const t = byId.get(id)!;
    return `${short(t.documentFile)}:${t.title.slice(0, 16)}`;
  };

  const unresolved: string[] = [];
  const itemOf = (item: KeyItem): number | null => {
    const doc = documents.find((d) => d.file === item.file);
    const quote = item.quote.replace(/[*#]/g, '').trim();
    const at = doc ? doc.text.indexOf(quote) : -1;
    const holding = at < 0 ? [] : tasks.filter((t) => t.documentFile === item.file && t.start <= at && at < Math.max(t.end, t.start + 1));
    if (!holding.length) {
      unresolved.push(`${item.file}: ${item.quote}`);
      return null;
    }
    return Number(holding.reduce((a, b) => (b.depth > a.depth ? b : a)).id);
  };
  const ancestors = (id: number) => {
    const out = new Set<number>();
    for (let t: TaskSpan | undefined = byId.get(id); t; t = t.parent === null ? undefined : byId.get(Number(t.parent))) out.add(Number(t.id));
    return out;
  };
  const nested = (a: number, b: number) => ancestors(a).has(b) || ancestors(b).has(a);
  const matches = (l: ShownLink, x: number, y: number) => (nested(l.implementer, x) && nested(l.implemented, y)) || (nested(l.implementer, y) && nested(l.implemented, x));

  const pairs = key.pairs.map((p) => ({ ...p, x: itemOf(p.from), y: itemOf(p.to) }));
  const negatives = key.mustNotLink.map((p) => ({ ...p, x: itemOf(p.a), y: itemOf(p.b) }));
  const resolved = pairs.filter((p) => p.x !== null && p.y !== null) as (LinkKey['pairs'][number] & { x: number; y: number })[];

  // a key judges the pairs of documents it holds pairs of; links between others are counted apart
  const docPair = (a: string, b: string) => [short(a), short(b)].sort().join('–');
  const judged = new Set([...key.pairs.map((p) => docPair(p.from.file, p.to.file)), ...key.mustNotLink.map((p) => docPair(p.a.file, p.b.file))]);
  const fileOf = (id: number) => byId.get(id)!.documentFile;
  const unjudged = links.filter((l) => !judged.has(docPair(fileOf(l.implementer), fileOf(l.implemented))));
  links = links.filter((l) => !unjudged.includes(l));
  const correctLinks = links.filter((l) => resolved.some((p) => matches(l, p.x, p.y)));
  const found = resolved.filter((p) => links.some((l) => matches(l, p.x, p.y)));
  const agreeing = found.filter((p) => links.some((l) => nested(l.implementer, p.x) && nested(l.implemented, p.y) && l.relation === p.relation));
  const strong = resolved.filter((p) => p.strength === 'STRONG');
  const mustNotLinkShown = negatives
    .filter((n) => n.x !== null && n.y !== null)
    .filter((n) => links.some((l) => matches(l, n.x!, n.y!) && !correctLinks.includes(l)))
    .map((n) => `${label(n.x!)} ↔ ${label(n.y!)}`);

  const byDocuments = new Map<string, { documents: string; pairs: number; found: number; shown: number; correct: number }>();
  const row = (k: string) => byDocuments.get(k) ?? byDocuments.set(k, { documents: k, pairs: 0, found: 0, shown: 0, correct: 0 }).get(k)!;
  for (const p of resolved) {
    row(docPair(p.from.file, p.to.file)).pairs++;
    if (found.includes(p)) row(docPair(p.from.file, p.to.file)).found++;
  }
  for (const l of links) {
    const k = docPair(byId.get(l.implementer)!.documentFile, byId.get(l.implemented)!.documentFile);
    row(k).shown++;
    if (correctLinks.includes(l)) row(k).correct++;
  }
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 1);
  return {
    minScore,
    shown: links.length,
    correct: correctLinks.length,
    precision: ratio(correctLinks.length, links.length),
    strong: { total: strong.length, found: strong.filter((p) => found.includes(p)).length, recall: ratio(strong.filter((p) => found.includes(p)).length, strong.length) },
    all: { total: resolved.length, found: found.length, recall: ratio(found.length, resolved.length) },
    relationAgreement: ratio(agreeing.length, found.length),
    mustNotLinkShown,
    unresolved,
    unjudged: unjudged.length,
    byDocuments: [...byDocuments.values()].sort((a, b) => a.documents.localeCompare(b.documents)),
    missed: resolved.filter((p) => !found.includes(p)).map((p) => `${p.strength} ${p.relation} ${label(p.x)} → ${label(p.y)}`),
    wrong: links.filter((l) => !correctLinks.includes(l)).map((l) => `${l.relation} ${l.score ?? '-'} ${label(l.implementer)} → ${label(l.implemented)}`),
  };
}
