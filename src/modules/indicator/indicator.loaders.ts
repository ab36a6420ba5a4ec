import DataLoader from 'dataloader';
import type { IndicatorDirection } from './indicator.enums.js';
import { UNIT_COLUMNS, type UnitRow } from '../unit/unit.loaders.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';

export interface IndicatorRow {
  rowId: number;
  documentId: number;
  taskId: number;
  metric: string;
  metricKey: string;
  scope: string | null;
  unitOfMeasure: string | null;
  baseline: string | null;
  direction: IndicatorDirection;
  targetValue: number;
  targetUnit: string | null;
  deadline: string | null;
  deadlineYear: number | null;
  evidenceText: string;
  evidenceStart: number;
  evidenceEnd: number;
}

export interface ObservationRow {
  rowId: number;
  documentId: number;
  taskId: number | null;
  metric: string;
  metricKey: string;
  value: number;
  unit: string | null;
  change: string | null;
  period: string | null;
  evidenceText: string;
  evidenceStart: number;
  evidenceEnd: number;
}

export const INDICATOR_COLUMNS = `i.row_id as "rowId", i.document_id as "documentId", i.task_id as "taskId", i.metric as "metric", i.metric_key as "metricKey",
  i.scope as "scope", i.unit_of_measure as "unitOfMeasure", i.baseline as "baseline", i.direction as "direction", i.target_value as "targetValue",
  i.target_unit as "targetUnit", i.deadline as "deadline", i.deadline_year as "deadlineYear",
  i.evidence_text as "evidenceText", i.evidence_start as "evidenceStart", i.evidence_end as "evidenceEnd"`;

export const OBSERVATION_COLUMNS = `o.row_id as "rowId", o.document_id as "documentId", o.task_id as "taskId", o.metric as "metric", o.metric_key as "metricKey",
  o.obs_value as "value", o.value_unit as "unit", o.change_text as "change", o.obs_period as "period",
  o.evidence_text as "evidenceText", o.evidence_start as "evidenceStart", o.evidence_end as "evidenceEnd"`;

/** rows keyed by one id column, answered in key order */
function byKey<Row>(sql: Sql, query: (marks: string) => string, key: (row: Row) => number) {
  return new DataLoader<number, Row[]>(async (ids) => {
    const grouped = groupBy(await sql.all<Row>(query(placeholders(ids.length)), [...ids]), key);
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

export function indicatorLoaders(sql: Sql) {
  return {
    indicatorById: new DataLoader<number, IndicatorRow | null>(async (ids) => {
      const rows = await sql.all<IndicatorRow>(`/* indicatorById */ select ${INDICATOR_COLUMNS} from indicator i where i.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    observationById: new DataLoader<number, ObservationRow | null>(async (ids) => {
      const rows = await sql.all<ObservationRow>(`/* observationById */ select ${OBSERVATION_COLUMNS} from observation o where o.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    indicatorsByTaskId: byKey<IndicatorRow>(
      sql,
      (marks) => `/* indicatorsByTaskId */ select ${INDICATOR_COLUMNS} from indicator i where i.task_id in (${marks}) order by i.row_id`,
      (r) => r.taskId,
    ),
    ownersByIndicatorId: byKey<UnitRow & { indicatorId: number }>(
      sql,
      (marks) => `/* ownersByIndicatorId */ select ${UNIT_COLUMNS}, io.indicator_id as "indicatorId" from indicator_owner io join unit u on u.row_id = io.unit_id
        where io.indicator_id in (${marks}) order by io.row_id`,
      (r) => r.indicatorId,
    ),
    // matched when read, not when written: a report ingested before or after the plan is found alike
    observationsByIndicatorId: byKey<ObservationRow & { indicatorId: number }>(
      sql,
      (marks) => `/* observationsByIndicatorId */ select ${OBSERVATION_COLUMNS}, i.row_id as "indicatorId"
        from indicator i join document di on di.row_id = i.document_id
        join observation o on o.metric_key = i.metric_key join document od on od.row_id = o.document_id
        where i.row_id in (${marks}) and od.jurisdiction_code = di.jurisdiction_code order by i.row_id, o.row_id`,
      (r) => r.indicatorId,
    ),
    observationsByDocumentId: byKey<ObservationRow>(
      sql,
      (marks) => `/* observationsByDocumentId */ select ${OBSERVATION_COLUMNS} from observation o where o.document_id in (${marks}) order by o.row_id`,
      (r) => r.documentId,
    ),
  };
}
export type IndicatorLoaders = ReturnType<typeof indicatorLoaders>;
