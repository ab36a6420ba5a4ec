import { createHash } from 'node:crypto';
import type { Sql } from '../../graphql/sql.js';
import { containsPattern, placeholders } from '../../graphql/sql.js';
import { type Connection, pageSize } from '../../graphql/relay.js';
import type { PageArgs } from '../../graphql/paging.js';
import { badInput } from '../../graphql/errors.js';
import { SearchHitKind, type SearchHitRow } from './search.types.js';
import { charLength, DENSITY_SCALE, FIELD_TIER, LENGTH_DAMPING, normalize, queryTokens } from './search.text.js';

export const MAX_QUERY_CHARS = 100;

/** the canonical query, or BAD_USER_INPUT */
export function searchQuery(raw: string): string {
  if (charLength(raw) > MAX_QUERY_CHARS) throw badInput('query', `at most ${MAX_QUERY_CHARS} characters, got ${charLength(raw)}`);
  const q = normalize(raw);
  if (!q) throw badInput('query', 'give something to search for (it is empty once whitespace is removed)');
  return q;
}

/**
 * The hits of a canonical query, one row per field that contains it: candidates are the fields
 * holding every token (one lookup in the token key), verified with LIKE against the canonical
 * text and ranked there, so the work grows with the hits, never with the table.
 */
function matches(q: string): { sql: string; params: unknown[] } {
  const tokens = queryTokens(q);
  const tier = `case f.field ${Object.entries(FIELD_TIER)
    .map(([field, t]) => `when '${field}' then ${t}`)
    .join(' ')} else 1 end`;
  // every literal inlined is one of ours (field names, integers); the query goes in as parameters
  const sql = `with cand as (
      select target_kind, target_id, field from search_token where token in (${placeholders(tokens.length)})
      group by target_kind, target_id, field having count(*) = ${tokens.length}
    ), m as (
      select f.row_id as fid, f.target_kind as kind, f.target_id as tid, f.field as field, ${tier} as tier, length(f.text) as len,
        (length(f.text) - length(replace(f.text, ?, ''))) / ${charLength(q)} as occ
      from cand c join search_field f on f.target_kind = c.target_kind and f.target_id = c.target_id and f.field = c.field
      where f.text like ? escape '\\'
    ), best as (
      select kind, tid, field, score_key, row_number() over (partition by kind, tid order by score_key desc, fid) as rn
      from (select fid, kind, tid, field,
              cast(tier * ${DENSITY_SCALE} + cast(occ as bigint) * ${DENSITY_SCALE} / (len + ${LENGTH_DAMPING}) as integer) as score_key from m) s
    )`;
  return { sql, params: [...tokens, q, containsPattern(q)] };
}

interface Cursor {
  scoreKey: number;
  kind: SearchHitKind;
  id: number;
}

// a cursor names its query, so that one from another search is refused rather than misread
function queryTag(q: string): string {
  return createHash('sha256').update(q, 'utf8').digest('hex').slice(0, 8);
}

export function encodeSearchCursor(q: string, hit: Pick<SearchHitRow, 'scoreKey' | 'kind' | 'targetId'>): string {
  return Buffer.from(`s:${queryTag(q)}:${hit.scoreKey}:${hit.kind}:${hit.targetId}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(q: string, cursor: string | null | undefined): Cursor | null {
  if (cursor == null) return null;
  const m = /^s:([0-9a-f]{8}):(\d+):(TASK|UNIT|DOCUMENT):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput('after', `"${cursor}" is not a cursor of a search`);
  if (m[1] !== queryTag(q)) throw badInput('after', `"${cursor}" is a cursor of another search query`);
  return { scoreKey: Number(m[2]), kind: m[3] as SearchHitKind, id: Number(m[4]) };
}

/**
 * A page of hits, best first (score, then kind and id): keyset over (score, kind, id), so a deep
 * page costs what the first does and pages neither repeat nor skip; one COUNT only if asked.
 */
export async function searchConnection(sql: Sql, rawQuery: string, args: PageArgs): Promise<Connection<SearchHitRow>> {
  const q = searchQuery(rawQuery);
  const first = pageSize(args.first);
  const after = decodeSearchCursor(q, args.after);
  const { sql: withMatches, params } = matches(q);
  const keyset = after ? ` and (score_key < ? or (score_key = ? and (kind > ? or (kind = ? and tid > ?))))` : '';
  const rows = await sql.all<{ kind: SearchHitKind; targetId: number; field: string; scoreKey: number }>(
    `/* search */ ${withMatches}
     select kind as "kind", tid as "targetId", field as "field", score_key as "scoreKey" from best
     where rn = 1${keyset} order by score_key desc, kind, tid limit ?`,
    [...params, ...(after ? [after.scoreKey, after.scoreKey, after.kind, after.kind, after.id] : []), first + 1],
  );
  const hits: SearchHitRow[] = rows.map((r) => ({ kind: r.kind, targetId: Number(r.targetId), field: r.field, scoreKey: Number(r.scoreKey), score: Number(r.scoreKey) / DENSITY_SCALE, query: q }));
  const page = hits.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeSearchCursor(q, node), node }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: hits.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return (total ??= sql
        .one<{ n: number }>(`/* searchCount */ ${withMatches} select cast(count(*) as integer) as "n" from best where rn = 1`, params)
        .then((r) => Number(r?.n ?? 0)));
    },
  };
}
