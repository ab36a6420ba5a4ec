import { distance } from 'fastest-levenshtein';
import { containsSql, type Sql } from '../../graphql/sql.js';

/** names considered, at most: those sharing the most two-character pieces with the name asked for */
const CANDIDATES = 200;
/** an edit distance beyond half the name's length is no longer a near miss */
const FARTHEST = 0.5;

/**
 * The unit names and aliases nearest to a name that matched none ("did you mean"): candidates
 * that share two-character pieces with it, found in the database, then ranked by edit distance
 * (fastest-levenshtein). A name known only as an alias is given with its unit's canonical name:
 * 省应急厅（山西省应急管理厅）.
 */
export async function nearestUnitNames(sql: Sql, name: string, limit = 5): Promise<string[]> {
  const chars = [...name];
  const pieces = [...new Set(chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i] + c))].slice(0, 20);
  if (!pieces.length) return [];
  const shared = (column: string) => pieces.map(() => `(case when ${containsSql(sql.postgres, column)} then 1 else 0 end)`).join(' + ');
  const rows = await sql.all<{ name: string; canonical: string | null; shared: number }>(
    `/* nearestUnitNames */ select * from (
       select u.name as "name", null as "canonical", ${shared('u.name')} as "shared" from unit u
       union all
       select ua.alias as "name", u.name as "canonical", ${shared('ua.alias')} as "shared" from unit_alias ua join unit u on u.row_id = ua.unit_id
     ) c where c."shared" > 0 order by c."shared" desc, c."name" limit ?`,
    [...pieces, ...pieces, CANDIDATES],
  );
  const ranked = rows
    .map((r) => ({ shown: r.canonical && r.canonical !== r.name ? `${r.name}（${r.canonical}）` : r.name, distance: distance(name, r.name) }))
    .filter((r) => r.distance <= Math.max(1, FARTHEST * chars.length))
    .sort((a, b) => a.distance - b.distance || a.shown.localeCompare(b.shown, 'zh'));
  return [...new Set(ranked.map((r) => r.shown))].slice(0, limit);
}
