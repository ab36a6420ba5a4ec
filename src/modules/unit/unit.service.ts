import { normalizeName } from '../../ingest/resolve-units.js';
import type { Sql } from '../../graphql/sql.js';
import { apiError } from '../../graphql/errors.js';
import { UNIT_COLUMNS, type UnitRow } from './unit.loaders.js';
import { NO_PLAN, type Plan } from '../../graphql/planner.js';
import { nearestUnitNames } from './unit.suggest.js';

/**
 * Every unit a name can mean: the unit of that canonical name, or else every unit that has it
 * as an alias (市应急局 is one in each city). Brackets and spaces are normalised first.
 * The two lookups are a union so that each uses its own index (an `or` scans every unit).
 */
export async function unitsNamed(sql: Sql, name: string, jurisdiction?: string | null, plan: Plan = NO_PLAN): Promise<UnitRow[]> {
  const n = normalizeName(name);
  const rows = await sql.all<UnitRow>(
    `/* unitsNamed */ select ${UNIT_COLUMNS}${plan.columns} from unit u
     where u.row_id in (select n.row_id from unit n where n.name = ? union select ua.unit_id from unit_alias ua where ua.alias = ?)
     ${jurisdiction ? 'and u.jurisdiction_code = ?' : ''} order by u.row_id`,
    [...plan.params, n, n, ...(jurisdiction ? [jurisdiction] : [])],
  );
  const exact = rows.filter((r) => r.name === n);
  return exact.length ? exact : rows;
}

/** the one unit a name means, null when none; an AMBIGUOUS error listing the candidates when several; `plan`: what the query asks of it next */
export async function theUnitNamed(sql: Sql, name: string, jurisdiction?: string | null, plan: Plan = NO_PLAN): Promise<UnitRow | null> {
  const found = await unitsNamed(sql, name, jurisdiction, plan);
  if (found.length > 1) {
    throw apiError('AMBIGUOUS', `"${name}" names ${found.length} units: ${found.map((u) => u.name).join(', ')}; pass jurisdiction to choose`, {
      candidates: found.map((u) => ({ name: u.name, jurisdiction: u.jurisdictionCode })),
    });
  }
  return found[0] ?? null;
}

/** the one unit a name given as `argument` means: NOT_FOUND (with the nearest names) when none, AMBIGUOUS when several */
export async function requireUnitNamed(sql: Sql, name: string, argument: string, jurisdiction?: string | null, plan: Plan = NO_PLAN): Promise<UnitRow> {
  const unit = await theUnitNamed(sql, name, jurisdiction, plan);
  if (!unit) throw await unitNotFound(sql, name, argument);
  return unit;
}

/** every unit a name given as `argument` can mean (an alias shared by several means each of them); NOT_FOUND with the nearest names when none */
export async function requireUnitsNamed(sql: Sql, name: string, argument: string): Promise<UnitRow[]> {
  const units = await unitsNamed(sql, name);
  if (!units.length) throw await unitNotFound(sql, name, argument);
  return units;
}

/** NOT_FOUND for a unit name, with "did you mean" suggestions: the nearest names and aliases */
async function unitNotFound(sql: Sql, name: string, argument: string) {
  const suggestions = await nearestUnitNames(sql, normalizeName(name));
  const hint = suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
  return apiError('NOT_FOUND', `${argument}: no unit has the name or alias "${name}"${hint}`, { argumentName: argument, suggestions });
}
