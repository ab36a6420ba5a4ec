import type { Knex } from '@mikro-orm/knex';
import { containsSql, placeholders } from '../../graphql/sql.js';
import { charLength, ftsMatch, grams, queryGrams, tsQuery, tsVector } from './search.text.js';

// The one place where search differs by database: the full-text engine each ships, fed the same
// words (search.text.ts grams) so that both find exactly the same rows of search_field.

/**
 * SQLite: an FTS5 table keyed by search_field's row id, holding no text of its own (contentless:
 * the text is in search_field), one column per rank tier. Every character but spaces is part of a
 * word (categories), nothing is folded but case: the words are made by us, spaces between them.
 * PostgreSQL: a tsvector column on search_field with a GIN index per tier.
 */
const SQLITE_DDL = [
  // prefix='1': the postings of every word's first character kept together, so that a one-character query reads one list
  // instead of merging those of every bigram it begins (安 at L: 383 ms of CPU a request without it)
  `create virtual table if not exists search_grams using fts5(heading, body, content='', contentless_delete=1, prefix='1',
     tokenize="unicode61 remove_diacritics 0 categories 'L* N* P* S* M* C*'")`,
  // search_field rows go (a document replaced, deleted or cascaded): their words go with them
  `create trigger if not exists search_field_gone after delete on search_field begin delete from search_grams where rowid = old.row_id; end`,
];
// one index per tier: a heading search never reads the postings of body texts
const POSTGRES_DDL = [
  `alter table search_field add column if not exists grams tsvector`,
  // one index for both tiers, as the first version of this engine made it
  `drop index if exists search_field_grams`,
  `create index if not exists search_field_grams_heading on search_field using gin (grams) where heading`,
  `create index if not exists search_field_grams_body on search_field using gin (grams) where not heading`,
  // a filter by document or division reads by these foreign keys; SQLite indexes a foreign key with its table, PostgreSQL does not
  `create index if not exists search_field_document_id_index on search_field (document_id)`,
  `create index if not exists document_jurisdiction_code_index on document (jurisdiction_code)`,
];
/** the indexes gen drops during its load and ensureSearchEngine makes again */
export const POSTGRES_SEARCH_INDEXES = ['search_field_grams_heading', 'search_field_grams_body'];

/** the version of each engine's index: a database whose stamp differs has its index rebuilt once (src/orm.ts) */
export const SEARCH_INDEX_VERSION = { sqlite: 'fts-bigram-3', postgresql: 'gin-bigram-3' } as const;

const isPostgres = (knex: Knex) => knex.client.dialect === 'postgresql';

/**
 * Creates the engine's table or column and index where missing; the search_token table of versions
 * before the engine goes. `anew`: the index is about to be rebuilt, and SQLite's FTS5 table is made
 * again first (its definition may have changed; a virtual table cannot be altered).
 */
export async function ensureSearchEngine(knex: Knex, options: { anew?: boolean } = {}): Promise<void> {
  await knex.raw('drop table if exists search_token');
  if (options.anew && !isPostgres(knex)) await knex.raw('drop table if exists search_grams');
  for (const statement of isPostgres(knex) ? POSTGRES_DDL : SQLITE_DDL) await knex.raw(statement);
}

export interface FieldRow {
  targetKind: string;
  targetId: number;
  field: string;
  heading: boolean;
  text: string;
  documentId: number | null;
}

// rows per INSERT: well under SQLite's and PostgreSQL's limits on statement size and parameters
const CHUNK = 500;

/** runs one statement in the caller's transaction (EntityManager#execute): 'all' returns its rows */
export type Execute = (sql: string, params: unknown[], method: 'all' | 'run') => Promise<unknown>;

/** writes search_field rows and their words */
export async function insertFields(execute: Execute, postgres: boolean, rows: FieldRow[]): Promise<void> {
  const columns = `target_kind, target_id, field, heading, length, text, document_id${postgres ? ', grams' : ''}`;
  const row = `(${placeholders(postgres ? 8 : 7)})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.flatMap((r) => [r.targetKind, r.targetId, r.field, r.heading, charLength(r.text), r.text, r.documentId, ...(postgres ? [tsVector(r.text)] : [])]);
    const inserted = (await execute(`insert into search_field (${columns}) values ${chunk.map(() => row).join(', ')} returning row_id`, values, 'all')) as { row_id: number }[];
    if (postgres) continue;
    // RETURNING's order is not promised on SQLite: the words are matched to rows by reading them back
    const ids = inserted.map((r) => Number(r.row_id));
    const back = (await execute(`select row_id, heading, text from search_field where row_id in (${placeholders(ids.length)})`, ids, 'all')) as { row_id: number; heading: number; text: string }[];
    await insertGrams(execute, back.map((r) => ({ rowId: Number(r.row_id), heading: !!r.heading, text: r.text })));
  }
}

/** SQLite: the FTS5 rows of search_field rows just written */
async function insertGrams(execute: Execute, rows: { rowId: number; heading: boolean; text: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await execute(
      `insert into search_grams (rowid, heading, body) values ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
      chunk.flatMap((r) => {
        const words = grams(r.text).join(' ');
        return [r.rowId, r.heading ? words : null, r.heading ? null : words];
      }),
      'run',
    );
  }
}

/** a search filter as SQL over search_field `f` (search.query.ts narrowing): `where` is empty or starts with " and" */
export interface Narrowing {
  /** the rows to test directly, when the filter names one document or division; null: the index's matches */
  from: { sql: string; params: unknown[] } | null;
  join: string;
  where: string;
  params: unknown[];
}

/**
 * The first `limit` search_field rows of one tier that may hold the canonical query, in row-id
 * order (the same rows on both databases), as a statement selecting `fid` and its parameters: the
 * rows holding all its bigrams, looked up in SQLite's FTS5 table or the tier's GIN index on
 * PostgreSQL (one and two characters: exactly the rows holding it; longer: a few more, which the
 * ranking drops when it counts no occurrence); or, when the narrowing names its rows (one
 * document, one division: a few thousand at most), those of them holding the substring.
 */
export function windowSql(postgres: boolean, query: string, heading: boolean, narrow: Narrowing, limit: number, walk = false): { sql: string; params: unknown[] } {
  const tier = postgres ? (heading ? 'f.heading' : 'not f.heading') : `f.heading = ${heading}`;
  const contains = containsSql(postgres, 'f.text');
  const tail = `${narrow.where} order by f.row_id limit ${limit}`;
  if (narrow.from) return { sql: `select f.row_id as fid from ${narrow.from.sql}${narrow.join} where ${tier} and ${contains}${tail}`, params: [...narrow.from.params, query, ...narrow.params] };
  if (postgres) {
    // `walk`: a word in a large share of rows is found soonest walking the key in order, testing each row; a rarer one
    // from the tier's index — row_id + 0 keeps the planner, which cannot know where in the table the matches lie, from the walk
    const order = walk ? 'f.row_id' : 'f.row_id + 0';
    return { sql: `select f.row_id as fid from search_field f${narrow.join} where ${tier} and f.grams @@ cast(? as tsquery)${narrow.where} order by ${order} limit ${limit}`, params: [tsQuery(query), ...narrow.params] };
  }
  const f = narrow.join || narrow.where ? ` join search_field f on f.row_id = g.rowid${narrow.join}` : '';
  return {
    sql: `select g.rowid as fid from search_grams g${f} where search_grams match ?${narrow.where} order by g.rowid limit ${limit}`,
    params: [`${heading ? 'heading' : 'body'} : ${ftsMatch(query)}`, ...narrow.params],
  };
}

/** PostgreSQL: above this share of rows holding a query's words, its window walks the key instead of reading the index */
const WALK_SHARE = 0.04;
// the statistics ANALYZE keeps of the words (the 1,000 commonest and their shares), read once a minute per database
const commonWords = new WeakMap<object, { at: number; share: Map<string, number> }>();

/**
 * Whether a query's window on PostgreSQL should walk the key (its words are common: the first
 * 300 of its rows come soon) or read the GIN index (rare words: a walk could cross the whole
 * table). The share of rows is ANALYZE's: the least common of its bigrams, or for one character
 * the words it begins; a word ANALYZE does not list is below its smallest share, rare.
 */
export async function walksKey(sql: { database: object; statistics<T>(sql: string): Promise<T[]> }, query: string): Promise<boolean> {
  let common = commonWords.get(sql.database);
  if (!common || Date.now() - common.at > 60_000) {
    const rows = await sql.statistics<{ word: string; share: number }>(
      // the shares list three more numbers than there are words (the least and greatest share, the share of nulls)
      `select u.word as "word", u.share as "share" from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(word, share)
       where s.tablename = 'search_field' and s.attname = 'grams' and u.word is not null`,
    );
    common = { at: Date.now(), share: new Map(rows.map((r) => [r.word, Number(r.share)])) };
    commonWords.set(sql.database, common);
  }
  const shares = common.share;
  const share =
    Array.from(query).length === 1
      ? [...shares].reduce((sum, [word, s]) => sum + (word.startsWith(query) ? s : 0), 0)
      : Math.min(...queryGrams(query).map((w) => shares.get(w) ?? 0));
  return share >= WALK_SHARE;
}
