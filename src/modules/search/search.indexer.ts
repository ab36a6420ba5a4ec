import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { placeholders } from '../../graphql/sql.js';
import { SearchField } from './search.entity.js';
import { SearchHitKind } from './search.types.js';
import { FIELD_TIER, normalize, pieces } from './search.text.js';
import { type FieldRow, insertFields } from './search.engine.js';

/** one target's indexed fields, canonical; a field may hold several texts (a unit's aliases) */
interface Target {
  kind: SearchHitKind;
  id: number;
  documentId: number | null;
  fields: { field: string; texts: string[] }[];
}

export interface IndexStats {
  targets: number;
  /** search_field rows written: one per field text, or per piece of a long one */
  fields: number;
}

// units read per statement
const CHUNK = 1000;

/**
 * (Re)writes the index of a document and its tasks (title and text; the document's number too),
 * in the caller's transaction: everything indexed under the document goes first, so tasks the
 * new version no longer has leave nothing behind.
 */
export async function indexDocument(em: EntityManager, documentRowId: number): Promise<IndexStats> {
  const sem = em as SqlEntityManager;
  await em.nativeDelete(SearchField, { document: documentRowId });
  const [doc] = await sem.execute<{ title: string; number: string | null; text: string }[]>(
    `select title as "title", doc_number as "number", text as "text" from document where row_id = ?`,
    [documentRowId],
  );
  if (!doc) return { targets: 0, fields: 0 };
  const tasks = await sem.execute<{ rowId: number; title: string; text: string }[]>(
    `select row_id as "rowId", title as "title", text as "text" from task where document_id = ? order by ordinal`,
    [documentRowId],
  );
  const targets: Target[] = [
    { kind: SearchHitKind.DOCUMENT, id: documentRowId, documentId: documentRowId, fields: fieldsOf({ title: [doc.title], number: [doc.number], text: [doc.text] }) },
    ...tasks.map((t) => ({ kind: SearchHitKind.TASK, id: Number(t.rowId), documentId: documentRowId, fields: fieldsOf({ title: [t.title], text: [t.text] }) })),
  ];
  return write(em, targets);
}

/**
 * Indexes units by their canonical name and every alias in unit_alias. A unit whose index already
 * holds exactly those texts is left alone, so calling it for every unit an import touched costs
 * three reads when nothing changed; any other has its old rows removed and rewritten.
 */
export async function indexUnits(em: EntityManager, unitRowIds: Iterable<number>): Promise<IndexStats> {
  const sem = em as SqlEntityManager;
  const ids = [...new Set(unitRowIds)].filter((id) => Number.isInteger(id));
  const total: IndexStats = { targets: 0, fields: 0 };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const units = await sem.execute<{ rowId: number; name: string }[]>(`select row_id as "rowId", name as "name" from unit where row_id in (${placeholders(chunk.length)})`, chunk);
    const aliases = await sem.execute<{ unitId: number; alias: string }[]>(
      `select unit_id as "unitId", alias as "alias" from unit_alias where unit_id in (${placeholders(chunk.length)}) order by row_id`,
      chunk,
    );
    const indexed = await sem.execute<{ targetId: number; field: string; text: string }[]>(
      `select target_id as "targetId", field as "field", text as "text" from search_field where target_kind = ? and target_id in (${placeholders(chunk.length)}) order by row_id`,
      [SearchHitKind.UNIT, ...chunk],
    );
    const aliasesOf = new Map<number, string[]>();
    for (const a of aliases) aliasesOf.set(Number(a.unitId), [...(aliasesOf.get(Number(a.unitId)) ?? []), a.alias]);
    const indexedOf = new Map<number, string[]>();
    for (const r of indexed) indexedOf.set(Number(r.targetId), [...(indexedOf.get(Number(r.targetId)) ?? []), `${r.field}\u0000${r.text}`]);

    const targets: Target[] = [];
    for (const u of units) {
      const id = Number(u.rowId);
      const target: Target = { kind: SearchHitKind.UNIT, id, documentId: null, fields: fieldsOf({ name: [u.name], alias: aliasesOf.get(id) ?? [] }) };
      const want = target.fields.flatMap((f) => f.texts.flatMap(pieces).map((t) => `${f.field}\u0000${t}`)).sort();
      const have = (indexedOf.get(id) ?? []).sort();
      if (want.join('\u0001') !== have.join('\u0001')) targets.push(target);
    }
    // units gone from the table lose their index too
    const present = new Set(units.map((u) => Number(u.rowId)));
    const stale = [...targets.map((t) => t.id), ...chunk.filter((id) => indexedOf.has(id) && !present.has(id))];
    if (stale.length) {
      await em.nativeDelete(SearchField, { targetKind: SearchHitKind.UNIT, targetId: { $in: stale } });
    }
    const stats = await write(em, targets);
    total.targets += stats.targets;
    total.fields += stats.fields;
  }
  return total;
}

/**
 * The whole index from scratch: every document and unit (a database built by a version with
 * another index), `progress` called after each document with how many are done of how many.
 */
export async function rebuildSearchIndex(em: EntityManager, progress?: (done: number, of: number) => void): Promise<IndexStats> {
  const sem = em as SqlEntityManager;
  await em.nativeDelete(SearchField, {});
  const total: IndexStats = { targets: 0, fields: 0 };
  const add = (s: IndexStats) => ((total.targets += s.targets), (total.fields += s.fields));
  const documents = await sem.execute<{ rowId: number }[]>(`select row_id as "rowId" from document order by row_id`);
  for (const [i, d] of documents.entries()) {
    add(await indexDocument(em, Number(d.rowId)));
    progress?.(i + 1, documents.length);
  }
  add(await indexUnits(em, (await sem.execute<{ rowId: number }[]>(`select row_id as "rowId" from unit order by row_id`)).map((u) => Number(u.rowId))));
  return total;
}

/** canonical, non-empty, distinct texts by field */
function fieldsOf(raw: Record<string, (string | null | undefined)[]>): Target['fields'] {
  const fields: Target['fields'] = [];
  for (const [field, values] of Object.entries(raw)) {
    const texts = [...new Set(values.filter((v): v is string => !!v).map(normalize).filter((t) => t.length > 0))];
    if (texts.length) fields.push({ field, texts });
  }
  return fields;
}

async function write(em: EntityManager, targets: Target[]): Promise<IndexStats> {
  const rows: FieldRow[] = [];
  for (const t of targets) {
    for (const f of t.fields) {
      const heading = FIELD_TIER[f.field] > FIELD_TIER.text;
      for (const text of f.texts.flatMap(pieces)) rows.push({ targetKind: t.kind, targetId: t.id, field: f.field, heading, text, documentId: t.documentId });
    }
  }
  const sem = em as SqlEntityManager;
  await insertFields((sql, params, method) => sem.execute(sql, params as never[], method), sem.getKnex().client.dialect === 'postgresql', rows);
  return { targets: targets.length, fields: rows.length };
}
