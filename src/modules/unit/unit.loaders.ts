import DataLoader from 'dataloader';
import type { Level, UnitKind } from '../common/enums.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';
import { pagedLoader } from '../../graphql/paging.js';
import { contains } from '../jurisdiction/divisions.js';

export interface UnitRow {
  rowId: number;
  name: string;
  kind: UnitKind;
  level: Level;
  sector: string | null;
  jurisdictionCode: string | null;
  parentId: number | null;
  verified: boolean;
  version: number;
}

export interface UnitNameChangeRow {
  fromName: string;
  toName: string;
  effectiveDate: string;
}

export const UNIT_COLUMNS = `u.row_id as "rowId", u.name as "name", u.kind as "kind", u.level as "level", u.sector as "sector",
  u.jurisdiction_code as "jurisdictionCode", u.parent_id as "parentId", u.verified as "verified", u.version as "version"`;

export function unitLoaders(sql: Sql) {
  return {
    unitById: new DataLoader<number, UnitRow | null>(async (ids) => {
      const rows = await sql.all<UnitRow>(`/* unitById */ select ${UNIT_COLUMNS} from unit u where u.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    aliasesByUnitId: new DataLoader<number, string[]>(async (ids) => {
      const rows = await sql.all<{ unitId: number; alias: string }>(
        `/* aliasesByUnitId */ select unit_id as "unitId", alias as "alias" from unit_alias where unit_id in (${placeholders(ids.length)}) order by row_id`,
        [...ids],
      );
      const byUnit = groupBy(rows, (r) => r.unitId);
      return ids.map((id) => (byUnit.get(id) ?? []).map((r) => r.alias));
    }),
    nameChangesByUnitId: new DataLoader<number, UnitNameChangeRow[]>(async (ids) => {
      const rows = await sql.all<UnitNameChangeRow & { unitId: number }>(
        `/* nameChangesByUnitId */ select unit_id as "unitId", from_name as "fromName", to_name as "toName", effective_date as "effectiveDate"
         from unit_name_change where unit_id in (${placeholders(ids.length)}) order by effective_date, row_id`,
        [...ids],
      );
      const byUnit = groupBy(rows, (r) => r.unitId);
      return ids.map((id) => byUnit.get(id) ?? []);
    }),
    membersByCollectiveId: new DataLoader<number, UnitRow[]>(async (ids) => {
      const rows = await sql.all<UnitRow & { collectiveId: number }>(
        `/* membersByCollectiveId */ select ${UNIT_COLUMNS}, m.collective_id as "collectiveId" from unit_member m join unit u on u.row_id = m.member_id
         where m.collective_id in (${placeholders(ids.length)}) order by m.row_id`,
        [...ids],
      );
      const byCollective = groupBy(rows, (r) => r.collectiveId);
      return ids.map((id) => byCollective.get(id) ?? []);
    }),
    collectivesByMemberId: new DataLoader<number, UnitRow[]>(async (ids) => {
      const rows = await sql.all<UnitRow & { memberId: number }>(
        `/* collectivesByMemberId */ select ${UNIT_COLUMNS}, m.member_id as "memberId" from unit_member m join unit u on u.row_id = m.collective_id
         where m.member_id in (${placeholders(ids.length)}) order by m.row_id`,
        [...ids],
      );
      const byMember = groupBy(rows, (r) => r.memberId);
      return ids.map((id) => byMember.get(id) ?? []);
    }),
    // the same sector and kind at other levels, within the same line of divisions (省 ↔ 晋城市 ↔ 泽州县)
    counterpartsOf: new DataLoader<UnitRow, UnitRow[], number>(
      async (units) => {
        const sectors = [...new Set(units.map((u) => u.sector).filter((s): s is string => Boolean(s)))];
        const rows = sectors.length
          ? await sql.all<UnitRow>(
              `/* counterpartsOf */ select ${UNIT_COLUMNS} from unit u where u.sector in (${placeholders(sectors.length)}) and u.kind <> 'COLLECTIVE' order by u.row_id`,
              sectors,
            )
          : [];
        const bySector = groupBy(rows, (r) => r.sector);
        return units.map((u) =>
          u.sector && u.kind !== 'COLLECTIVE'
            ? (bySector.get(u.sector) ?? []).filter(
                (o) => o.rowId !== u.rowId && o.kind === u.kind && o.level !== u.level && o.jurisdictionCode && u.jurisdictionCode && (contains(o.jurisdictionCode, u.jurisdictionCode) || contains(u.jurisdictionCode, o.jurisdictionCode)),
              )
            : [],
        );
      },
      { cacheKeyFn: (u) => u.rowId },
    ),
    unitsByJurisdiction: pagedLoader<string, UnitRow & Record<string, unknown>>(sql, {
      columns: UNIT_COLUMNS,
      from: 'unit u',
      parent: 'u.jurisdiction_code',
      order: 'u.row_id',
      orderKey: 'rowId',
      list: 'Jurisdiction.units',
    }),
  };
}
