import DataLoader from 'dataloader';
import type { Level } from '../common/enums.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';

export interface JurisdictionRow {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

export const JURISDICTION_COLUMNS = `j.code as "code", j.name as "name", j.level as "level", j.parent_code as "parentCode"`;

export function jurisdictionLoaders(sql: Sql) {
  return {
    jurisdictionByCode: new DataLoader<string, JurisdictionRow | null>(async (codes) => {
      const rows = await sql.all<JurisdictionRow>(`/* jurisdictionByCode */ select ${JURISDICTION_COLUMNS} from jurisdiction j where j.code in (${placeholders(codes.length)})`, [...codes]);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => byCode.get(c) ?? null);
    }),
    jurisdictionChildren: new DataLoader<string, JurisdictionRow[]>(async (codes) => {
      const rows = await sql.all<JurisdictionRow>(
        `/* jurisdictionChildren */ select ${JURISDICTION_COLUMNS} from jurisdiction j where j.parent_code in (${placeholders(codes.length)}) order by j.code`,
        [...codes],
      );
      const byParent = groupBy(rows, (r) => r.parentCode);
      return codes.map((c) => byParent.get(c) ?? []);
    }),
  };
}
