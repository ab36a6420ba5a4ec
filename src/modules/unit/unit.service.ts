import { normalizeName } from '../../ingest/resolve-units.js';
import type { Sql } from '../../graphql/sql.js';
import { apiError } from '../../graphql/errors.js';
import { UNIT_COLUMNS, type UnitRow } from './unit.loaders.js';

/**
 * Every unit a name can mean: the unit of that canonical name, or else every unit that has it
 * as an alias (市应急局 is one in each city). Brackets and spaces are normalised first.
 */
export async function unitsNamed(sql: Sql, name: string, jurisdiction?: string | null): Promise<UnitRow[]> {
  const n = normalizeName(name);
  const rows = await sql.all<UnitRow>(
    `/* unitsNamed */ select distinct ${UNIT_COLUMNS} from unit u
     where (u.name = ? or exists (select 1 from unit_alias ua where ua.unit_id = u.row_id and ua.alias = ?))
     ${jurisdiction ? 'and u.jurisdiction_code = ?' : ''} order by u.row_id`,
    [n, n, ...(jurisdiction ? [jurisdiction] : [])],
  );
  const exact = rows.filter((r) => r.name === n);
  return exact.length ? exact : rows;
}

/** the one unit a name means, null when none; an AMBIGUOUS error listing the candidates when several */
export async function theUnitNamed(sql: Sql, name: string, jurisdiction?: string | null): Promise<UnitRow | null> {
  const found = await unitsNamed(sql, name, jurisdiction);
  if (found.length > 1) {
    throw apiError('AMBIGUOUS', `"${name}" names ${found.length} units: ${found.map((u) => u.name).join(', ')}; pass jurisdiction to choose`, {
      candidates: found.map((u) => ({ name: u.name, jurisdiction: u.jurisdictionCode })),
    });
  }
  return found[0] ?? null;
}
