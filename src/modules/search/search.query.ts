import { createHash } from 'node:crypto';
import type { Sql } from '../../graphql/sql.js';
import { placeholders } from '../../graphql/sql.js';
import { type Connection, type PageArgs, pageDirection, rowIdOf } from '../../graphql/relay.js';
import { badInput } from '../../graphql/errors.js';
import { SearchHitKind, type SearchFilter, type SearchHitRow } from './search.types.js';
import { charLength, DENSITY_SCALE, FIELD_TIER, LENGTH_DAMPING, MAX_QUERY_CHARS, normalize } from './search.text.js';
import { type Narrowing, walksKey, windowSql } from './search.engine.js';
import { searchWindow } from '../../env.js';

/** the canonical query, or BAD_USER_INPUT */
export function searchQuery(raw: string): string {
  if (charLength(raw) > MAX_QUERY_CHARS) throw badInput('query', `at most ${MAX_QUERY_CHARS} characters, got ${charLength(raw)}`);
  const q = normalize(raw);
  if (!q) throw badInput('query', 'give something to search for (it is empty once whitespace is removed)');
  return q;
}

/**
 * The filter as joins and conditions over search_field `f`, inside each window's query. A filter
 * naming one document or division gives the rows to read (`from`): its few fields, straight from
 * search_field by its indexes on document and target, instead of the term's whole posting list.
 */
function narrowing(filter: SearchFilter | null | undefined): Narrowing {
  const where: string[] = [];
  const params: unknown[] = [];
  let from: Narrowing['from'] = null;
  let level = false;
  if (filter?.kinds?.length) where.push(`f.target_kind in (${placeholders(filter.kinds.length)})`) && params.push(...filter.kinds);
  if (filter?.document) where.push('f.document_id = ?') && params.push(rowIdOf(filter.document, 'Document', 'filter.document'));
  if (filter?.year != null) where.push('f.document_id in (select row_id from document where year = ?)') && params.push(filter.year);
  if (filter?.jurisdiction) {
    const code = filter.jurisdiction.trim();
    // the division's documents and units, each by its own index (an OR of the two would walk the whole table)
    from = {
      sql: `(select row_id from search_field where document_id in (select row_id from document where jurisdiction_code = ?)
             union all select row_id from search_field where target_kind = 'UNIT' and target_id in (select row_id from unit where jurisdiction_code = ?)) n
            join search_field f on f.row_id = n.row_id`,
      params: [code, code],
    };
  } else if (filter?.document) {
    from = { sql: 'search_field f', params: [] };
  }
  if (filter?.level) {
    level = true;
    where.push('coalesce(dj.level, u.level) = ?') && params.push(filter.level);
  }
  const join = level
    ? ` left join document d on d.row_id = f.document_id left join jurisdiction dj on dj.code = d.jurisdiction_code left join unit u on f.target_kind = 'UNIT' and u.row_id = f.target_id`
    : '';
  return { from, join, where: where.map((w) => ` and ${w}`).join(''), params };
}

/**
 * The hits of a canonical query, one row per target at its best field: each tier's window (the
 * first `window` matching fields in row-id order, headings and body apart so that a heading is
 * never crowded out), ranked by the occurrences counted in the canonical text (a row the index
 * were behind on would count none and drop out), so the work is bounded by the windows, never by
 * the table.
 */
function matches(postgres: boolean, q: string, filter: SearchFilter | null | undefined, window: number, walk: boolean): { sql: string; params: unknown[] } {
  const narrow = narrowing(filter);
  const tier = `case when f.heading then ${FIELD_TIER.title} else ${FIELD_TIER.text} end`;
  const headings = windowSql(postgres, q, true, narrow, window, walk);
  const bodies = windowSql(postgres, q, false, narrow, window, walk);
  // every literal inlined is one of ours (tiers, integers); the query and the filter go in as parameters
  const sql = `with cand as materialized (
      select fid, 1 as heading from (${headings.sql}) h
      union all
      select fid, 0 as heading from (${bodies.sql}) b
    ), m as (
      select f.row_id as fid, f.target_kind as kind, f.target_id as tid, f.field as field, ${tier} as tier, f.length as len,
        (f.length - length(replace(f.text, ?, ''))) / ${charLength(q)} as occ
      from cand c join search_field f on f.row_id = c.fid
    ), best as materialized (
      select kind, tid, field, score_key, row_number() over (partition by kind, tid order by score_key desc, fid) as rn
      from (select fid, kind, tid, field,
              cast(tier * ${DENSITY_SCALE} + cast(occ as bigint) * ${DENSITY_SCALE} / (len + ${LENGTH_DAMPING}) as integer) as score_key from m where occ > 0) s
    )`;
  const params = [...headings.params, ...bodies.params, q];
  return { sql, params };
}

interface Cursor {
  scoreKey: number;
  kind: SearchHitKind;
  id: number;
}

// a cursor names its query and filter, so that one from another search is refused rather than misread
function searchTag(q: string, filter: SearchFilter | null | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([q, filter?.kinds ?? null, filter?.document ?? null, filter?.level ?? null, filter?.jurisdiction?.trim() ?? null, filter?.year ?? null]), 'utf8')
    .digest('hex')
    .slice(0, 8);
}

export function encodeSearchCursor(tag: string, hit: Pick<SearchHitRow, 'scoreKey' | 'kind' | 'targetId'>): string {
  return Buffer.from(`s:${tag}:${hit.scoreKey}:${hit.kind}:${hit.targetId}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(tag: string, cursor: string | null | undefined, argument = 'after'): Cursor | null {
  if (cursor == null) return null;
  const m = /^s:([0-9a-f]{8}):(\d+):(TASK|UNIT|DOCUMENT):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput(argument, `"${cursor}" is not a cursor of a search`);
  if (m[1] !== tag) throw badInput(argument, `"${cursor}" is a cursor of another search query or filter`);
  return { scoreKey: Number(m[2]), kind: m[3] as SearchHitKind, id: Number(m[4]) };
}

/** an estimate said as one: two significant digits */
function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** the hits in the windows, and the stretch of row ids each full window covered (beyond it, as many again per stretch) */
const STATS = `select (select count(*) from best where rn = 1) as "n",
    (select count(*) from cand where heading = 1) as "headings", (select min(fid) from cand where heading = 1) as "headingsFrom", (select max(fid) from cand where heading = 1) as "headingsTo",
    (select count(*) from cand where heading = 0) as "bodies", (select min(fid) from cand where heading = 0) as "bodiesFrom", (select max(fid) from cand where heading = 0) as "bodiesTo",
    (select max(row_id) from search_field) as "top"`;
type Stats = Record<'n' | 'headings' | 'headingsFrom' | 'headingsTo' | 'bodies' | 'bodiesFrom' | 'bodiesTo' | 'top', number | string | null>;

/** the count of hits, exact when no window was full, else estimated from how far into the table the full ones reached */
function countOf(stats: Stats | undefined, window: number): { total: number; complete: boolean } {
  const v = (k: keyof Stats) => Number(stats?.[k] ?? 0);
  const windows = [
    { found: v('headings'), from: v('headingsFrom'), to: v('headingsTo') },
    { found: v('bodies'), from: v('bodiesFrom'), to: v('bodiesTo') },
  ];
  const complete = windows.every((w) => w.found < window);
  if (complete) return { total: v('n'), complete };
  const found = windows.reduce((s, w) => s + w.found, 0);
  const fields = windows.reduce((s, w) => s + (w.found < window ? w.found : (w.found * (v('top') - w.from + 1)) / Math.max(1, w.to - w.from + 1)), 0);
  // hits are targets, not fields: as many per field as in the windows
  return { total: roughly((v('n') * fields) / Math.max(1, found)), complete };
}

/**
 * A page of hits, best first (score, then kind and id): keyset over (score, kind, id), so a deep
 * page costs what the first does and pages neither repeat nor skip. The count comes with the page
 * (the windows are read once); a page past the end asks for it alone, only if asked.
 */
export async function searchConnection(sql: Sql, rawQuery: string, filter: SearchFilter | null | undefined, args: PageArgs): Promise<Connection<SearchHitRow> & { complete: Promise<boolean> }> {
  const q = searchQuery(rawQuery);
  const tag = searchTag(q, filter);
  const { size, backward } = pageDirection(args);
  const after = decodeSearchCursor(tag, args.after);
  const before = decodeSearchCursor(tag, args.before, 'before');
  const window = searchWindow();
  const walk = sql.postgres && !filter?.document && !filter?.jurisdiction && (await walksKey(sql, q));
  const { sql: withMatches, params } = matches(sql.postgres, q, filter, window, walk);
  // hits rank by score descending, then kind and id ascending: "after" a hit is ranked below it
  const below = ` and (score_key < ? or (score_key = ? and (kind > ? or (kind = ? and tid > ?))))`;
  const above = ` and (score_key > ? or (score_key = ? and (kind < ? or (kind = ? and tid < ?))))`;
  const bound = (c: Cursor) => [c.scoreKey, c.scoreKey, c.kind, c.kind, c.id];
  const rows = await sql.all<{ kind: SearchHitKind; targetId: number; field: string; scoreKey: number } & Stats>(
    `/* search */ ${withMatches}
     select kind as "kind", tid as "targetId", field as "field", score_key as "scoreKey", st.* from best cross join (${STATS}) st
     where rn = 1${after ? below : ''}${before ? above : ''} order by ${backward ? 'score_key, kind desc, tid desc' : 'score_key desc, kind, tid'} limit ?`,
    [...params, ...(after ? bound(after) : []), ...(before ? bound(before) : []), size + 1],
    { skewed: true },
  );
  const hits: SearchHitRow[] = rows.map((r) => ({ kind: r.kind, targetId: Number(r.targetId), field: r.field, scoreKey: Number(r.scoreKey), score: Number(r.scoreKey) / DENSITY_SCALE, query: q }));
  const more = hits.length > size;
  const page = hits.slice(0, size);
  if (backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeSearchCursor(tag, node), node }));
  let counted: Promise<{ total: number; complete: boolean }> | undefined;
  const count = () => (counted ??= rows.length ? Promise.resolve(countOf(rows[0], window)) : sql.one<Stats>(`/* searchCount */ ${withMatches} ${STATS}`, params, { skewed: true }).then((r) => countOf(r, window)));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: backward ? before !== null : more,
      hasPreviousPage: backward ? more : after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return count().then((c) => c.total);
    },
    get complete() {
      return count().then((c) => c.complete);
    },
  };
}
